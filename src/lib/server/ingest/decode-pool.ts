import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Decoding a single-byte encoding (windows-1251) in worker threads: every byte is one
 * character, so any chunk decodes on its own and chunks can be decoded side by side.
 * The main thread reads, hashes and writes the UTF-8 chunks back in file order.
 */

const CHUNK = 4 * 1024 * 1024;
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decoder = new TextDecoder(workerData.encoding);
const encoder = new TextEncoder();
parentPort.on('message', ({ id, bytes }) => {
	const text = decoder.decode(bytes);
	const out = new Uint8Array(text.length * 3);
	const { written } = encoder.encodeInto(text, out);
	parentPort.postMessage({ id, out: out.buffer, length: written }, [out.buffer]);
});`;

export const SINGLE_BYTE_ENCODINGS = new Set(['windows-1251']);

interface Decoded {
	id: number;
	out: ArrayBuffer;
	length: number;
}

export async function decodeSingleByteParallel(
	file: string,
	size: number,
	encoding: string,
	target: string,
	onBytes: (done: number, total: number) => void,
	onOutput: (utf8: Buffer) => void
): Promise<string> {
	// A core is left to the main thread, which hashes and writes (two workers on two cores measured slower).
	const workerCount = Math.max(1, Math.min(4, os.availableParallelism() - 1));
	const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { encoding } }));
	const pending = new Map<number, { resolve: (d: Decoded) => void; reject: (e: Error) => void }>();
	for (const worker of workers) {
		worker.on('message', (d: Decoded) => {
			pending.get(d.id)?.resolve(d);
			pending.delete(d.id);
		});
		worker.on('error', (error) => {
			for (const p of pending.values()) p.reject(error);
			pending.clear();
		});
	}
	const hash = createHash('sha256');
	const input = await fs.promises.open(file, 'r');
	const output = await fs.promises.open(target, 'w');
	const inFlight: Promise<Decoded>[] = [];
	let position = 0;
	let id = 0;
	const writeNext = async () => {
		const decoded = await inFlight.shift()!;
		const utf8 = Buffer.from(decoded.out, 0, decoded.length);
		onOutput(utf8);
		await output.write(utf8);
	};
	try {
		for (;;) {
			const bytes = Buffer.allocUnsafeSlow(CHUNK);
			const { bytesRead } = await input.read(bytes, 0, CHUNK, position);
			if (bytesRead === 0) break;
			position += bytesRead;
			const chunk = bytes.subarray(0, bytesRead);
			hash.update(chunk);
			const chunkId = id++;
			inFlight.push(
				new Promise<Decoded>((resolve, reject) => {
					pending.set(chunkId, { resolve, reject });
					workers[chunkId % workerCount].postMessage({ id: chunkId, bytes: chunk }, [bytes.buffer as ArrayBuffer]);
				})
			);
			if (inFlight.length >= workerCount * 2) await writeNext();
			onBytes(position, size);
		}
		while (inFlight.length) await writeNext();
		return hash.digest('hex');
	} finally {
		await input.close();
		await output.close();
		await Promise.all(workers.map((w) => w.terminate()));
	}
}
