import { once, type EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';

/** The reader went away (browser closed the download, disk full): stop producing rows. */
export class SinkClosedError extends Error {
	constructor() {
		super('the export stream was closed before the export finished');
	}
}

/**
 * Waits for `stream` (the sink itself, or a stream feeding it) to drain, or throws when
 * the sink closes first. The losing listener is removed, so waits do not pile up.
 */
export async function drained(stream: EventEmitter, sink: Writable): Promise<void> {
	const settled = new AbortController();
	const drain = once(stream, 'drain', { signal: settled.signal }).then(() => true);
	const closed = once(sink, 'close', { signal: settled.signal }).then(() => false);
	try {
		if (!(await Promise.race([drain, closed]))) throw new SinkClosedError();
	} finally {
		settled.abort();
		await Promise.allSettled([drain, closed]);
	}
}

/**
 * Waits until the sink has taken what it was given (backpressure), so a slow reader
 * holds the query back instead of the rows piling up in memory.
 */
export async function roomIn(sink: Writable): Promise<void> {
	if (sink.destroyed || sink.writableEnded) throw new SinkClosedError();
	if (sink.writableNeedDrain) await drained(sink, sink);
}

/** Writes text and waits for room. */
export async function writeText(sink: Writable, text: string): Promise<void> {
	if (sink.destroyed || sink.writableEnded) throw new SinkClosedError();
	sink.write(text);
	await roomIn(sink);
}
