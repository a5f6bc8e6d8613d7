import fs from 'node:fs';
import ExcelJS, { watchXml, type Row, type XmlWatch } from '../xlsx/exceljs.ts';
import { declaredLastRow, readZipDirectory, ZipFormatError, type ZipEntry } from '../xlsx/zip-directory.ts';
import { CsvLines, csvField } from './csv-lines.ts';
import { cellTooLong, DEFAULT_INGEST_LIMITS, expansionTooHigh, tooManySheetRows, unpackedTooLarge, type IngestLimits } from './ingest-limits.ts';

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


const MB = 1024 * 1024;
/** Parts this small cost nothing whatever their ratio (a tiny styles.xml may pack 150 to 1). */
const RATIO_FLOOR_BYTES = 4 * MB;

/**
 * Refuses a workbook by its zip directory before anything unpacks: a part declared larger
 * than the limit or packed tighter than the ratio (a zip bomb), or a sheet whose <dimension>
 * reaches past the row limit. Every part counts (exceljs unpacks even the parts it skips).
 */
function checkDeclaredParts(file: string, limits: IngestLimits): void {
	let entries: ZipEntry[];
	try {
		entries = readZipDirectory(file);
	} catch (error) {
		if (error instanceof ZipFormatError) throw new Error(error.message);
		throw error;
	}
	for (const entry of entries) {
		// the ratio first: a bomb is told as one, whatever its size
		const ratio = entry.unpackedBytes / Math.max(entry.packedBytes, 1);
		if (entry.unpackedBytes > RATIO_FLOOR_BYTES && ratio > limits.maxExpansionRatio) throw expansionTooHigh(entry.name, ratio, limits.maxExpansionRatio);
		if (entry.unpackedBytes > limits.maxUnpackedBytes) throw unpackedTooLarge(entry.name, entry.unpackedBytes, limits.maxUnpackedBytes);
	}
	for (const entry of entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name))) {
		const lastRow = declaredLastRow(file, entry);
		if (lastRow !== null && lastRow > limits.maxSheetRows) throw tooManySheetRows(entry.name, lastRow, limits.maxSheetRows);
	}
}

/**
 * The same limits on what really unpacks (a zip may declare less than it holds): each part's
 * size, the whole workbook's expansion over the file's size, and one text run (a cell).
 */
function unpackWatch(file: string, limits: IngestLimits): XmlWatch {
	const packed = Math.max(fs.statSync(file).size, 1);
	let total = 0;
	return {
		onChunk(chunkBytes, partBytes, quietBytes) {
			total += chunkBytes;
			if (total > RATIO_FLOOR_BYTES && total / packed > limits.maxExpansionRatio) throw expansionTooHigh('being read', total / packed, limits.maxExpansionRatio);
			if (partBytes > limits.maxUnpackedBytes) throw unpackedTooLarge('being read', partBytes, limits.maxUnpackedBytes);
			if (quietBytes > limits.maxLineBytes) throw cellTooLong(limits.maxLineBytes);
		}
	};
}

/**
 * Converts the named sheet (or the first) of `file` into `target`, within `limits`: a
 * workbook over one is refused (IngestLimitError) as soon as the reader can tell.
 */
export async function xlsxToCsv(file: string, target: string, sheetName?: string, limits: IngestLimits = DEFAULT_INGEST_LIMITS): Promise<SheetCsv> {
	checkDeclaredParts(file, limits);
	return watchXml(unpackWatch(file, limits), () => convertSheet(file, target, sheetName, limits));
}

async function convertSheet(file: string, target: string, sheetName: string | undefined, limits: IngestLimits): Promise<SheetCsv> {
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
	try {
		for await (const worksheet of reader) {
			const ws = worksheet as unknown as AsyncIterable<Row> & { name: string };
			sheets.push(ws.name);
			const wanted = chosen === undefined && (sheetName === undefined || ws.name.toLowerCase() === sheetName.toLowerCase());
			if (wanted) chosen = ws.name;
			for await (const row of ws) {
				// every sheet is parsed (exceljs reads them all), so every sheet counts
				if (row.number > limits.maxSheetRows) throw tooManySheetRows(ws.name, row.number, limits.maxSheetRows);
				if (!wanted) continue;
				const values = (row.values as unknown[]) ?? [];
				const cells: string[] = [];
				for (let c = 1; c < values.length; c++) cells.push(csvField(cellText(values[c])));
				while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
				if (cells.length === 0) continue;
				width = Math.max(width, cells.length);
				out.add(`${row.number},${cells.join(',')}\n`);
				rows += 1;
				if (rows % 5000 === 0) await out.flush();
			}
		}
	} finally {
		await out.close();
	}
	if (chosen === undefined) {
		throw new Error(sheetName ? `sheet «${sheetName}» not found; the workbook has: ${sheets.join(', ')}` : 'the workbook has no sheets');
	}
	return { sheet: chosen, sheets, rows, width };
}
