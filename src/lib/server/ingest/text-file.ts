import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { privateDir } from '../config/private-files.ts';
import { decodeSingleByteParallel, SINGLE_BYTE_ENCODINGS } from './decode-pool.ts';
import { DEFAULT_INGEST_LIMITS, tooManyLines, type IngestLimits } from './ingest-limits.ts';
import type { TextEncoding } from './types.ts';

/** Enough text for detection: several hundred rows of a wide export. */
export const HEAD_BYTES = 256 * 1024;
const CHUNK = 4 * 1024 * 1024;

export async function readHead(file: string, bytes = HEAD_BYTES): Promise<{ head: Buffer; complete: boolean }> {
	const handle = await fs.promises.open(file, 'r');
	try {
		const buffer = Buffer.alloc(bytes);
		const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
		const size = (await handle.stat()).size;
		return { head: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
	} finally {
		await handle.close();
	}
}

/** Bytes at the end of `buf` that start a UTF-8 sequence the buffer does not finish. */
export function incompleteUtf8Tail(buf: Uint8Array): number {
	for (let back = 1; back <= Math.min(3, buf.length); back++) {
		const byte = buf[buf.length - back];
		if ((byte & 0xc0) === 0x80) continue;
		const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return needed > back ? back : 0;
	}
	return 0;
}

/**
 * BOM first (UTF-8, UTF-16LE/BE); then UTF-16 without BOM by its zero bytes; then
 * strict UTF-8; anything else is taken as windows-1251, the encoding of 1C and most
 * Russian and Ukrainian Windows exports.
 */
export function sniffEncoding(head: Uint8Array): TextEncoding {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	const sample = head.subarray(0, Math.min(head.length, 4096));
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample.length; i++) {
		if (sample[i] !== 0) continue;
		if (i % 2 === 0) evenZeros++;
		else oddZeros++;
	}
	if (oddZeros > sample.length / 4 && evenZeros < oddZeros / 8) return 'utf-16le';
	if (evenZeros > sample.length / 4 && oddZeros < evenZeros / 8) return 'utf-16be';
	const whole = head.subarray(0, head.length - incompleteUtf8Tail(head));
	return isUtf8(whole) ? 'utf-8' : 'windows-1251';
}

function decoderLabel(encoding: TextEncoding): string {
	return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

export function decodeHead(head: Uint8Array, encoding: TextEncoding): string {
	return new TextDecoder(decoderLabel(encoding)).decode(head, { stream: true });
}

export interface PreparedText {
	hash: string;
	sizeBytes: number;
	encoding: TextEncoding;
	/** UTF-8 text DuckDB reads: the file itself or a decoded temporary copy. */
	textFile: string;
	temporary: boolean;
	/** The text has an empty line somewhere (a blank line or a quoted one). */
	hasEmptyLines: boolean;
	/** Lines over the line limit, left blank in `textFile`: the load quarantines them. */
	longLines?: LongLine[];
}

type OnBytes = (done: number, total: number) => void;

/** Notices "\n\n" or "\n\r\n" anywhere in a stream of text or bytes, across chunk boundaries. */
class EmptyLineWatch {
	found = false;
	private tail = '';
	push(text: string): void {
		if (this.found) return;
		this.found = (this.tail + text.slice(0, 2)).includes('\n\n') || (this.tail + text.slice(0, 2)).includes('\n\r\n') ||
			text.includes('\n\n') || text.includes('\n\r\n');
		this.tail = text.slice(-2);
	}
	pushBytes(bytes: Buffer): void {
		if (this.found) return;
		const edge = this.tail + bytes.toString('latin1', 0, Math.min(2, bytes.length));
		this.found = edge.includes('\n\n') || edge.includes('\n\r\n') || bytes.includes('\n\n') || bytes.includes('\n\r\n');
		this.tail = bytes.toString('latin1', Math.max(0, bytes.length - 2));
	}
}

/**
 * Counts line feeds as the text streams, stopping the read once there are more than the
 * limit, and notices line ends DuckDB's reader fails on («The CSV Parser state machine
 * reached an invalid state»): CRLF and bare LF in one file, or a CR on its own. Such a text
 * is given LF line ends before the load (rewriteText), as is a text with a line over the limit.
 */
class LineScan {
	private lines = 0;
	private crlf = 0;
	private lf = 0;
	private cr = 0;
	private lastCr = false;
	/** Bytes of the line being read, and whether any line was longer than the line limit. */
	private lineBytes = 0;
	longLine = false;
	constructor(
		private readonly max: number,
		private readonly maxLineBytes: number
	) {}
	get needsUnifying(): boolean {
		return (this.crlf > 0 && this.lf > 0) || this.cr > this.crlf;
	}
	/** For a second pass over the same text (decoded after all). */
	reset(): void {
		this.lines = this.crlf = this.lf = this.cr = this.lineBytes = 0;
		this.lastCr = this.longLine = false;
	}
	bytes(chunk: Uint8Array): void {
		let start = 0;
		for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
			this.end(at > 0 ? chunk[at - 1] === 13 : this.lastCr);
			this.measure(at - start);
			this.lineBytes = 0;
			start = at + 1;
		}
		this.measure(chunk.length - start);
		for (let at = chunk.indexOf(13); at !== -1; at = chunk.indexOf(13, at + 1)) this.cr++;
		if (chunk.length) this.lastCr = chunk[chunk.length - 1] === 13;
		if (this.lines > this.max) throw tooManyLines(this.max);
	}
	text(chunk: string): void {
		let start = 0;
		for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) {
			this.end(at > 0 ? chunk.charCodeAt(at - 1) === 13 : this.lastCr);
			// UTF-16 units stand for at least as many UTF-8 bytes
			this.measure(at - start);
			this.lineBytes = 0;
			start = at + 1;
		}
		this.measure(chunk.length - start);
		for (let at = chunk.indexOf('\r'); at !== -1; at = chunk.indexOf('\r', at + 1)) this.cr++;
		if (chunk.length) this.lastCr = chunk.charCodeAt(chunk.length - 1) === 13;
		if (this.lines > this.max) throw tooManyLines(this.max);
	}
	private measure(bytes: number): void {
		this.lineBytes += bytes;
		if (this.lineBytes > this.maxLineBytes) this.longLine = true;
	}
	private end(afterCr: boolean): void {
		this.lines++;
		if (afterCr) this.crlf++;
		else this.lf++;
	}
}

