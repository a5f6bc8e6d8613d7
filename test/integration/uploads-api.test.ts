import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { uploadsDir } from '../../src/lib/server/uploads/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import ExcelJS from '../../src/lib/server/xlsx/exceljs.ts';
import { malformedSales, unknownExport } from '../fixtures/segments/uploads.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';
import { usersByRole } from './auth-fixtures.ts';
import { uploadsClient } from './uploads-client.ts';

// Uploads through the API with the repository's ingest jobs and models (OBOROT_PROJECT =
// the repo), a temp OBOROT_HOME, the real guard, session cookie and CSRF header.
let home: string;
let paths: OborotPaths;
let warehouse: Warehouse;
const admin = usersByRole.admin;
let api: ReturnType<typeof uploadsClient>;

beforeAll(async () => {
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-uploads-'));
	paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: repoRoot });
	warehouse = await Warehouse.open(paths.warehouse);
	api = uploadsClient(paths, () => warehouse);
});
afterAll(() => {
	warehouse?.close();
	if (home) fs.rmSync(home, { recursive: true, force: true });
});

const request: ReturnType<typeof uploadsClient>['request'] = (...args) => api.request(...args);
const upload: ReturnType<typeof uploadsClient>['upload'] = (...args) => api.upload(...args);

interface Preview {
	upload: { id: string; name: string; size: number };
	preview: { family: string; entity: string; kind: string; dialect: { encoding: string; delimiter: string; decimal: string }; columns: { column: string; header: string | null }[]; rows: { rowNo: number; reason: string | null; reasonRu: string | null }[] };
	previous: { fileId: number } | null;
}

describe('an admin uploads a malformed export', () => {
	let preview: Preview;
	it('stores it and shows what ingest detected, with the rows that would be rejected', async () => {
		const response = await upload('реализация январь.csv', malformedSales);
		expect(response.status).toBe(201);
		preview = (await response.json()) as Preview;
		expect(preview.preview).toMatchObject({ family: 'accounting', entity: 'sales', kind: 'csv', dialect: { encoding: 'utf-8', delimiter: ';', decimal: ',' } });
		expect(preview.preview.columns.find((c) => c.column === 'qty')?.header).toBe('Количество');
		expect(preview.previous).toBeNull();
		// file lines 2–9 are Р-1…Р-8; the bad ones are lines 3, 4, 5, 7, 8
		expect(preview.preview.rows.filter((row) => row.reason).map((row) => row.rowNo)).toEqual([3, 4, 5, 7, 8]);
		// the page shows a Russian reader the Russian text: every problem row has one
		expect(preview.preview.rows.filter((row) => row.reasonRu).map((row) => row.rowNo)).toEqual([3, 4, 5, 7, 8]);
		expect(preview.preview.rows.find((row) => row.rowNo === 5)?.reasonRu).toBe('неверное число полей: 8 вместо 7');
		expect(fs.existsSync(path.join(uploadsDir(paths), preview.upload.id, 'реализация январь.csv'))).toBe(true);
	});

	it('loads it on confirm: rejected rows with reasons, every good row in the raw table', async () => {
		const response = await request('POST', `/api/uploads/${preview.upload.id}/ingest`, admin, '{}', { 'content-type': 'application/json' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			result: { status: string; read: number; loaded: number; rejected: number; fileId: number };
			rejected: { rowNo: number; reason: string; reasonRu: string | null; column: string | null; rawLine: string }[];
			rejectedTotal: number;
			rebuildSuggested: boolean;
		};
		// 8 rows read = 3 loaded (Р-1, Р-5, Р-8) + 5 rejected
		expect(body.result).toMatchObject({ status: 'loaded', read: 8, loaded: 3, rejected: 5 });
		expect(body.rejectedTotal).toBe(5);
		expect(body.rejected.map((row) => [row.rowNo, row.column])).toEqual([
			[3, 'date'],
			[4, 'qty'],
			[5, null],
			[7, 'date'],
			[8, 'amount']
		]);
		expect(body.rejected[0].reason).toContain('31.02.2026');
		expect(body.rejected[0].reasonRu).toMatch(/^столбец «.+»: не дата «31\.02\.2026» \(ожидается ДД\.ММ\.ГГГГ\)$/);
		expect(body.rejected[2]).toMatchObject({ reason: 'wrong number of fields: 8 instead of 7', reasonRu: 'неверное число полей: 8 вместо 7', rawLine: 'Р-4;13.01.2026;К-2;ИП Борисов;Обогреватели;1;300;лишнее' });
		expect(body.rebuildSuggested).toBe(true);
		const landed = await warehouse.query('select doc_no, amount from raw.accounting_sales where _file_id = $1 order by doc_no', [body.result.fileId]);
		expect(landed).toEqual([
			{ doc_no: 'Р-1', amount: 100 },
			{ doc_no: 'Р-5', amount: 150.5 },
			{ doc_no: 'Р-8', amount: 900 }
		]);
		// the temp copy is gone; the access log has the upload
		expect(fs.existsSync(path.join(uploadsDir(paths), preview.upload.id))).toBe(false);
		expect(await warehouse.query("select username, target, status from audit.access_log where action = 'upload'")).toEqual([
			{ username: 'admin-user', target: 'реализация январь.csv', status: 'loaded' }
		]);
	});

	it('says «already loaded» for the same file again, before and after confirming', async () => {
		const again = (await (await upload('копия.csv', malformedSales)).json()) as Preview;
		expect(again.previous).toMatchObject({ fileId: expect.any(Number) });
		const response = await request('POST', `/api/uploads/${again.upload.id}/ingest`, admin, '{}', { 'content-type': 'application/json' });
		const body = (await response.json()) as { result: { status: string; message: string }; rebuildSuggested: boolean };
		expect(body.result.status).toBe('skipped');
		expect(body.result.message).toMatch(/^already loaded/);
		expect(body.rebuildSuggested).toBe(false);
		expect((await warehouse.query<{ n: number }>('select count(*) as n from raw.accounting_sales'))[0].n).toBe(3);
	});
});

describe('wrong files get clear errors', () => {
	it('413 over the size limit, whether the size is declared or only seen while streaming', async () => {
		const small = uploadsClient(paths, () => warehouse, { limitMb: '0.001' }); // 1,048 bytes
		const big = 'x'.repeat(2000);
		const declared = await small.upload('реализация.csv', big);
		expect(declared.status).toBe(413);
		expect(await declared.json()).toMatchObject({ error: { code: 'too_large', message: expect.stringContaining('upload limit of 0 MB') } });
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(500)));
				controller.close();
			}
		});
		const streamed = await small.request('POST', '/api/uploads?name=sales.csv', admin, stream);
		expect(streamed.status).toBe(413);
		expect(fs.readdirSync(uploadsDir(paths))).toEqual([]);
		expect(((await (await request('GET', '/api/uploads', admin)).json()) as { maxBytes: number }).maxBytes).toBe(200 * 1024 * 1024);
	});

	it('415 for types ingest cannot read, and for content that does not match the name', async () => {
		for (const [name, bytes, text] of [
			['отчёт.pdf', '%PDF-1.4', 'upload a CSV, TSV, TXT or XLSX file'],
			['старый.xls', 'whatever', 'old Excel .xls'],
			['продажи.xlsx', 'Документ;Дата\n', 'not an Excel workbook inside'],
			['продажи.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'looks like a binary file']
		] as const) {
			const response = await upload(name, bytes);
			expect(response.status, name).toBe(415);
			expect(await response.json()).toMatchObject({ error: { code: 'unsupported_type', message: expect.stringContaining(text) } });
		}
	});

	it('keeps a file no ingest job knows, with the reason, so it can be mapped by hand; an empty one is refused', async () => {
		const response = await upload('data.csv', unknownExport);
		expect(response.status).toBe(201);
		const body = (await response.json()) as { upload: { id: string }; preview: null; unrecognized: string };
		expect(body.preview).toBeNull();
		expect(body.unrecognized).toContain('no known export');
		expect(fs.readdirSync(uploadsDir(paths))).toEqual([body.upload.id]);
		// read as an entity its headers do not fit, it still cannot be loaded: 422, and the upload stays
		const asSales = await request('GET', `/api/uploads/${body.upload.id}/preview?entity=accounting.sales`, admin);
		expect(asSales.status).toBe(422);
		expect(await asSales.json()).toMatchObject({ error: { code: 'not_an_export' } });
		expect((await request('DELETE', `/api/uploads/${body.upload.id}`, admin)).status).toBe(204);
		expect(fs.readdirSync(uploadsDir(paths))).toEqual([]);
		expect((await upload('пусто.csv', '')).status).toBe(400);
	});

	it('only an admin may upload: 403 for a marketer, 401 signed out', async () => {
		expect((await upload('реализация.csv', malformedSales, usersByRole.marketer)).status).toBe(403);
		expect((await upload('реализация.csv', malformedSales, usersByRole.executive)).status).toBe(403);
		expect((await upload('реализация.csv', malformedSales, null)).status).toBe(401);
	});
});

