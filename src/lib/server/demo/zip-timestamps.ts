import fs from 'node:fs';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EXTENDED_TIMESTAMP = 0x5455;

/** MS-DOS date and time fields of a zip entry for a given day (time 00:00). */
function dosStamp(date: Date): { time: number; date: number } {
	const year = Math.max(1980, date.getUTCFullYear());
	return { time: 0, date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate() };
}

function patchExtra(buf: Buffer, start: number, length: number, unixSeconds: number): void {
	let p = start;
	while (p + 4 <= start + length) {
		const id = buf.readUInt16LE(p);
		const size = buf.readUInt16LE(p + 2);
		if (id === EXTENDED_TIMESTAMP) {
			// flags byte, then up to three 4-byte times.
			for (let t = p + 5; t + 4 <= p + 4 + size; t += 4) buf.writeUInt32LE(unixSeconds, t);
		}
		p += 4 + size;
	}
}

/**
 * Sets every entry's modification time in a zip (XLSX) file to `date`. exceljs stamps
 * entries with the wall clock, which would make the same seed give different bytes.
 */
export function normaliseZipTimestamps(file: string, date: Date): void {
	const buf = fs.readFileSync(file);
	let eocd = -1;
	for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65535); p--) {
		if (buf.readUInt32LE(p) === EOCD) {
			eocd = p;
			break;
		}
	}
	if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
	const entries = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	const stamp = dosStamp(date);
	const unixSeconds = Math.floor(date.getTime() / 1000);
	for (let e = 0; e < entries; e++) {
		if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`${file}: broken central directory`);
		buf.writeUInt16LE(stamp.time, p + 12);
		buf.writeUInt16LE(stamp.date, p + 14);
		const nameLength = buf.readUInt16LE(p + 28);
		const extraLength = buf.readUInt16LE(p + 30);
		const commentLength = buf.readUInt16LE(p + 32);
		patchExtra(buf, p + 46 + nameLength, extraLength, unixSeconds);
		const local = buf.readUInt32LE(p + 42);
		if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`${file}: broken local header`);
		buf.writeUInt16LE(stamp.time, local + 10);
		buf.writeUInt16LE(stamp.date, local + 12);
		patchExtra(buf, local + 30 + buf.readUInt16LE(local + 26), buf.readUInt16LE(local + 28), unixSeconds);
		p += 46 + nameLength + extraLength + commentLength;
	}
	fs.writeFileSync(file, buf);
}
