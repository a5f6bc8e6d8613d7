import fs from 'node:fs';

/**
 * The UTF-8 ',' CSV a converter (XLSX, HTML table, 1CClientBankExchange) writes for DuckDB:
 * lines are buffered and written with back-pressure, and a write error surfaces on the
 * next flush or at close instead of being lost on the stream.
 */

/** A field of these CSVs, quoted when it must be. */
export function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines held before a write: large enough to amortise, small enough to keep memory flat. */
const BATCH_LINES = 5000;

export class CsvLines {
	private readonly out: fs.WriteStream;
	private readonly failed: Promise<never>;
	private buffer: string[] = [];

	constructor(target: string) {
		this.out = fs.createWriteStream(target);
		this.failed = new Promise<never>((_, reject) => this.out.on('error', reject));
		// observed here so an error before the next await is not an unhandled rejection
		this.failed.catch(() => undefined);
	}

	/** Adds one line (with its trailing newline); nothing is written until a flush. */
	add(line: string): void {
		this.buffer.push(line);
	}

	/** Writes the batch once it is full: call it where the reader may await. */
	async flushWhenFull(): Promise<void> {
		if (this.buffer.length >= BATCH_LINES) await this.flush();
	}

	/** Writes what is buffered, waiting for the stream to drain. */
	async flush(): Promise<void> {
		if (this.buffer.length === 0) return;
		const text = this.buffer.join('');
		this.buffer = [];
		if (!this.out.write(text)) await Promise.race([new Promise<void>((resolve) => this.out.once('drain', () => resolve())), this.failed]);
	}

	/** Flushes, ends the file and waits until it is on disk. */
	async close(): Promise<void> {
		try {
			await this.flush();
		} finally {
			this.out.end();
		}
		await Promise.race([new Promise<void>((resolve) => this.out.once('finish', () => resolve())), this.failed]);
	}
}
