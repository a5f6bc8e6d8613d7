import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, ingestInbox, savedMappingsDir } from '../../src/lib/server/ingest/index.ts';
import { write, type Sandbox } from './ingest/helpers.ts';
import { uploadsSandbox, type UploadsClient } from './uploads-client.ts';

// The order of day and month in slash dates, through the uploads API: the preview says which
// order was chosen and why (a value of the column that shows it, or nothing that does), the
// admin overrides it for the preview and the load, and a saved mapping keeps it for the next
// files with the same header — from the upload page, `oborot ingest` and the inbox.
let box: Sandbox;
let api: UploadsClient;

beforeAll(async () => ({ box, api } = await uploadsSandbox()));
afterAll(() => box?.close());

interface Decision {
	order: string;
	by: string;
	scope: string;
	firstAbove12: number;
	secondAbove12: number;
	columns: string[];
	evidence?: { header: string; value: string };
}
interface Preview {
	upload: { id: string };
	preview: {
		family: string;
		entity: string;
		dialect: { dateOrder?: Decision; dayFirst: boolean };
		columns: { column: string; header: string | null }[];
		mapping: { kind: string; name: string | null; dateOrder?: string } | null;
		notes: string[];
		rows: { rowNo: number; values: Record<string, unknown>; reason: string | null }[];
		checked: { rows: number; rejected: number };
	};
}

const HEADER = 'Документ;Дата;Количество;Сумма';
/** Every date ambiguous: 03/04/2024 is the 3rd of April day-first, the 4th of March month-first. */
const AMBIGUOUS = `${HEADER}\nР-1;03/04/2024;1;10\nР-2;05/06/2024;2;20\nР-3;11/12/2024;1;30\n`;
const SALES = 'accounting.sales';

async function uploaded(name: string, text: string): Promise<Preview> {
	const response = await api.upload(name, text);
	expect(response.status).toBe(201);
	return (await response.json()) as Preview;
}

async function previewed(id: string, query = ''): Promise<Preview> {
	const response = await api.request('GET', `/api/uploads/${id}/preview${query}`);
	expect(response.status).toBe(200);
	return (await response.json()) as Preview;
}

const datesOf = (p: Preview) => p.preview.rows.map((r) => r.values.date);
/** The columns the preview mapped, as the page sends them to save. */
const mappedColumns = (p: Preview) => Object.fromEntries(p.preview.columns.filter((c) => c.header !== null).map((c) => [c.header as string, c.column]));
const salesDates = async (fileId: number) =>
	(await box.warehouse.query<{ date: string }>(`select date::VARCHAR as date from raw.accounting_sales where _file_id = $1 order by doc_no`, [fileId])).map((r) => r.date);