/** A line over the line limit, taken out of the text DuckDB reads and quarantined by the load. */
export interface LongLine {
	/** Its line in the file (header = 1, as a spreadsheet shows it). */
	line: number;
	/** Its first thousand characters. */
	start: string;
}

/** Characters of a long line kept for the quarantine. */
const LONG_LINE_SHOWN = 1000;

/**
 * A copy of UTF-8 `source` DuckDB can read: LF line ends (CRLF becomes LF, and so does a CR
 * on its own — an old Mac line end, or a stray one: the line it splits is quarantined for
 * its field count instead of the whole load failing; in a quoted value it stays a line
 * break), and every line over `maxLineBytes` left blank and returned, to be quarantined
 * with its reason. DuckDB's own max_line_size would cut such a line at a byte count —
 * inside a Cyrillic letter — and fail the whole read on it. A long line is never held whole.
 */
async function rewriteText(source: string, target: string, maxLineBytes: number): Promise<LongLine[]> {
	const out = fs.createWriteStream(target);
	const failed = new Promise<never>((_, reject) => out.on('error', reject));
	failed.catch(() => undefined);
	const long: LongLine[] = [];
	let line = 1;
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let cut: Buffer | null = null;
	let carryCr = false;
	const write = async (bytes: Buffer) => {
		if (!out.write(bytes)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
	};
	const endLine = async () => {
		if (cut) long.push({ line, start: `${new TextDecoder().decode(cut).slice(0, LONG_LINE_SHOWN)}…` });
		else await write(Buffer.concat(pending));
		await write(Buffer.from('\n'));
		pending = [];
		pendingBytes = 0;
		cut = null;
		line += 1;
	};
	const addPart = (part: Buffer) => {
		if (cut) return;
		pending.push(part);
		pendingBytes += part.length;
		// over the limit: only its start is kept, the rest is skipped as it streams
		if (pendingBytes > maxLineBytes) {
			cut = Buffer.concat(pending).subarray(0, LONG_LINE_SHOWN * 4);
			pending = [];
		}
	};
	for await (const raw of fs.createReadStream(source, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		let chunk = raw;
		if (carryCr) chunk = Buffer.concat([Buffer.from('\r'), chunk]);
		carryCr = chunk.length > 0 && chunk[chunk.length - 1] === 13;
		if (carryCr) chunk = chunk.subarray(0, -1);
		let start = 0;
		for (let at = 0; at < chunk.length; at++) {
			const byte = chunk[at];
			if (byte !== 10 && byte !== 13) continue;
			addPart(chunk.subarray(start, at));
			await endLine();
			if (byte === 13 && chunk[at + 1] === 10) at += 1;
			start = at + 1;
		}
		addPart(Buffer.from(chunk.subarray(start)));
	}
	if (carryCr) {
		addPart(Buffer.alloc(0));
		await endLine();
	} else if (pendingBytes > 0 || cut) {
		// the last line had no line end: it gets none
		if (cut) long.push({ line, start: `${new TextDecoder().decode(cut).slice(0, LONG_LINE_SHOWN)}…` });
		else await write(Buffer.concat(pending));
	}
	out.end();
	await Promise.race([new Promise<void>((resolve) => out.once('finish', () => resolve())), failed]);
	return long;
}

async function hashAndCheckUtf8(file: string, size: number, onBytes: OnBytes, limit: LineScan): Promise<{ hash: string; valid: boolean; empty: boolean }> {
	const hash = createHash('sha256');
	const watch = new EmptyLineWatch();
	let carry: Buffer = Buffer.alloc(0);
	let valid = true;
	let done = 0;
	for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		limit.bytes(chunk);
		done += chunk.length;
		if (valid) {
			const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
			const cut = joined.length - incompleteUtf8Tail(joined);
			valid = isUtf8(joined.subarray(0, cut));
			carry = joined.subarray(cut);
			watch.pushBytes(chunk);
		}
		onBytes(done, size);
	}
	return { hash: hash.digest('hex'), valid: valid && carry.length === 0, empty: watch.found };
}

async function decodeToTemp(
	file: string,
	size: number,
	encoding: TextEncoding,
	target: string,
	onBytes: OnBytes,
	limit: LineScan
): Promise<{ hash: string; empty: boolean }> {
	const hash = createHash('sha256');
	const decoder = new TextDecoder(decoderLabel(encoding));
	const watch = new EmptyLineWatch();
	const out = fs.createWriteStream(target);
	const failed = new Promise<never>((_, reject) => out.on('error', reject));
	failed.catch(() => undefined);
	let done = 0;
	const write = async (text: string) => {
		limit.text(text);
		watch.push(text);
		if (!out.write(text)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
	};
	for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		done += chunk.length;
		await write(decoder.decode(chunk, { stream: true }));
		onBytes(done, size);
	}
	await write(decoder.decode());
	out.end();
	await Promise.race([new Promise<void>((resolve) => out.once('finish', () => resolve())), failed]);
	return { hash: hash.digest('hex'), empty: watch.found };
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Temp copies left by a load that was killed (their process is gone). */
export function removeStaleTemps(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const removed: string[] = [];
	for (const name of fs.readdirSync(dir)) {
		const pid = Number(/^ingest-(\d+)-/.exec(name)?.[1]);
		if (!pid || pid === process.pid || alive(pid)) continue;
		fs.rmSync(path.join(dir, name), { force: true });
		removed.push(name);
	}
	return removed;
}

let tempCounter = 0;
export function tempPath(dir: string, suffix: string): string {
	privateDir(dir);
	tempCounter += 1;
	return path.join(dir, `ingest-${process.pid}-${Date.now()}-${tempCounter}${suffix}`);
}

/**
 * One streaming pass: SHA-256 of the bytes and, unless the file already is UTF-8 (DuckDB
 * skips a UTF-8 BOM itself), the text decoded chunk by chunk into a UTF-8 temp file.
 * A file that looked UTF-8 in its head but is not further on is decoded as windows-1251.
 * More than `limits.maxRows` lines stop the pass with an IngestLimitError; lines over
 * `limits.maxLineBytes` are left blank in the copy DuckDB reads and listed in `longLines`.
 */
export async function prepareText(
	file: string,
	encoding: TextEncoding,
	tempDir: string,
	onBytes: OnBytes = () => {},
	limits: Pick<IngestLimits, 'maxRows' | 'maxLineBytes'> = DEFAULT_INGEST_LIMITS
): Promise<PreparedText> {
	const scan = new LineScan(limits.maxRows, limits.maxLineBytes);
	const prepared = await readText(file, encoding, tempDir, onBytes, scan);
	if (!scan.needsUnifying && !scan.longLine) return prepared;
	const rewritten = tempPath(tempDir, '.csv');
	let longLines: LongLine[];
	try {
		longLines = await rewriteText(prepared.textFile, rewritten, limits.maxLineBytes);
	} catch (error) {
		fs.rmSync(rewritten, { force: true });
		throw error;
	} finally {
		if (prepared.temporary) fs.rmSync(prepared.textFile, { force: true });
	}
	// a long line is left blank: the blank lines are found so the rows after it keep their numbers
	return { ...prepared, textFile: rewritten, temporary: true, longLines, hasEmptyLines: prepared.hasEmptyLines || longLines.length > 0 };
}

async function readText(file: string, encoding: TextEncoding, tempDir: string, onBytes: OnBytes, scan: LineScan): Promise<PreparedText> {
	const sizeBytes = (await fs.promises.stat(file)).size;
	if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
		const checked = await hashAndCheckUtf8(file, sizeBytes, onBytes, scan);
		if (checked.valid) {
			return { hash: checked.hash, sizeBytes, encoding, textFile: file, temporary: false, hasEmptyLines: checked.empty };
		}
		encoding = 'windows-1251';
		scan.reset();
	}
	const textFile = tempPath(tempDir, '.csv');
	try {
		if (SINGLE_BYTE_ENCODINGS.has(encoding)) {
			const watch = new EmptyLineWatch();
			const hash = await decodeSingleByteParallel(file, sizeBytes, encoding, textFile, onBytes, (utf8) => {
				scan.bytes(utf8);
				watch.pushBytes(utf8);
			});
			return { hash, sizeBytes, encoding, textFile, temporary: true, hasEmptyLines: watch.found };
		}
		const decoded = await decodeToTemp(file, sizeBytes, encoding, textFile, onBytes, scan);
		return { hash: decoded.hash, sizeBytes, encoding, textFile, temporary: true, hasEmptyLines: decoded.empty };
	} catch (error) {
		fs.rmSync(textFile, { force: true });
		throw error;
	}
}

/** SHA-256 of a file's bytes (XLSX, whose text comes from the converter). */
export async function hashFile(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) hash.update(chunk);
	return hash.digest('hex');
}
