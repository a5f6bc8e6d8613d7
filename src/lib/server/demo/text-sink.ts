import fs from 'node:fs';
import { encodeCp1251Into } from './cp1251.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1251';

export interface CsvFormat {
	encoding: TextEncodingName;
	delimiter: string;
	eol: '\r\n' | '\n';
	/** Lines before the header (a 1C statement's title). */
	preamble?: string[];
}

/** Where a written record landed: data row (1-based, after the header) and physical line. */
export interface RecordPosition {
	row: number;
	line: number;
}

const FLUSH_AT = 1 << 20;

/**
 * A delimited text file written row by row through a ~1 MB buffer with synchronous writes:
 * memory stays flat however many rows pass, and no stream backpressure to manage.
 */
export class CsvSink {
	readonly path: string;
	readonly format: CsvFormat;
	/** Data rows written (header and preamble excluded). */
	rows = 0;
	/** Physical lines written so far. */
	lines = 0;
	bytes = 0;
	private readonly fd: number;
	private readonly needsQuotes: RegExp;
	private buffer = '';
	private encoded: Buffer = Buffer.alloc(0);
	private closed = false;

	constructor(path: string, format: CsvFormat) {
		this.path = path;
		this.format = format;
		this.fd = fs.openSync(path, 'w');
		const d = format.delimiter.replace(/[\\\]^-]/g, '\\$&');
		this.needsQuotes = new RegExp(`[${d}"\\r\\n]`);
		if (format.encoding === 'utf-8-bom') this.buffer = '\uFEFF';
		for (const line of format.preamble ?? []) this.writeLine(line);
	}

	private quote(field: string): string {
		if (!this.needsQuotes.test(field)) return field;
		for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) this.lines++;
		return '"' + field.replaceAll('"', '""') + '"';
	}

	private writeLine(text: string): void {
		this.buffer += text + this.format.eol;
		this.lines++;
		if (this.buffer.length >= FLUSH_AT) this.flush();
	}

	header(fields: readonly string[]): void {
		this.writeLine(fields.map((f) => this.quote(f)).join(this.format.delimiter));
	}

	/** Writes one record; returns its data row number and the line it starts on. */
	row(fields: readonly string[]): RecordPosition {
		const line = this.lines + 1;
		let text = '';
		for (let i = 0; i < fields.length; i++) {
			if (i > 0) text += this.format.delimiter;
			text += this.quote(fields[i]);
		}
		this.writeLine(text);
		this.rows++;
		return { row: this.rows, line };
	}

	private flush(): void {
		if (!this.buffer) return;
		let chunk: Buffer;
		if (this.format.encoding === 'windows-1251') {
			if (this.encoded.length < this.buffer.length) this.encoded = Buffer.allocUnsafe(Math.max(this.buffer.length, FLUSH_AT * 2));
			const end = encodeCp1251Into(this.buffer, this.encoded, 0);
			chunk = this.encoded.subarray(0, end);
		} else {
			chunk = Buffer.from(this.buffer, 'utf8');
		}
		let written = 0;
		while (written < chunk.length) written += fs.writeSync(this.fd, chunk, written, chunk.length - written);
		this.bytes += chunk.length;
		this.buffer = '';
	}

	close(): void {
		if (this.closed) return;
		this.flush();
		fs.closeSync(this.fd);
		this.closed = true;
	}
}
