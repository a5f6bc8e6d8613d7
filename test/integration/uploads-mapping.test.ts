import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, ingestInbox, savedMappingsDir } from '../../src/lib/server/ingest/index.ts';
import { BARE_LIST_HEADER, BARE_LIST_MAPPING, bareApril, bareFebruary, bareJanuary, bareMarch, januaryInvoices } from '../fixtures/mapping/invoice-list.ts';
import { unknownExport } from '../fixtures/segments/uploads.ts';
import { repoRoot, write, writeXlsx, type Sandbox } from './ingest/helpers.ts';
import { uploadsSandbox, type UploadsClient } from './uploads-client.ts';

// The mapping by hand through the uploads API (the repository's ingest jobs, a temp
// OBOROT_HOME): a bare list «Дата; Номер; Контрагент; Сумма» (1C's list of customer invoices
// with every other column hidden), which fits sales documents, bank payments and invoices
// alike, is detected as sales documents with the runner-up close; it is previewed and loaded
// as invoices with its columns mapped by hand, the mapping is saved, and later files with the
// same header — from the upload API, `ingestFiles` (the CLI), the inbox and a workbook — are
// read by it, until it is deleted. The whole invoice list and the sales list issue 10 found
// read as goods receipts are detected right now.
let box: Sandbox;
let api: UploadsClient;

beforeAll(async () => ({ box, api } = await uploadsSandbox()));
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
		unmapped: string[];
		notes: string[];
		notesRu: string[];
		score: number;
		evidence: { points: number; en: string; ru: string }[];
		runnerUp: { entity: string; score: number; close: boolean; why: { en: string; ru: string } } | null;
		candidates: { entity: string; score: number }[];
		titleLines: string[];
		rows: { rowNo: number; values: Record<string, unknown>; reason: string | null; reasonRu: string | null }[];
		rejectedRows: { rowNo: number; reason: string | null; reasonRu: string | null }[];
		checked: { rows: number; rejected: number };
	} | null;
	unrecognized: string | null;
}
interface Loaded {
	result: { status: string; family: string; entity: string; read: number; loaded: number; rejected: number; fileId: number; appliedMapping?: { kind: string; name: string } };
}

const NAME = 'Счета покупателям из 1С';
const SAVED_ID = 'счета-покупателям-из-1с';
const withoutAmount = Object.fromEntries(Object.entries(BARE_LIST_MAPPING).filter(([header]) => header !== 'Сумма'));
const auditFiles = async () => (await box.warehouse.query<{ n: number }>('select count(*) as n from audit.files'))[0].n;
const invoicesOfFile = async (fileId: number) =>
	(await box.warehouse.query<{ n: number; amount: number }>('select count(*) as n, sum(amount) as amount from raw.payments_invoices where _file_id = $1', [fileId]))[0];
const salesDocuments = async () => (await box.warehouse.query<{ n: number }>('select count(*) as n from raw.accounting_sales_documents'))[0].n;

async function uploaded(name: string, bytes: Uint8Array): Promise<Preview> {
	const response = await api.upload(name, bytes);
	expect(response.status).toBe(201);
	return (await response.json()) as Preview;
}

describe('the sales list of issue 10', () => {
	it('is detected as sales now, goods receipts the runner-up with why it lost', async () => {
		// Дата;Номер;Контрагент;ИНН;Номенклатура;Артикул;Количество;Цена;Сумма, as the issue quotes it
		const sales = await uploaded('выгрузка.csv', fs.readFileSync(path.join(repoRoot, 'test/fixtures/1c/sales-lines-no-document-kind.csv')));
		expect(sales.preview).toMatchObject({ family: 'accounting', entity: 'sales', mapping: null, score: 9, runnerUp: { entity: 'stock.receipts', score: 8 } });
		// 9 of 9 headers are columns of sales, 8 of receipts: «ИНН» is the buyer's to sales and nothing to receipts (only «ИНН поставщика» is)
		expect(sales.preview?.runnerUp?.why).toEqual({ en: 'does not use «ИНН»', ru: 'не использует «ИНН»' });
		expect(sales.preview?.evidence.map((e) => e.ru)).toEqual(['9 из 9 заголовков — его столбцы']);
		expect((await api.request('DELETE', `/api/uploads/${sales.upload.id}`)).status).toBe(204);
	});
});

describe('1C’s whole list of customer invoices', () => {
	it('is detected as invoices by its payment and shipment states, sales documents a distant runner-up', async () => {
		const whole = await uploaded('счета январь.csv', januaryInvoices);
		// 8 of 10 headers are columns of invoices, and «Оплата», «Отгрузка» are typical of them: 8 + 2 × 2 = 12;
		// sales documents have 7 of them (not «Валюта»)
		expect(whole.preview).toMatchObject({ family: 'payments', entity: 'invoices', mapping: null, score: 12, runnerUp: { entity: 'accounting.sales_documents', score: 7, close: false } });
		expect(whole.preview?.evidence.map((e) => e.ru)).toContain('заголовок «Оплата», «Отгрузка» характерен для раздела «Счета покупателям»');
		// the states are nobody's column: not loaded
		expect(whole.preview?.unmapped).toEqual(['Оплата', 'Отгрузка']);
		expect((await api.request('DELETE', `/api/uploads/${whole.upload.id}`)).status).toBe(204);
	});
});

