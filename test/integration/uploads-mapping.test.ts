import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, ingestInbox, savedMappingsDir } from '../../src/lib/server/ingest/index.ts';
import { aprilSales, februarySales, januarySales, marchSales, SALES_LIST_HEADER, SALES_LIST_MAPPING } from '../fixtures/mapping/sales-document-list.ts';
import { unknownExport } from '../fixtures/segments/uploads.ts';
import { sandbox, write, writeXlsx, type Sandbox } from './ingest/helpers.ts';
import { uploadsClient } from './uploads-client.ts';

// The mapping by hand through the uploads API (the repository's ingest jobs, a temp
// OBOROT_HOME): a sales list that detection reads as goods receipts is previewed and
// loaded as sales with its columns mapped by hand, the mapping is saved, and later files
// with the same header — from the upload API, `ingestFiles` (the CLI) and the inbox — are
// read by it, until it is deleted.
let box: Sandbox;
let api: ReturnType<typeof uploadsClient>;

beforeAll(async () => {
	box = await sandbox();
	api = uploadsClient(box.paths, () => box.warehouse);
});
afterAll(() => box?.close());

interface Preview {
	upload: { id: string; name: string };
	preview: {
		family: string;
		entity: string;
		headers: string[];
		columns: { column: string; title: { ru: string; en: string } | null; required: boolean; header: string | null }[];
		mapping: { kind: string; name: string | null } | null;
		missing: string[];
		notes: string[];
		notesRu: string[];
		rows: { rowNo: number; values: Record<string, unknown>; reason: string | null; reasonRu: string | null }[];
		rejectedRows: { rowNo: number; reason: string | null; reasonRu: string | null }[];
		checked: { rows: number; rejected: number };
	} | null;
	unrecognized: string | null;
}
interface Loaded {
	result: { status: string; family: string; entity: string; read: number; loaded: number; rejected: number; fileId: number; appliedMapping?: { kind: string; name: string } };
}

const NAME = 'Продажи из 1С (список документов)';
const withoutAmount = Object.fromEntries(Object.entries(SALES_LIST_MAPPING).filter(([header]) => header !== 'Сумма'));
const auditFiles = async () => (await box.warehouse.query<{ n: number }>('select count(*) as n from audit.files'))[0].n;
const salesOfFile = async (fileId: number) =>
	(await box.warehouse.query<{ n: number; amount: number; qty: number }>('select count(*) as n, sum(amount) as amount, sum(qty) as qty from raw.accounting_sales where _file_id = $1', [fileId]))[0];

async function uploaded(name: string, bytes: Uint8Array): Promise<Preview> {
	const response = await api.upload(name, bytes);
	expect(response.status).toBe(201);
	return (await response.json()) as Preview;
}

