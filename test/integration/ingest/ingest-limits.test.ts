import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS, ingestFiles, previewFile, type IngestLimits } from '../../../src/lib/server/ingest/index.ts';
import { bombPart, packPart, unzipParts, writeZip } from '../../helpers/zip-file.ts';
import { sandbox, write, writeXlsx, type Sandbox } from './helpers.ts';

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

const HEADER = ['Документ', '№', 'Дата', 'Контрагент', 'Артикул', 'Количество', 'Цена', 'Сумма'];
const goodRow = (doc: number) => [`Р-${doc}`, 1, '10.03.2024', 'ООО Альфа', `SKU-${doc}`, 2, '100,00', '200,00'];
const limits = (over: Partial<IngestLimits>): IngestLimits => ({ ...DEFAULT_INGEST_LIMITS, ...over });

const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
const SHEET_CLOSE = '</t></is></c></row></sheetData></worksheet>';

/** A real workbook of `rows` sales lines whose sheet part is replaced by `sheet` (parts of the original otherwise). */
async function workbookWithSheet(dir: string, name: string, sheet: ReturnType<typeof bombPart> | null, rows = 3): Promise<string> {
	const base = await writeXlsx(path.join(dir, `base-${name}`), [{ name: 'Продажи', rows: [HEADER, ...Array.from({ length: rows }, (_, i) => goodRow(i + 1))] }]);
	const parts = unzipParts(base).map((part) => (sheet && part.name === 'xl/worksheets/sheet1.xml' ? sheet : packPart(part.name, part.data)));
	const file = path.join(dir, name);
	writeZip(file, parts);
	return file;
}

describe('an XLSX zip bomb', () => {
	it('a 1 MB workbook whose one cell unpacks to 1 GB is refused by its zip directory, nothing unpacked and nothing loaded', async () => {
		box = await sandbox();
		const file = await workbookWithSheet(box.dir, 'bomb.xlsx', bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 1024, SHEET_CLOSE));
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result.status).toBe('failed');
		expect(result.limit).toMatchObject({ code: 'expansion_too_high', kind: 'too_large' });
		// 1 GiB + the XML around it over ~1 MB packed: about a thousand to one against a limit of 100
		expect(result.message).toMatch(/^the workbook's part xl\/worksheets\/sheet1\.xml unpacks 1,0\d\d times its packed size, over the limit of 100 \(max_expansion_ratio\)/);
		expect(result.limit?.ru).toMatch(/^часть книги xl\/worksheets\/sheet1\.xml распаковывается в 1\u00a00\d\d раз больше своего сжатого размера — больше предела 100/);
		const files = await box.warehouse.query<{ status: string; rows_loaded: number }>('select status, rows_loaded from audit.files');
		expect(files).toEqual([{ status: 'failed', rows_loaded: 0 }]);
	});

	it('the same bomb with a directory that lies about its size is stopped while it unpacks', async () => {
		box = await sandbox();
		const bomb = { ...bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 1024, SHEET_CLOSE), declaredUnpackedBytes: 2048 };
		const file = await workbookWithSheet(box.dir, 'liar.xlsx', bomb);
		// with a cell limit of 512 MB the unpacked stream passes 100 × the file's size (~105 MB) first
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxLineBytes: 512 * 1024 * 1024 }) });
		expect(result).toMatchObject({ status: 'failed', limit: { code: 'expansion_too_high', kind: 'too_large' } });
		expect(result.message).toMatch(/^the workbook's part being read unpacks \d+ times its packed size, over the limit of 100/);
	});

	it('one cell longer than the line limit stops the read (Excel holds at most 32,767 characters in a cell): 422, not a quarantined row', async () => {
		box = await sandbox();
		const file = await workbookWithSheet(box.dir, 'cell.xlsx', bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 3, SHEET_CLOSE));
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxLineBytes: 1024 * 1024 }) });
		expect(result).toMatchObject({ status: 'failed', limit: { code: 'cell_too_long', kind: 'unreadable' } });
		expect(result.message).toBe('a cell of the workbook holds more than 1 MB of text, the line limit (max_line_mb); Excel itself holds at most 32,767 characters in a cell');
	});

	it('a part declared larger than the unpacked limit is refused before it unpacks', async () => {
		box = await sandbox();
		const file = await workbookWithSheet(box.dir, 'big.xlsx', bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 3, SHEET_CLOSE));
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxUnpackedBytes: 2 * 1024 * 1024 }) });
		expect(result).toMatchObject({ status: 'failed', limit: { code: 'unpacked_too_large', kind: 'too_large' } });
		expect(result.message).toMatch(/^the workbook's part xl\/worksheets\/sheet1\.xml unpacks to 3 MB, over the limit of 2 MB \(max_unpacked_mb\)/);
	});
});