describe('the preview says which order and why', () => {
	it('a 13 in the second place: month-first, quoting the value and its column; the note is not said twice', async () => {
		const p = await uploaded('выгрузка.csv', `${HEADER}\nР-1;03/04/2024;1;10\nР-2;03/13/2024;1;10\nР-3;12/01/2024;1;10\n`);
		expect(`${p.preview.family}.${p.preview.entity}`).toBe(SALES);
		expect(p.preview.dialect.dateOrder).toEqual({
			order: 'month-first',
			by: 'values',
			scope: 'file',
			columns: ['date'],
			firstAbove12: 0,
			secondAbove12: 1,
			evidence: { header: 'Дата', value: '03/13/2024' }
		});
		// month-first: the 4th of March, the 13th of March, the 1st of December
		expect(datesOf(p)).toEqual(['2024-03-04', '2024-03-13', '2024-12-01']);
		expect(p.preview.notes.filter((n) => n.startsWith('slash dates'))).toEqual([]);
		expect((await api.request('DELETE', `/api/uploads/${p.upload.id}`)).status).toBe(204);
	});

	it('days above 12 and one value against them: day-first, the other value rejected and counted', async () => {
		const p = await uploaded('выгрузка.csv', `${HEADER}\nР-1;25/03/2024;1;10\nР-2;14/04/2024;1;10\nР-3;03/13/2024;1;10\n`);
		// the example is the smallest such value as text: «14/04/2024» before «25/03/2024»
		expect(p.preview.dialect.dateOrder).toMatchObject({ order: 'day-first', by: 'values', firstAbove12: 2, secondAbove12: 1, evidence: { header: 'Дата', value: '14/04/2024' } });
		expect(p.preview.checked).toEqual({ rows: 3, rejected: 1 });
		expect(p.preview.rows[2].reason).toBe('date (Дата): not a date «03/13/2024» (expected dd/mm/yyyy)');
		expect((await api.request('DELETE', `/api/uploads/${p.upload.id}`)).status).toBe(204);
	});

	it('nothing above 12: day-first assumed, no evidence', async () => {
		const p = await uploaded('выгрузка.csv', AMBIGUOUS);
		expect(p.preview.dialect.dateOrder).toEqual({ order: 'day-first', by: 'assumed', scope: 'file', columns: ['date'], firstAbove12: 0, secondAbove12: 0 });
		expect(datesOf(p)).toEqual(['2024-04-03', '2024-06-05', '2024-12-11']);
		expect((await api.request('DELETE', `/api/uploads/${p.upload.id}`)).status).toBe(204);
	});

	it('refuses an order that is neither', async () => {
		const p = await uploaded('выгрузка.csv', AMBIGUOUS);
		const response = await api.request('GET', `/api/uploads/${p.upload.id}/preview?dateOrder=sideways`);
		expect(response.status).toBe(400);
		expect((await api.request('DELETE', `/api/uploads/${p.upload.id}`)).status).toBe(204);
	});
});