describe('a sales list detected as goods receipts, mapped by hand', () => {
	let january: Preview;

	it('is detected as receipts by its headers today, the return line quarantined below the minimum', async () => {
		january = await uploaded('продажи январь.csv', januarySales);
		// the premise of issue 10: Номер, Контрагент and Цена are aliases of stock.receipts
		expect(january.preview).toMatchObject({ family: 'stock', entity: 'receipts', mapping: null });
		expect(january.preview?.rejectedRows.map((r) => r.rowNo)).toEqual([7]);
		expect(january.preview?.checked).toEqual({ rows: 7, rejected: 1 });
	});

	it('previews as sales with a hand mapping that lacks a needed column: the column is named as missing', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'accounting.sales', columns: withoutAmount });
		expect(response.status).toBe(200);
		const { preview } = (await response.json()) as Preview;
		expect(preview).toMatchObject({ family: 'accounting', entity: 'sales', mapping: { kind: 'hand', name: null }, missing: ['amount'] });
		// every column carries its title for the page, and what the load needs is marked
		expect(preview?.columns.find((c) => c.column === 'doc_no')).toMatchObject({ title: { ru: 'Номер документа', en: 'Document number' }, required: true, header: 'Номер' });
		expect(preview?.columns.find((c) => c.column === 'amount')).toMatchObject({ required: true, header: null });
	});

	it('previews the complete mapping: typed rows, the return now a negative line, nothing rejected', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'accounting.sales', columns: SALES_LIST_MAPPING });
		const { preview } = (await response.json()) as Preview;
		expect(preview?.missing).toEqual([]);
		expect(preview?.checked).toEqual({ rows: 7, rejected: 0 });
		expect(preview?.rows[0].values).toMatchObject({ doc_no: 'РТ-0001', date: '2026-01-09', customer_name: 'ООО «Альфа»', customer_inn: '7701234567', sku: 'HA-12', qty: 2, price: 45000, amount: 90000 });
		expect(preview?.rows.find((r) => r.rowNo === 7)?.values).toMatchObject({ doc_no: 'ВК-0001', qty: -1, amount: -6200 });
	});

	it('refuses to save or load a mapping that leaves out a needed column, saying which, and records nothing', async () => {
		const before = await auditFiles();
		const save = await api.json('POST', `/api/uploads/${january.upload.id}/mapping`, { name: NAME, entity: 'accounting.sales', columns: withoutAmount });
		expect(save.status).toBe(422);
		expect(await save.json()).toEqual({
			error: { code: 'mapping_incomplete', message: 'the mapping leaves out columns accounting.sales needs: amount (Amount); map a column of the file to each' }
		});
		const load = await api.json('POST', `/api/uploads/${january.upload.id}/ingest`, { entity: 'accounting.sales', columns: withoutAmount });
		expect(load.status).toBe(422);
		expect(await load.json()).toMatchObject({ error: { code: 'mapping_incomplete' } });
		expect(fs.existsSync(savedMappingsDir(box.paths))).toBe(false);
		expect(await auditFiles()).toBe(before);
	});

	it('refuses a column mapped twice or one the entity does not have', async () => {
		const twice = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'accounting.sales', columns: { ...SALES_LIST_MAPPING, Цена: 'amount' } });
		expect(twice.status).toBe(422);
		expect(await twice.json()).toMatchObject({ error: { code: 'mapping_invalid', message: '«Цена» and «Сумма» are both mapped to amount: choose one' } });
		const unknown = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'accounting.sales', columns: { Цена: 'unit_cost' } });
		expect(await unknown.json()).toMatchObject({ error: { code: 'mapping_invalid', message: '«unit_cost» is not a column of accounting.sales' } });
	});

	it('saves the mapping under a name, for the header of the file', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/mapping`, { name: NAME, entity: 'accounting.sales', columns: SALES_LIST_MAPPING });
		expect(response.status).toBe(201);
		expect(await response.json()).toMatchObject({ mapping: { name: NAME, entity: 'accounting.sales', header: SALES_LIST_HEADER, savedBy: 'admin-user' }, replaced: [] });
		const list = (await (await api.request('GET', '/api/uploads/mappings')).json()) as { mappings: { id: string; name: string; columns: Record<string, string> }[]; broken: unknown[] };
		expect(list.mappings).toEqual([expect.objectContaining({ id: 'продажи-из-1с-список-документов', name: NAME, columns: SALES_LIST_MAPPING })]);
		expect(list.broken).toEqual([]);
		// one YAML file beside the warehouse, in the format of ingest/mappings plus the header
		expect(fs.readdirSync(savedMappingsDir(box.paths))).toEqual(['продажи-из-1с-список-документов.yml']);
	});

	it('loads the file with the hand mapping: every line, the return included', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/ingest`, { entity: 'accounting.sales', columns: SALES_LIST_MAPPING });
		expect(response.status).toBe(200);
		const { result } = (await response.json()) as Loaded;
		expect(result).toMatchObject({ status: 'loaded', family: 'accounting', entity: 'sales', read: 7, loaded: 7, rejected: 0, appliedMapping: { kind: 'hand', name: null } });
		// 90 000 + 7 000 + 6 200 + 10 500 + 45 000 − 6 200 + 26 700; quantities 2 + 2 + 1 + 5 + 1 − 1 + 3
		expect(await salesOfFile(result.fileId)).toEqual({ n: 7, amount: 179200, qty: 13 });
	});
});