describe('rows of an XLSX sheet', () => {
	it('a sheet whose <dimension> reaches past the row limit is refused before its rows are read', async () => {
		box = await sandbox();
		const file = await writeXlsx(path.join(box.dir, 'sales.xlsx'), [{ name: 'Продажи', rows: [HEADER, ...Array.from({ length: 60 }, (_, i) => goodRow(i + 1))] }]);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxSheetRows: 50 }) });
		expect(result).toMatchObject({ status: 'failed', limit: { code: 'too_many_rows', kind: 'too_large' } });
		// header in row 1 and 60 lines under it: the sheet declares A1:H61
		expect(result.message).toBe('the sheet «xl/worksheets/sheet1.xml» reaches row 61, over the limit of 50 rows (max_sheet_rows): split the file or raise the limit in oborot.yml (limits)');
		expect(result.limit?.ru).toBe('лист «xl/worksheets/sheet1.xml» доходит до строки 61 — больше предела в 50 строк (max_sheet_rows): разделите файл или поднимите предел в oborot.yml (limits)');
	});

	it('without a <dimension> the rows are counted as they stream; the preview refuses the same way', async () => {
		box = await sandbox();
		const base = await writeXlsx(path.join(box.dir, 'base.xlsx'), [{ name: 'Продажи', rows: [HEADER, ...Array.from({ length: 60 }, (_, i) => goodRow(i + 1))] }]);
		const parts = unzipParts(base).map((part) =>
			packPart(part.name, part.name === 'xl/worksheets/sheet1.xml' ? Buffer.from(part.data.toString('utf8').replace(/<dimension [^>]*\/>/, '')) : part.data)
		);
		expect(parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')).toBeDefined();
		const file = path.join(box.dir, 'no-dimension.xlsx');
		writeZip(file, parts);
		const tight = limits({ maxSheetRows: 50 });
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: tight });
		expect(result.message).toBe('the sheet «Продажи» reaches row 51, over the limit of 50 rows (max_sheet_rows): split the file or raise the limit in oborot.yml (limits)');
		await expect(previewFile(box.paths, file, { limits: tight })).rejects.toMatchObject({ code: 'too_many_rows', kind: 'too_large' });
		// within the limit the same workbook loads whole
		const [loaded] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxSheetRows: 61 }) });
		expect(loaded).toMatchObject({ status: 'loaded', read: 60, loaded: 60, rejected: 0 });
	});
});

describe('CSV', () => {
	const csvLine = (cells: (string | number)[]) => cells.join(';');

	it('a line with one field over the line limit goes to quarantine with its reason; the rest loads and read = loaded + rejected', async () => {
		box = await sandbox();
		// Cyrillic: DuckDB's own cut of an over-long line falls inside a letter and used to fail the whole read
		const huge = 'Я'.repeat(1536 * 1024);
		const lines = [csvLine(HEADER), csvLine(goodRow(1)), csvLine(goodRow(2)), csvLine(['Р-3', 1, '10.03.2024', `ООО ${huge}`, 'SKU-3', 2, '100,00', '200,00']), csvLine(goodRow(4))];
		const file = write(box.dir, 'sales.csv', `${lines.join('\n')}\n`);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxLineBytes: 1024 * 1024 }) });
		expect(result).toMatchObject({ status: 'loaded', read: 4, loaded: 3, rejected: 1 });
		const rejected = await box.warehouse.query<{ row_no: number; reason: string; reason_ru: string; starts: string }>(
			'select row_no, reason, reason_ru, left(raw_line, 12) as starts from audit.rejected_rows'
		);
		expect(rejected).toEqual([
			{ row_no: 4, reason: 'line too long: over 1 MB, the limit (max_line_mb)', reason_ru: 'слишком длинная строка: больше 1 МБ — это предел (max_line_mb)', starts: 'Р-3;1;10.03.' }
		]);
		const loaded = await box.warehouse.query<{ doc_no: string }>('select doc_no from raw.accounting_sales order by _row_no');
		expect(loaded.map((r) => r.doc_no)).toEqual(['Р-1', 'Р-2', 'Р-4']);
	});

	it('more lines than max_rows: refused while it streams, nothing loaded, the failure recorded', async () => {
		box = await sandbox();
		const lines = [csvLine(HEADER), ...Array.from({ length: 20 }, (_, i) => csvLine(goodRow(i + 1)))];
		const file = write(box.dir, 'sales.csv', `${lines.join('\n')}\n`);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { limits: limits({ maxRows: 10 }) });
		expect(result).toMatchObject({ status: 'failed', read: 0, loaded: 0, limit: { code: 'too_many_rows', kind: 'too_large' } });
		expect(result.message).toBe('the file has more than 10 lines, the limit (max_rows): split the file or raise the limit in oborot.yml (limits)');
		expect(await box.warehouse.query('select count(*)::int as n from raw.accounting_sales')).toEqual([{ n: 0 }]);
		expect(await box.warehouse.query('select status from audit.files')).toEqual([{ status: 'failed' }]);
	});
});
