import type { Writable } from 'node:stream';
import Papa from 'papaparse';
import type { Locale } from '../segments/index.ts';
import { columnHeaders, type ExportColumn } from './columns.ts';
import { safeCell } from './escape.ts';
import { writeText } from './sink.ts';
import type { RowWriter } from './writer.ts';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel then reads Cyrillic), CRLF line ends,
 * fields quoted by papaparse (delimiter, quote, line break inside), text cells escaped
 * against formulas (escape.ts). With `;` — what Russian Excel expects — numbers get a
 * decimal comma as well, so 1234.5 opens as a number, not as text.
 */
export function csvWriter(sink: Writable, columns: readonly ExportColumn[], options: { locale: Locale; delimiter: CsvDelimiter }): RowWriter {
	const decimalComma = options.delimiter === ';';
	const unparse = (rows: unknown[][]) => Papa.unparse(rows, { delimiter: options.delimiter, newline: '\r\n', escapeFormulae: false, quotes: false });
	const cell = (value: unknown) => {
		const safe = safeCell(value);
		if (typeof safe === 'number') return decimalComma ? String(safe).replace('.', ',') : String(safe);
		return safe ?? '';
	};
	let started = false;
	return {
		async write(rows) {
			let text = '';
			if (!started) {
				started = true;
				text = `\uFEFF${unparse([columnHeaders(columns, options.locale).map(cell)])}\r\n`;
			}
			if (rows.length) text += `${unparse(rows.map((row) => row.map(cell)))}\r\n`;
			if (text) await writeText(sink, text);
		},
		async finish() {
			await this.write([]);
			sink.end();
		}
	};
}