describe('later files with the same header are read by the saved mapping', () => {
	it('from the upload API: another name and other rows, detected through the mapping and loaded', async () => {
		const february = await uploaded('реализация 2026-02.csv', februarySales);
		expect(february.preview).toMatchObject({ family: 'accounting', entity: 'sales', mapping: { kind: 'saved', name: NAME }, missing: [] });
		const response = await api.json('POST', `/api/uploads/${february.upload.id}/ingest`, {});
		const { result } = (await response.json()) as Loaded;
		expect(result).toMatchObject({ status: 'loaded', entity: 'sales', read: 4, loaded: 4, appliedMapping: { kind: 'saved', name: NAME } });
		// 20 500 + 38 000 + 3 500 + 17 800; 10 + 1 + 1 + 2
		expect(await salesOfFile(result.fileId)).toEqual({ n: 4, amount: 79800, qty: 14 });
	});

	it('from ingestFiles, the path of `oborot ingest`', async () => {
		const file = write(box.dir, 'exports/sales_2026_03.csv', marchSales);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', family: 'accounting', entity: 'sales', loaded: 2, rejected: 0, appliedMapping: { kind: 'saved', name: NAME } });
		expect(result.notes[0]).toBe(`read by the saved mapping «${NAME}»: the file's header is the one it was saved for`);
		// 12 400 + 4 200
		expect(await salesOfFile(result.fileId as number)).toEqual({ n: 2, amount: 16600, qty: 4 });
	});

	it('from the inbox', async () => {
		write(box.paths.inbox, 'accounting/апрель.csv', aprilSales);
		const [result] = await ingestInbox(box.warehouse, box.paths, 'accounting', { minAgeMs: 0 });
		expect(result).toMatchObject({ status: 'loaded', entity: 'sales', loaded: 3, rejected: 0, appliedMapping: { kind: 'saved', name: NAME } });
		// 45 000 + 3 500 − 2 100; 1 + 1 − 1
		expect(await salesOfFile(result.fileId as number)).toEqual({ n: 3, amount: 46400, qty: 1 });
		expect(result.archivedTo).toBe(path.join(box.paths.archive, 'accounting', 'апрель.csv'));
	});

	it('from a workbook with that header on its first sheet', async () => {
		const file = await writeXlsx(path.join(box.dir, 'продажи-май.xlsx'), [
			{ name: 'Реализация', rows: [SALES_LIST_HEADER, [new Date(Date.UTC(2026, 4, 12)), 'РТ-0501', 'ООО «Гамма»', '7812345678', 'Вентилятор', 'VT-16', 3, 2100, 6300]] }
		]);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', entity: 'sales', loaded: 1, appliedMapping: { kind: 'saved', name: NAME } });
		expect(await salesOfFile(result.fileId as number)).toEqual({ n: 1, amount: 6300, qty: 3 });
	});

	it('not when the header differs: a column more is detection’s again', async () => {
		const wider = Buffer.from(`${SALES_LIST_HEADER.join(';')};Склад\n05.05.2026;РТ-0401;ООО «Альфа»;7701234567;Кондиционер;HA-12;1;45 000,00;45 000,00;Основной\n`);
		const preview = await uploaded('продажи май.csv', wider);
		expect(preview.preview).toMatchObject({ entity: 'receipts', mapping: null });
		expect((await api.request('DELETE', `/api/uploads/${preview.upload.id}`)).status).toBe(204);
	});
});

describe('deleting the saved mapping', () => {
	it('restores plain detection, and a second delete is a 404', async () => {
		expect((await api.request('DELETE', `/api/uploads/mappings/${encodeURIComponent('продажи-из-1с-список-документов')}`)).status).toBe(204);
		expect(((await (await api.request('GET', '/api/uploads/mappings')).json()) as { mappings: unknown[] }).mappings).toEqual([]);
		const again = await uploaded('реализация 2026-02 (копия).csv', februarySales);
		expect(again.preview).toMatchObject({ family: 'stock', entity: 'receipts', mapping: null });
		const second = await api.request('DELETE', `/api/uploads/mappings/${encodeURIComponent('продажи-из-1с-список-документов')}`);
		expect(second.status).toBe(404);
		expect(await second.json()).toMatchObject({ error: { code: 'mapping_not_found' } });
		expect((await api.request('DELETE', `/api/uploads/${again.upload.id}`)).status).toBe(204);
	});
});

describe('a file no entity recognises', () => {
	it('is kept, and read as an entity its columns are all listed as missing until mapped', async () => {
		const unknown = await uploaded('data.csv', new TextEncoder().encode(unknownExport));
		expect(unknown.preview).toBeNull();
		const response = await api.json('POST', `/api/uploads/${unknown.upload.id}/preview`, { entity: 'stock.skus', columns: null });
		const { preview } = (await response.json()) as Preview;
		expect(preview).toMatchObject({ entity: 'skus', headers: ['Foo', 'Bar', 'Baz'], missing: ['sku', 'name'] });
		const mapped = await api.json('POST', `/api/uploads/${unknown.upload.id}/preview`, { entity: 'stock.skus', columns: { Foo: 'sku', Bar: 'name' } });
		expect(((await mapped.json()) as Preview).preview?.rows[0].values).toMatchObject({ sku: '1', name: '2' });
		expect((await api.request('DELETE', `/api/uploads/${unknown.upload.id}`)).status).toBe(204);
	});
});
