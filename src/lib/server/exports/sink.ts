import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** The reader went away (browser closed the download, disk full): stop producing rows. */
export class SinkClosedError extends Error {
	constructor() {
		super('the export stream was closed before the export finished');
	}
}

/**
 * Waits until the sink has taken what it was given (backpressure), so a slow reader
 * holds the query back instead of the rows piling up in memory.
 */
export async function roomIn(sink: Writable): Promise<void> {
	if (sink.destroyed || sink.writableEnded) throw new SinkClosedError();
	if (!sink.writableNeedDrain) return;
	const drained = once(sink, 'drain').then(() => true);
	const closed = once(sink, 'close').then(() => false);
	if (!(await Promise.race([drained, closed]))) throw new SinkClosedError();
}

/** Writes text and waits for room. */
export async function writeText(sink: Writable, text: string): Promise<void> {
	if (sink.destroyed || sink.writableEnded) throw new SinkClosedError();
	sink.write(text);
	await roomIn(sink);
}
