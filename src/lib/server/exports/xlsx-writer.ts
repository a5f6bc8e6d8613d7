import type { Writable } from 'node:stream';
import type { Locale } from '../segments/index.ts';
import ExcelJS from '../xlsx/exceljs.ts';
import { columnHeaders, type ExportColumn } from './columns.ts';
import { safeCell } from './escape.ts';
import { drained, roomIn } from './sink.ts';
import type { RowWriter } from './writer.ts';

const NUMBER_FORMATS: Record<string, string> = { historical_revenue: '#,##0.00', predicted_value: '#,##0.00', p_alive: '0.000', orders: '0' };

/** 'YYYY-MM-DD' as a date cell (UTC midnight, which Excel shows as that day). */
function dateCell(value: unknown): Date | string | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : safeCell(value) as string;
}

/**
 * The deflate stream exceljs pipes the sheet's XML into. exceljs's StreamBuf writes to it
 * without waiting (stream-buf.js _pipe ignores write()'s answer), so XML piles up there
 * when compression is slower than the rows come; waiting for it to drain keeps memory
 * flat. Internal to exceljs 4.4: when the shape differs, only the sink is waited for.
 */
function zipInput(sheet: unknown): Writable | null {
	const pipes = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes;
	const first = Array.isArray(pipes) ? (pipes[0] as Writable | undefined) : undefined;
	return first && typeof first.once === 'function' ? first : null;
}

/** writableNeedDrain; archiver's readable-stream 2 PassThrough only has it in _writableState. */
function needsDrain(stream: Writable): boolean {
	return stream.writableNeedDrain ?? (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ?? false;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: rows are committed as they come
 * and zipped straight into the sink (no shared-strings table, which would hold every
 * distinct text in memory). Text cells are escaped exactly as in CSV, so both files
 * carry the same values; numbers are number cells and dates date cells.
 */
export function xlsxWriter(sink: Writable, columns: readonly ExportColumn[], options: { locale: Locale; sheetName: string }): RowWriter {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
	const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31).replace(/[[\]:*?/\\]/g, ' ') || 'Segment', {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	const dateFormat = options.locale === 'ru' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
	sheet.columns = columns.map((column) => ({
		key: column.key,
		width: column.width,
		style: column.kind === 'date' ? { numFmt: dateFormat } : NUMBER_FORMATS[column.key] ? { numFmt: NUMBER_FORMATS[column.key] } : {}
	}));
	const header = sheet.addRow(columnHeaders(columns, options.locale).map((text) => safeCell(text)));
	header.font = { bold: true };
	header.commit();
	return {
		async write(rows) {
			for (const values of rows) {
				sheet.addRow(values.map((value, i) => (columns[i].kind === 'date' ? dateCell(value) : safeCell(value)))).commit();
			}
			// Let the zip stream take the rows, then wait while compression or the reader is behind.
			await new Promise((resolve) => setImmediate(resolve));
			const zip = zipInput(sheet);
			if (zip && needsDrain(zip)) await drained(zip, sink);
			await roomIn(sink);
		},
		async finish() {
			// commits the sheet, waits until it is zipped, writes the rest and ends the sink
			await workbook.commit();
		}
	};
}
