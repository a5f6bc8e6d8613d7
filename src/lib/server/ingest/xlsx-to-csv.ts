import ExcelJS, { type Row } from '../xlsx/exceljs.ts';
import { CsvLines, csvField } from './csv-lines.ts';

/**
 * Streams one sheet of an XLSX workbook into a UTF-8 CSV the loader reads like any
 * export: the first field of every line is the sheet row number (so rejected rows are
 * reported by the row a user sees in Excel), dates are ISO, numbers use '.'.
 */

export interface SheetCsv {
	sheet: string;
	sheets: string[];
	rows: number;
	/** Widest row seen (cells, not counting the row-number field). */
	width: number;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** exceljs gives a cell's wall-clock time as a UTC Date. */
function isoDate(date: Date): string {
	const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
	const h = date.getUTCHours();
	const m = date.getUTCMinutes();
	const s = date.getUTCSeconds();
	return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
		if ('result' in v) return cellText(v.result);
		if ('formula' in v || 'sharedFormula' in v) return '';
		if (typeof v.text === 'string') return v.text;
		if (typeof v.error === 'string') return v.error;
	}
	return String(value);
}


/** Converts the named sheet (or the first) of `file` into `target`. */
export async function xlsxToCsv(file: string, target: string, sheetName?: string, onRow?: (rows: number) => void): Promise<SheetCsv> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	});
	const out = new CsvLines(target);
	const sheets: string[] = [];
	let chosen: string | undefined;
	let rows = 0;
	let width = 0;
	for await (const worksheet of reader) {
		const ws = worksheet as unknown as AsyncIterable<Row> & { name: string };
		sheets.push(ws.name);
		const wanted = chosen === undefined && (sheetName === undefined || ws.name.toLowerCase() === sheetName.toLowerCase());
		if (wanted) chosen = ws.name;
		for await (const row of ws) {
			if (!wanted) continue;
			const values = (row.values as unknown[]) ?? [];
			const cells: string[] = [];
			for (let c = 1; c < values.length; c++) cells.push(csvField(cellText(values[c])));
			while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
			if (cells.length === 0) continue;
			width = Math.max(width, cells.length);
			out.add(`${row.number},${cells.join(',')}\n`);
			rows += 1;
			if (rows % 5000 === 0) {
				await out.flush();
				onRow?.(rows);
			}
		}
	}
	await out.close();
	if (chosen === undefined) {
		throw new Error(sheetName ? `sheet «${sheetName}» not found; the workbook has: ${sheets.join(', ')}` : 'the workbook has no sheets');
	}
	return { sheet: chosen, sheets, rows, width };
}