describe('the admin overrides the order', () => {
	it('an ambiguous file previewed and loaded month-first has month-first dates in the warehouse', async () => {
		const p = await uploaded('выгрузка январь.csv', AMBIGUOUS);
		const again = await previewed(p.upload.id, '?dateOrder=month-first');
		expect(again.preview.dialect.dateOrder).toMatchObject({ order: 'month-first', by: 'override' });
		expect(datesOf(again)).toEqual(['2024-03-04', '2024-05-06', '2024-11-12']);
		// with a hand mapping too (the page sends the order with the columns)
		const mapped = await api.json('POST', `/api/uploads/${p.upload.id}/preview`, { entity: SALES, columns: mappedColumns(p), dateOrder: 'month-first' });
		expect(datesOf((await mapped.json()) as Preview)).toEqual(['2024-03-04', '2024-05-06', '2024-11-12']);

		const response = await api.json('POST', `/api/uploads/${p.upload.id}/ingest`, { dateOrder: 'month-first' });
		expect(response.status).toBe(200);
		const { result } = (await response.json()) as { result: { status: string; loaded: number; fileId: number; dialect: { dateOrder: Decision } } };
		expect(result).toMatchObject({ status: 'loaded', loaded: 3, dialect: { dateOrder: { order: 'month-first', by: 'override' } } });
		expect(await salesDates(result.fileId)).toEqual(['2024-03-04', '2024-05-06', '2024-11-12']);
	});

	it('a saved mapping keeps the order chosen: the next files with that header are read month-first from the page, the CLI and the inbox', async () => {
		const p = await uploaded('выгрузка февраль.csv', `${HEADER}\nФ-1;02/03/2024;1;5\nФ-2;04/05/2024;1;6\n`);
		expect(p.preview.dialect.dateOrder).toMatchObject({ order: 'day-first', by: 'assumed' });
		const save = await api.json('POST', `/api/uploads/${p.upload.id}/mapping`, { name: 'Продажи US', entity: SALES, columns: mappedColumns(p), dateOrder: 'month-first' });
		expect(save.status).toBe(201);
		expect(await save.json()).toMatchObject({ mapping: { name: 'Продажи US', dateOrder: 'month-first' } });
		expect(fs.readFileSync(path.join(savedMappingsDir(box.paths), 'продажи-us.yml'), 'utf8')).toContain('date_order: month-first');

		// the same upload previewed as detection would now: the mapping decides, and says so
		const again = await previewed(p.upload.id);
		expect(again.preview.mapping).toEqual({ kind: 'saved', name: 'Продажи US', dateOrder: 'month-first' });
		expect(again.preview.dialect.dateOrder).toMatchObject({ order: 'month-first', by: 'mapping' });
		expect(datesOf(again)).toEqual(['2024-02-03', '2024-04-05']);
		const loaded = (await (await api.json('POST', `/api/uploads/${p.upload.id}/ingest`, {})).json()) as { result: { fileId: number } };
		expect(await salesDates(loaded.result.fileId)).toEqual(['2024-02-03', '2024-04-05']);

		// `oborot ingest`: 07/08/2024 month-first is the 8th of July
		const [cli] = await ingestFiles(box.warehouse, box.paths, [write(box.dir, 'march.csv', `${HEADER}\nМ-1;07/08/2024;1;7\n`)]);
		expect(cli).toMatchObject({ status: 'loaded', loaded: 1, appliedMapping: { kind: 'saved', name: 'Продажи US' }, dialect: { dateOrder: { order: 'month-first', by: 'mapping' } } });
		expect(cli.notes).toContain('slash dates of date read as mm/dd/yyyy (as the saved mapping says)');
		expect(await salesDates(cli.fileId as number)).toEqual(['2024-07-08']);

		write(box.paths.inbox, 'accounting/апрель.csv', `${HEADER}\nА-1;09/10/2024;1;8\n`);
		const [inbox] = await ingestInbox(box.warehouse, box.paths, 'accounting', { minAgeMs: 0 });
		expect(inbox).toMatchObject({ status: 'loaded', loaded: 1, dialect: { dateOrder: { order: 'month-first', by: 'mapping' } } });
		expect(await salesDates(inbox.fileId as number)).toEqual(['2024-09-10']);

		// a flag still wins over the mapping: 05/06/2024 day-first is the 5th of June
		const [told] = await ingestFiles(box.warehouse, box.paths, [write(box.dir, 'may.csv', `${HEADER}\nМай-1;05/06/2024;1;9\n`)], { overrides: { date_order: 'day-first' } });
		expect(told.dialect?.dateOrder).toMatchObject({ order: 'day-first', by: 'override' });
		expect(await salesDates(told.fileId as number)).toEqual(['2024-06-05']);
	});

	it('saved without a choice, the mapping keeps the order the values showed, and none when nothing showed it', async () => {
		const shown = await uploaded('us.csv', `${HEADER}\nU-1;03/13/2024;1;5\n`);
		const withValues = await api.json('POST', `/api/uploads/${shown.upload.id}/mapping`, { name: 'Продажи US', entity: SALES, columns: mappedColumns(shown) });
		expect(await withValues.json()).toMatchObject({ mapping: { dateOrder: 'month-first' } });
		const unclear = await uploaded('us-2.csv', AMBIGUOUS);
		// read by the mapping now; saved again without an order, from a hand mapping: nothing shows one, none is kept
		const withNothing = await api.json('POST', `/api/uploads/${unclear.upload.id}/mapping`, { name: 'Продажи US', entity: SALES, columns: mappedColumns(unclear) });
		expect(await withNothing.json()).toMatchObject({ mapping: { dateOrder: null } });
		expect(fs.readFileSync(path.join(savedMappingsDir(box.paths), 'продажи-us.yml'), 'utf8')).not.toContain('date_order');
		for (const id of [shown.upload.id, unclear.upload.id]) expect((await api.request('DELETE', `/api/uploads/${id}`)).status).toBe(204);
	});
});