describe('XLSX uploads, discarding, rebuilding', () => {
	it('reads a workbook and can discard it', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Реализация');
		sheet.addRow(['Документ', 'Дата', 'Контрагент', 'Количество', 'Сумма']);
		sheet.addRow(['X-1', new Date(Date.UTC(2026, 0, 20)), 'ООО «Омега»', 2, 400]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const response = await upload('реализация.xlsx', bytes);
		expect(response.status).toBe(201);
		const preview = (await response.json()) as Preview;
		expect(preview.preview).toMatchObject({ kind: 'xlsx', family: 'accounting', entity: 'sales' });
		expect((await request('DELETE', `/api/uploads/${preview.upload.id}`, admin)).status).toBe(204);
		expect((await request('POST', `/api/uploads/${preview.upload.id}/ingest`, admin, '{}', { 'content-type': 'application/json' })).status).toBe(404);
	});

	it('rebuilds the models on request and records who asked', async () => {
		const response = await request('POST', '/api/uploads/rebuild', admin);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { buildId: number; status: string; modelsOk: number; noData: { model: string; needs: { table: string; familyTitle: { ru: string } | null }[] }[] };
		// Only sales were loaded: everything publishes, the stock plan empty for want of stock balances.
		expect(body.status).toBe('success');
		expect(body.noData.find((m) => m.model === 'stock_plan')?.needs).toMatchObject([{ table: 'raw.stock_balances', familyTitle: { ru: 'Склад' } }]);
		const builds = await warehouse.query('select triggered_by from audit.builds where build_id = $1', [body.buildId]);
		expect(builds).toEqual([{ triggered_by: 'admin-user (web upload)' }]);
	}, 300_000);
});
