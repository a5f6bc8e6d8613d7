import fs from 'node:fs';
import zlib from 'node:zlib';
import { readZipDirectory } from '../../src/lib/server/xlsx/zip-directory.ts';

/**
 * Zip files built by hand for tests of malformed workbooks: parts of a real XLSX taken
 * apart, one replaced (a zip bomb, a sheet without its <dimension>), and written again —
 * with honest sizes in the directory, or lying ones.
 */

export interface ZipPart {
	name: string;
	/** Deflated bytes (raw deflate). */
	packed: Buffer;
	unpackedBytes: number;
	crc: number;
	/** What the directory and the local header claim it unpacks to (a lie when set). */
	declaredUnpackedBytes?: number;
}

/** Every part of a zip, unpacked. */
export function unzipParts(file: string): { name: string; data: Buffer }[] {
	const bytes = fs.readFileSync(file);
	return readZipDirectory(file).map((entry) => {
		const at = entry.localHeaderOffset;
		const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
		const raw = bytes.subarray(start, start + entry.packedBytes);
		return { name: entry.name, data: entry.method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw) };
	});
}

export function packPart(name: string, data: Buffer): ZipPart {
	return { name, packed: zlib.deflateRawSync(data), unpackedBytes: data.length, crc: zlib.crc32(data) };
}

/**
 * A part whose middle is `repeat` bytes of one character, deflated without ever holding
 * them: one megabyte is deflated after a full flush (so the block refers to nothing before
 * it) and the block is repeated. The CRC is left 0: readers refuse the part before its end.
 */
export function bombPart(name: string, prefix: string, fill: string, megabytes: number, suffix: string): ZipPart {
	const deflate = (data: Buffer, flush: number) => zlib.deflateRawSync(data, { finishFlush: flush, level: 9 });
	const head = deflate(Buffer.from(prefix), zlib.constants.Z_FULL_FLUSH);
	const block = deflate(Buffer.alloc(1024 * 1024, fill), zlib.constants.Z_FULL_FLUSH);
	const tail = deflate(Buffer.from(suffix), zlib.constants.Z_FINISH);
	const packed = Buffer.concat([head, ...Array.from({ length: megabytes }, () => block), tail]);
	return { name, packed, unpackedBytes: Buffer.byteLength(prefix) + megabytes * 1024 * 1024 + Buffer.byteLength(suffix), crc: 0 };
}

/** Writes the parts as a zip (deflate, no data descriptors, sizes as declared). */
export function writeZip(file: string, parts: ZipPart[]): void {
	const chunks: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name);
		const unpacked = part.declaredUnpackedBytes ?? part.unpackedBytes;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(part.crc >>> 0, 14);
		local.writeUInt32LE(part.packed.length, 18);
		local.writeUInt32LE(unpacked, 22);
		local.writeUInt16LE(name.length, 26);
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(0x0800, 8);
		header.writeUInt16LE(8, 10);
		header.writeUInt32LE(part.crc >>> 0, 16);
		header.writeUInt32LE(part.packed.length, 20);
		header.writeUInt32LE(unpacked, 24);
		header.writeUInt16LE(name.length, 28);
		header.writeUInt32LE(offset, 42);
		chunks.push(local, name, part.packed);
		central.push(header, name);
		offset += 30 + name.length + part.packed.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	fs.writeFileSync(file, Buffer.concat([...chunks, directory, end]));
}
