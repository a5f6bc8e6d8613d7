import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors.ts';
import type { OborotPaths } from '../config/paths.ts';
import { PRIVATE_FILE_MODE, privateDir } from '../config/private-files.ts';
import { checkUploadName, sniffContent } from './file-types.ts';

/**
 * Files dropped in the browser wait in <home>/uploads/<id>/<original name> until the
 * admin confirms or discards them (the original name is kept: ingest reads hints from
 * it). The body is streamed to disk and counted as it comes, so a 200 MB upload never
 * sits in memory and an oversized one is cut off at the limit. Uploads left for a day
 * are removed.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const STALE_MS = 24 * 60 * 60 * 1000;

export interface StoredUpload {
	id: string;
	name: string;
	size: number;
	sha256: string;
	file: string;
	uploadedBy: string;
	uploadedAt: string;
}

export function uploadsDir(paths: OborotPaths): string {
	return path.join(paths.home, 'uploads');
}

export function formatMegabytes(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function tooLarge(maxBytes: number): DomainError {
	return new DomainError('too_large', 'too_large', `the file is larger than the upload limit of ${formatMegabytes(maxBytes)}: split it, or put it in the inbox folder for the scheduler`);
}

export async function receiveUpload(
	paths: OborotPaths,
	input: { name: string; body: AsyncIterable<Uint8Array> | null; declaredSize: number | null; actor: string },
	options: { maxBytes: number }
): Promise<StoredUpload> {
	const name = checkUploadName(input.name);
	if (input.declaredSize !== null && input.declaredSize > options.maxBytes) throw tooLarge(options.maxBytes);
	if (!input.body) throw new DomainError('bad_input', 'empty_file', 'the request carried no file');
	removeStaleUploads(paths);
	const id = randomUUID();
	const dir = path.join(uploadsDir(paths), id);
	privateDir(dir);
	const file = path.join(dir, name);
	const hash = createHash('sha256');
	const out = fs.createWriteStream(file, { mode: PRIVATE_FILE_MODE });
	let size = 0;
	let head = Buffer.alloc(0);
	try {
		// Not for-await: leaving that loop cancels the body, which resets the connection
		// before the 413 reaches a client that sent no Content-Length.
		const chunks = input.body[Symbol.asyncIterator]();
		for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
			const chunk = next.value;
			size += chunk.byteLength;
			if (size > options.maxBytes) {
				void discardRest(chunks);
				throw tooLarge(options.maxBytes);
			}
			if (head.length < 65_536) head = Buffer.concat([head, Buffer.from(chunk.subarray(0, 65_536 - head.length))]);
			hash.update(chunk);
			if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		}
		await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
		if (size === 0) throw new DomainError('bad_input', 'empty_file', `«${name}» is empty`);
		sniffContent(name, head);
	} catch (error) {
		// the stream may still be opening the file: let it close before the folder goes
		out.on('error', () => undefined);
		if (!out.closed) await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const upload: StoredUpload = { id, name, size, sha256: hash.digest('hex'), file, uploadedBy: input.actor, uploadedAt: new Date().toISOString() };
	fs.writeFileSync(path.join(dir, 'upload.json'), JSON.stringify(upload), { mode: PRIVATE_FILE_MODE });
	return upload;
}

/** Reads and drops what the client still sends, so it can read the answer (the server's body limit ends it). */
async function discardRest(chunks: AsyncIterator<Uint8Array>): Promise<void> {
	try {
		while (!(await chunks.next()).done);
	} catch {
		// the client gave up, or the body went over the server's limit: nothing left to read
	}
}

export function readUpload(paths: OborotPaths, id: string): StoredUpload {
	if (!/^[0-9a-f-]{36}$/.test(id)) throw new DomainError('not_found', 'upload_not_found', `no upload «${id}»`);
	const meta = path.join(uploadsDir(paths), id, 'upload.json');
	if (!fs.existsSync(meta)) throw new DomainError('not_found', 'upload_not_found', 'this upload is gone (confirmed, discarded, or older than a day): upload the file again');
	return JSON.parse(fs.readFileSync(meta, 'utf8')) as StoredUpload;
}

export function removeUpload(paths: OborotPaths, id: string): void {
	readUpload(paths, id);
	fs.rmSync(path.join(uploadsDir(paths), id), { recursive: true, force: true });
}

export function removeStaleUploads(paths: OborotPaths, now = Date.now()): void {
	const dir = uploadsDir(paths);
	if (!fs.existsSync(dir)) return;
	for (const entry of fs.readdirSync(dir)) {
		const stat = fs.statSync(path.join(dir, entry), { throwIfNoEntry: false });
		if (stat && now - stat.mtimeMs > STALE_MS) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
	}
}