describe('a bare list detection cannot tell apart, mapped by hand to invoices', () => {
	let january: Preview;

	it('is detected as sales documents by job order, tied with bank payments and invoices: the runner-up is close', async () => {
		january = await uploaded('выгрузка 2026-01.csv', bareJanuary);
		expect(january.preview).toMatchObject({ family: 'accounting', entity: 'sales_documents', mapping: null, score: 4, runnerUp: { entity: 'payments.bank_payments', score: 4, close: true } });
		expect(january.preview?.runnerUp?.why.ru).toBe('столбцы подходят обоим одинаково');
		expect(january.preview?.candidates.find((c) => c.entity === 'payments.invoices')?.score).toBe(4);
		// every column is used: only the close runner-up says detection is unsure
		expect(january.preview?.unmapped).toEqual([]);
		expect(january.preview?.checked).toEqual({ rows: 6, rejected: 0 });
	});

	it('previews as invoices with a hand mapping that lacks a needed column: the column is named as missing', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'payments.invoices', columns: withoutAmount });
		expect(response.status).toBe(200);
		const { preview } = (await response.json()) as Preview;
		expect(preview).toMatchObject({ family: 'payments', entity: 'invoices', mapping: { kind: 'hand', name: null }, missing: ['amount'], runnerUp: null });
		// every column carries its title for the page, and what the load needs is marked
		expect(preview?.columns.find((c) => c.column === 'invoice_no')).toMatchObject({ title: { ru: 'Номер счёта', en: 'Invoice number' }, required: true, header: 'Номер' });
		expect(preview?.columns.find((c) => c.column === 'amount')).toMatchObject({ required: true, header: null });
	});

	it('previews the complete mapping: typed rows, nothing rejected', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'payments.invoices', columns: BARE_LIST_MAPPING });
		const { preview } = (await response.json()) as Preview;
		expect(preview?.missing).toEqual([]);
		expect(preview?.checked).toEqual({ rows: 6, rejected: 0 });
		expect(preview?.rows[0].values).toMatchObject({ invoice_no: '0000-000001', date: '2026-01-09', customer_name: 'ООО «Альфа»', amount: 97000 });
		expect(preview?.rows[5].values).toMatchObject({ invoice_no: '0000-000006', customer_name: 'ООО "Омега"', amount: 41500 });
	});

	it('refuses to save or load a mapping that leaves out a needed column, saying which, and records nothing', async () => {
		const before = await auditFiles();
		const save = await api.json('POST', `/api/uploads/${january.upload.id}/mapping`, { name: NAME, entity: 'payments.invoices', columns: withoutAmount });
		expect(save.status).toBe(422);
		expect(await save.json()).toEqual({
			error: { code: 'mapping_incomplete', message: 'the mapping leaves out columns payments.invoices needs: amount (Invoice amount); map a column of the file to each' }
		});
		const load = await api.json('POST', `/api/uploads/${january.upload.id}/ingest`, { entity: 'payments.invoices', columns: withoutAmount });
		expect(load.status).toBe(422);
		expect(await load.json()).toMatchObject({ error: { code: 'mapping_incomplete' } });
		expect(fs.existsSync(savedMappingsDir(box.paths))).toBe(false);
		expect(await auditFiles()).toBe(before);
	});

	it('refuses a column mapped twice or one the entity does not have', async () => {
		const twice = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'payments.invoices', columns: { ...BARE_LIST_MAPPING, Номер: 'invoice_no', Контрагент: 'invoice_no' } });
		expect(twice.status).toBe(422);
		expect(await twice.json()).toMatchObject({ error: { code: 'mapping_invalid', message: '«Номер» and «Контрагент» are both mapped to invoice_no: choose one' } });
		const unknown = await api.json('POST', `/api/uploads/${january.upload.id}/preview`, { entity: 'payments.invoices', columns: { Контрагент: 'warehouse' } });
		expect(await unknown.json()).toMatchObject({ error: { code: 'mapping_invalid', message: '«warehouse» is not a column of payments.invoices' } });
	});

	it('saves the mapping under a name, for the header of the file', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/mapping`, { name: NAME, entity: 'payments.invoices', columns: BARE_LIST_MAPPING });
		expect(response.status).toBe(201);
		expect(await response.json()).toMatchObject({ mapping: { name: NAME, entity: 'payments.invoices', header: BARE_LIST_HEADER, savedBy: 'admin-user' }, replaced: [] });
		const list = (await (await api.request('GET', '/api/uploads/mappings')).json()) as { mappings: { id: string; name: string; columns: Record<string, string> }[]; broken: unknown[] };
		expect(list.mappings).toEqual([expect.objectContaining({ id: SAVED_ID, name: NAME, columns: BARE_LIST_MAPPING })]);
		expect(list.broken).toEqual([]);
		// one YAML file beside the warehouse, in the format of ingest/mappings plus the header
		expect(fs.readdirSync(savedMappingsDir(box.paths))).toEqual([`${SAVED_ID}.yml`]);
	});

	it('loads the file with the hand mapping: every invoice, none as a sale', async () => {
		const response = await api.json('POST', `/api/uploads/${january.upload.id}/ingest`, { entity: 'payments.invoices', columns: BARE_LIST_MAPPING });
		expect(response.status).toBe(200);
		const { result } = (await response.json()) as Loaded;
		expect(result).toMatchObject({ status: 'loaded', family: 'payments', entity: 'invoices', read: 6, loaded: 6, rejected: 0, appliedMapping: { kind: 'hand', name: null } });
		// 97 000 + 6 200 + 10 500 + 45 000 + 26 700 + 41 500
		expect(await invoicesOfFile(result.fileId)).toEqual({ n: 6, amount: 226900 });
		expect(await salesDocuments()).toBe(0);
	});
});

describe('later files with the same header are read by the saved mapping', () => {
	it('from the upload API: another name and other rows, detected through the mapping and loaded', async () => {
		const february = await uploaded('выгрузка 2026-02.csv', bareFebruary);
		expect(february.preview).toMatchObject({ family: 'payments', entity: 'invoices', mapping: { kind: 'saved', name: NAME }, missing: [], runnerUp: null });
		const response = await api.json('POST', `/api/uploads/${february.upload.id}/ingest`, {});
		const { result } = (await response.json()) as Loaded;
		expect(result).toMatchObject({ status: 'loaded', entity: 'invoices', read: 4, loaded: 4, appliedMapping: { kind: 'saved', name: NAME } });
		// 20 500 + 38 000 + 3 500 + 17 800
		expect(await invoicesOfFile(result.fileId)).toEqual({ n: 4, amount: 79800 });
	});

	it('from ingestFiles, the path of `oborot ingest`', async () => {
		const file = write(box.dir, 'exports/export_2026_03.csv', bareMarch);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', family: 'payments', entity: 'invoices', loaded: 2, rejected: 0, appliedMapping: { kind: 'saved', name: NAME } });
		expect(result.notes[0]).toBe(`read by the saved mapping «${NAME}»: the file's header is the one it was saved for`);
		// 12 400 + 4 200
		expect(await invoicesOfFile(result.fileId as number)).toEqual({ n: 2, amount: 16600 });
	});

	it('from the inbox', async () => {
		write(box.paths.inbox, 'payments/апрель.csv', bareApril);
		const [result] = await ingestInbox(box.warehouse, box.paths, 'payments', { minAgeMs: 0 });
		expect(result).toMatchObject({ status: 'loaded', entity: 'invoices', loaded: 3, rejected: 0, appliedMapping: { kind: 'saved', name: NAME } });
		// 45 000 + 3 500 + 2 100
		expect(await invoicesOfFile(result.fileId as number)).toEqual({ n: 3, amount: 50600 });
		expect(result.archivedTo).toBe(path.join(box.paths.archive, 'payments', 'апрель.csv'));
	});

	it('from a workbook with that header on its first sheet', async () => {
		const file = await writeXlsx(path.join(box.dir, 'выгрузка-май.xlsx'), [
			{ name: 'Лист1', rows: [BARE_LIST_HEADER, [new Date(Date.UTC(2026, 4, 12, 10, 30)), '0000-000016', 'ООО «Гамма»', 6300]] }
		]);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', entity: 'invoices', loaded: 1, appliedMapping: { kind: 'saved', name: NAME } });
		expect(await invoicesOfFile(result.fileId as number)).toEqual({ n: 1, amount: 6300 });
		// nothing of the five files went to sales documents
		expect(await salesDocuments()).toBe(0);
	});

	it('not when the header differs: with «Склад» it is detection’s again, and a list of sale documents', async () => {
		const wider = Buffer.from(`${BARE_LIST_HEADER.join(';')};Склад\n05.05.2026 10:00:00;0000-000017;ООО «Альфа»;45 000,00;Основной склад\n`);
		const preview = await uploaded('выгрузка май.csv', wider);
		// 5 headers and «Склад» typical of sale documents: 5 + 2 = 7 against 4
		expect(preview.preview).toMatchObject({ entity: 'sales_documents', mapping: null, score: 7, runnerUp: { score: 4, close: false } });
		expect((await api.request('DELETE', `/api/uploads/${preview.upload.id}`)).status).toBe(204);
	});
});

describe('deleting the saved mapping', () => {
	it('restores plain detection, and a second delete is a 404', async () => {
		expect((await api.request('DELETE', `/api/uploads/mappings/${encodeURIComponent(SAVED_ID)}`)).status).toBe(204);
		expect(((await (await api.request('GET', '/api/uploads/mappings')).json()) as { mappings: unknown[] }).mappings).toEqual([]);
		const again = await uploaded('выгрузка 2026-02 (копия).csv', bareFebruary);
		expect(again.preview).toMatchObject({ family: 'accounting', entity: 'sales_documents', mapping: null, runnerUp: { close: true } });
		const second = await api.request('DELETE', `/api/uploads/mappings/${encodeURIComponent(SAVED_ID)}`);
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
