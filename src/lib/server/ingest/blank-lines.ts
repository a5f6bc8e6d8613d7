import fs from 'node:fs';

/**
 * Lines (as DuckDB counts them: one per record, one per blank line) that are blank.
 * DuckDB's read_csv skips blank lines without a trace, so the loader needs them to
 * give every row its spreadsheet-like number. Quotes are read as DuckDB reads them: a
 * quote opens a quoted value only at the start of a field, "" inside is a quote, and an
 * empty line inside a quoted value belongs to that value. Only run when the text has an
 * empty line at all (text-file.ts notices that while it streams).
 */
export async function findBlankLines(textFile: string, delimiter: string, afterLine: number): Promise<number[]> {
	const delim = delimiter.charCodeAt(0);
	const blank: number[] = [];
	let line = 0;
	let inQuotes = false;
	let quotePending = false;
	let atLineStart = true;
	let atFieldStart = true;
	let pendingCr = false;
	const stream = fs.createReadStream(textFile, { encoding: 'utf8', highWaterMark: 4 * 1024 * 1024 });
	for await (const chunk of stream as AsyncIterable<string>) {
		for (let i = 0; i < chunk.length; i++) {
			const ch = chunk.charCodeAt(i);
			if (pendingCr) {
				pendingCr = false;
				if (ch === 10) continue;
			}
			if (inQuotes) {
				if (quotePending) {
					quotePending = false;
					if (ch === 34) continue;
					inQuotes = false;
				} else {
					if (ch === 34) quotePending = true;
					continue;
				}
			}
			if (ch === 10 || ch === 13) {
				line += 1;
				if (atLineStart && line > afterLine) blank.push(line);
				atLineStart = true;
				atFieldStart = true;
				pendingCr = ch === 13;
			} else if (ch === delim) {
				atLineStart = false;
				atFieldStart = true;
			} else if (ch === 0xfeff && line === 0 && atLineStart) {
				continue;
			} else {
				if (ch === 34 && atFieldStart) inQuotes = true;
				atLineStart = false;
				atFieldStart = false;
			}
		}
	}
	return blank;
}
