import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * The table of contents of a zip file (an XLSX workbook): each part's name and its packed
 * and unpacked sizes, read from the central directory at the end of the file without
 * unpacking anything. What it declares may lie; the XLSX reader also counts what really
 * unpacks (exceljs.ts).
 */
export interface ZipEntry {
	name: string;
	method: number;
	packedBytes: number;
	unpackedBytes: number;
	localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

export class ZipFormatError extends Error {}

function read(fd: number, position: number, length: number): Buffer {
	const buffer = Buffer.alloc(length);
	const got = fs.readSync(fd, buffer, 0, length, position);
	return buffer.subarray(0, got);
}

/** Where the central directory is and how many entries it has (zip64 aware). */
function directoryLocation(fd: number, size: number): { offset: number; bytes: number; count: number } {
	// The end record is 22 bytes plus a comment of up to 65,535.
	const tailStart = Math.max(0, size - 22 - 65_535);
	const tail = read(fd, tailStart, size - tailStart);
	let at = -1;
	for (let i = tail.length - 22; i >= 0; i--) {
		if (tail.readUInt32LE(i) === EOCD) {
			at = i;
			break;
		}
	}
	if (at < 0) throw new ZipFormatError('not a zip file (no central directory): an XLSX workbook is one');
	let count = tail.readUInt16LE(at + 10);
	let bytes = tail.readUInt32LE(at + 12);
	let offset = tail.readUInt32LE(at + 16);
	if ((offset === MAX32 || bytes === MAX32 || count === 0xffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
		const record = read(fd, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
		if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('broken zip64 directory');
		count = Number(record.readBigUInt64LE(32));
		bytes = Number(record.readBigUInt64LE(40));
		offset = Number(record.readBigUInt64LE(48));
	}
	if (offset + bytes > size) throw new ZipFormatError('the zip directory points past the end of the file');
	return { offset, bytes, count };
}

/** The entries of the central directory of `file`. */
export function readZipDirectory(file: string): ZipEntry[] {
	const fd = fs.openSync(file, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const location = directoryLocation(fd, size);
		const directory = read(fd, location.offset, location.bytes);
		const entries: ZipEntry[] = [];
		let at = 0;
		for (let n = 0; n < location.count; n++) {
			if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError('broken zip directory');
			const nameLength = directory.readUInt16LE(at + 28);
			const extraLength = directory.readUInt16LE(at + 30);
			const commentLength = directory.readUInt16LE(at + 32);
			const entry: ZipEntry = {
				name: directory.toString('utf8', at + 46, at + 46 + nameLength),
				method: directory.readUInt16LE(at + 10),
				packedBytes: directory.readUInt32LE(at + 20),
				unpackedBytes: directory.readUInt32LE(at + 24),
				localHeaderOffset: directory.readUInt32LE(at + 42)
			};
			applyZip64(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
			entries.push(entry);
			at += 46 + nameLength + extraLength + commentLength;
		}
		return entries;
	} finally {
		fs.closeSync(fd);
	}
}

/** Sizes over 4 GB are in the zip64 extra field, in this order, only those marked 0xFFFFFFFF. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
	for (let at = 0; at + 4 <= extra.length; ) {
		const id = extra.readUInt16LE(at);
		const length = extra.readUInt16LE(at + 2);
		if (id === 0x0001) {
			let field = at + 4;
			const next = () => {
				const value = field + 8 <= at + 4 + length ? Number(extra.readBigUInt64LE(field)) : MAX32;
				field += 8;
				return value;
			};
			if (entry.unpackedBytes === MAX32) entry.unpackedBytes = next();
			if (entry.packedBytes === MAX32) entry.packedBytes = next();
			if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
			return;
		}
		at += 4 + length;
	}
}

/** Packed bytes read to find a sheet's <dimension> (it comes before the rows; 4 KB unpack to at most ~4 MB). */
const PEEK_PACKED = 4096;

/**
 * The last row a worksheet part declares in its <dimension ref="A1:F1500000"/>, from the
 * first few KB of the part; null when it has none there. A declared row is a hint for an early
 * refusal: the reader still counts the rows it really meets.
 */
export function declaredLastRow(file: string, entry: ZipEntry): number | null {
	if (entry.method !== 0 && entry.method !== 8) return null;
	const fd = fs.openSync(file, 'r');
	let head: Buffer;
	try {
		const local = read(fd, entry.localHeaderOffset, 30);
		if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return null;
		const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
		head = read(fd, dataStart, Math.min(PEEK_PACKED, entry.packedBytes || PEEK_PACKED));
	} finally {
		fs.closeSync(fd);
	}
	let xml: string;
	try {
		xml = (entry.method === 0 ? head : zlib.inflateRawSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH })).toString('utf8', 0, 64 * 1024);
	} catch {
		return null;
	}
	const before = xml.split('<sheetData')[0];
	const ref = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"/i.exec(before);
	return ref ? Number(ref[1]) : null;
}
