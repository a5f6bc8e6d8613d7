import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OborotPaths } from '../../src/lib/server/config/paths.ts';
import { uploadsDir } from '../../src/lib/server/uploads/index.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { bombPart, packPart, unzipParts, writeZip } from '../helpers/zip-file.ts';
import { writeXlsx } from './ingest/helpers.ts';
import { uploadsClient, uploadsProject } from './uploads-client.ts';

// The cost limits as the upload page meets them: a project whose oborot.yml lowers
// max_rows and max_line_mb, the real API with the admin's session.
let setup: Awaited<ReturnType<typeof uploadsProject>>;
let dir: string;
let paths: OborotPaths;
let warehouse: Warehouse;
let api: ReturnType<typeof uploadsClient>;

beforeAll(async () => {
	setup = await uploadsProject('oborot-upload-limits-', (project) => fs.writeFileSync(path.join(project, 'oborot.yml'), 'name: limits\nlimits:\n  max_rows: 10\n  max_line_mb: 1\n'));
	({ dir, paths, warehouse, api } = setup);
});
afterAll(() => setup?.close());

const HEADER = ['Документ', '№', 'Дата', 'Контрагент', 'Артикул', 'Количество', 'Цена', 'Сумма'];
const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
const SHEET_CLOSE = '</t></is></c></row></sheetData></worksheet>';

async function workbookWith(sheet: ReturnType<typeof bombPart>): Promise<Buffer> {
	const base = await writeXlsx(path.join(dir, `base-${Math.random()}.xlsx`), [{ name: 'Продажи', rows: [HEADER] }]);
	const file = path.join(dir, `bomb-${Math.random()}.xlsx`);
	writeZip(file, unzipParts(base).map((part) => (part.name === sheet.name ? sheet : packPart(part.name, part.data))));
	return fs.readFileSync(file);
}

interface ErrorBody {
	error: { code: string; message: string; ru?: string };
}

describe('uploads over a cost limit', () => {
	it('a zip bomb answers 413 with the reason in English and Russian, and is not kept', async () => {
		const bytes = await workbookWith(bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 1024, SHEET_CLOSE));
		expect(bytes.length).toBeLessThan(1.2 * 1024 * 1024);
		const response = await api.upload('продажи.xlsx', bytes);
		expect(response.status).toBe(413);
		const body = (await response.json()) as ErrorBody;
		expect(body.error.code).toBe('expansion_too_high');
		expect(body.error.message).toMatch(/^«продажи\.xlsx»: the workbook's part xl\/worksheets\/sheet1\.xml unpacks 1,0\d\d times its packed size/);
		expect(body.error.ru).toMatch(/^«продажи\.xlsx»: часть книги xl\/worksheets\/sheet1\.xml распаковывается в 1\u00a00\d\d раз больше/);
		expect(fs.existsSync(uploadsDir(paths)) ? fs.readdirSync(uploadsDir(paths)) : []).toEqual([]);
	});

	it('a cell over the line limit answers 422 cell_too_long', async () => {
		const response = await api.upload('ячейка.xlsx', await workbookWith(bombPart('xl/worksheets/sheet1.xml', SHEET_OPEN, 'A', 2, SHEET_CLOSE)));
		expect(response.status).toBe(422);
		const body = (await response.json()) as ErrorBody;
		expect(body.error).toEqual({
			code: 'cell_too_long',
			message: '«ячейка.xlsx»: a cell of the workbook holds more than 1 MB of text, the line limit (max_line_mb); Excel itself holds at most 32,767 characters in a cell',
			ru: '«ячейка.xlsx»: в ячейке книги больше 1 МБ текста — это предел строки (max_line_mb); сам Excel хранит в ячейке не больше 32 767 знаков'
		});
	});

	it('a CSV longer than max_rows previews by its head, then its load answers 413 and nothing lands', async () => {
		const lines = [HEADER.join(';'), ...Array.from({ length: 12 }, (_, i) => `Р-${i + 1};1;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00`)];
		const uploaded = await api.upload('продажи.csv', `${lines.join('\n')}\n`);
		expect(uploaded.status).toBe(201);
		const { upload } = (await uploaded.json()) as { upload: { id: string } };
		const response = await api.json('POST', `/api/uploads/${upload.id}/ingest`, {});
		expect(response.status).toBe(413);
		const body = (await response.json()) as ErrorBody;
		expect(body.error).toEqual({
			code: 'too_many_rows',
			message: '«продажи.csv»: the file has more than 10 lines, the limit (max_rows): split the file or raise the limit in oborot.yml (limits)',
			ru: '«продажи.csv»: в файле больше 10 строк — это предел (max_rows): разделите файл или поднимите предел в oborot.yml (limits)'
		});
		expect(await warehouse.query('select count(*)::int as n from raw.accounting_sales')).toEqual([{ n: 0 }]);
		expect(await warehouse.query(`select name, status from audit.files`)).toEqual([{ name: 'продажи.csv', status: 'failed' }]);
	});
});
