import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../src/lib/server/ingest/index.ts';
import { projectCopy, sandbox, write, type Sandbox } from './helpers.ts';

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

async function counts(b: Sandbox, table: string) {
	const [row] = await b.warehouse.query<{ raw: number; files: number; rejected: number }>(
		`select (select count(*) from raw.${table}) as raw, (select count(*) from audit.files) as files,
			(select count(*) from audit.rejected_rows) as rejected`
	);
	return row;
}

const balances = (date: string, rows: [string, string, string][]) =>
	`Дата остатков;Артикул;Склад;Остаток\n${rows.map(([sku, wh, qty]) => `${date};${sku};${wh};${qty}`).join('\n')}\n`;

describe('idempotence and merge by key', () => {
	it('the same file twice adds nothing and says so', async () => {
		box = await sandbox();
		const file = write(box.dir, 'stock-2024-03-01.csv', balances('01.03.2024', [['A', 'Основной', '5'], ['B', 'Основной', '7']]));
		const [first] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(first).toMatchObject({ status: 'loaded', entity: 'balances', loaded: 2 });
		const before = await counts(box, 'stock_balances');
		const copy = write(box.dir, 'copy/renamed.csv', balances('01.03.2024', [['A', 'Основной', '5'], ['B', 'Основной', '7']]));
		const [again] = await ingestFiles(box.warehouse, box.paths, [copy], { family: 'stock' });
		expect(again.status).toBe('skipped');
		expect(again.message).toMatch(new RegExp(`^already loaded \\(file #${first.fileId} on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\); nothing changed$`));
		expect(await counts(box, 'stock_balances')).toEqual(before);
	});

	it('a later stock snapshot replaces rows of the same SKU and warehouse; an older one never overwrites', async () => {
		box = await sandbox();
		const day1 = write(box.dir, 'остатки-01.csv', balances('01.03.2024', [['A', 'Основной', '5'], ['B', 'Основной', '7'], ['A', 'Север', '1']]));
		const day2 = write(box.dir, 'остатки-02.csv', balances('02.03.2024', [['A', 'Основной', '4'], ['C', 'Основной', '9']]));
		const day0 = write(box.dir, 'остатки-00.csv', balances('29.02.2024', [['A', 'Основной', '100'], ['B', 'Основной', '7'], ['D', 'Основной', '3']]));
		await ingestFiles(box.warehouse, box.paths, [day1]);
		const [second] = await ingestFiles(box.warehouse, box.paths, [day2]);
		expect(second).toMatchObject({ status: 'loaded', read: 2, loaded: 2, rejected: 0, replaced: 1 });
		const [older] = await ingestFiles(box.warehouse, box.paths, [day0]);
		// A/Основной (02.03) and B/Основной (01.03) are newer than 29.02: both rejected; D is new.
		expect(older).toMatchObject({ status: 'loaded', read: 3, loaded: 1, rejected: 2 });
		const rows = await box.warehouse.query('select sku, warehouse, snapshot_date, qty from raw.stock_balances order by sku, warehouse');
		expect(rows).toEqual([
			{ sku: 'A', warehouse: 'Основной', snapshot_date: '2024-03-02', qty: 4 },
			{ sku: 'A', warehouse: 'Север', snapshot_date: '2024-03-01', qty: 1 },
			{ sku: 'B', warehouse: 'Основной', snapshot_date: '2024-03-01', qty: 7 },
			{ sku: 'C', warehouse: 'Основной', snapshot_date: '2024-03-02', qty: 9 },
			{ sku: 'D', warehouse: 'Основной', snapshot_date: '2024-02-29', qty: 3 }
		]);
		const reasons = await box.warehouse.query<{ row_no: number; reason: string; reason_ru: string }>(
			`select row_no, reason, reason_ru from audit.rejected_rows where file_id = ${older.fileId} order by row_no`
		);
		expect(reasons).toEqual([
			{ row_no: 2, reason: 'older than the row already loaded (version 2024-02-29 < 2024-03-02)', reason_ru: 'старее уже загруженной строки (версия 2024-02-29 < 2024-03-02)' },
			{ row_no: 3, reason: 'older than the row already loaded (version 2024-02-29 < 2024-03-01)', reason_ru: 'старее уже загруженной строки (версия 2024-02-29 < 2024-03-01)' }
		]);
	});

	it('fills a default warehouse, numbers document lines in file order and replaces a re-sent document whole', async () => {
		box = await sandbox();
		const v1 = write(box.dir, 'sales-v1.csv', 'Документ;Дата;Артикул;Количество;Сумма\nР-1;01.03.2024;A;1;10\nР-1;01.03.2024;B;2;20\nР-1;01.03.2024;C;3;30\nР-2;01.03.2024;A;1;10\n');
		const v2 = write(box.dir, 'sales-v2.csv', 'Документ;Дата;Артикул;Количество;Сумма\nР-1;01.03.2024;B;5;50\nР-1;01.03.2024;D;6;60\n');
		await ingestFiles(box.warehouse, box.paths, [v1]);
		expect(await box.warehouse.query("select doc_no, line_no, sku from raw.accounting_sales order by doc_no, line_no")).toEqual([
			{ doc_no: 'Р-1', line_no: 1, sku: 'A' },
			{ doc_no: 'Р-1', line_no: 2, sku: 'B' },
			{ doc_no: 'Р-1', line_no: 3, sku: 'C' },
			{ doc_no: 'Р-2', line_no: 1, sku: 'A' }
		]);
		const [second] = await ingestFiles(box.warehouse, box.paths, [v2]);
		expect(second.replaced).toBe(3);
		expect(await box.warehouse.query("select doc_no, line_no, sku, qty from raw.accounting_sales order by doc_no, line_no")).toEqual([
			{ doc_no: 'Р-1', line_no: 1, sku: 'B', qty: 5 },
			{ doc_no: 'Р-1', line_no: 2, sku: 'D', qty: 6 },
			{ doc_no: 'Р-2', line_no: 1, sku: 'A', qty: 1 }
		]);
		const stock = write(box.dir, 'receipts.csv', 'Номер документа;Дата поступления;Артикул;Количество\nП-1;01.03.2024;A;10\n');
		await ingestFiles(box.warehouse, box.paths, [stock]);
		expect(await box.warehouse.query('select doc_no, warehouse from raw.stock_receipts')).toEqual([{ doc_no: 'П-1', warehouse: 'Основной склад' }]);
	});

	it('keeps unmapped CRM columns as JSON in _extra', async () => {
		box = await sandbox();
		const file = write(box.dir, 'clients.csv', 'ID;Название компании;ИНН;Любимый цвет;Размер обуви\nc1;ООО Альфа;7701;синий;42\n');
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', entity: 'counterparties' });
		const [row] = await box.warehouse.query<{ counterparty_id: string; extra: string }>('select counterparty_id, _extra::VARCHAR as extra from raw.crm_counterparties');
		expect(row.counterparty_id).toBe('c1');
		expect(JSON.parse(row.extra)).toEqual({ 'Любимый цвет': 'синий', 'Размер обуви': '42' });
	});
});

describe('exports nobody has seen before', () => {
	it('fails with the missing columns named, changes nothing in raw, and records the failure', async () => {
		box = await sandbox();
		const file = write(box.dir, 'bank-export.csv', 'Номер п/п;Дата валютирования;Кредит;Назначение\n1;01.03.2024;100,00;Оплата\n');
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { family: 'payments' });
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/closest is payments\.bank_payments .*column «date» not found; tried: Дата операции, Дата платежа/);
		expect(result.message).toMatch(/column «amount» not found; tried: Сумма, Сумма платежа/);
		const [audit] = await box.warehouse.query<{ status: string; message: string; name: string }>('select status, message, name from audit.files');
		expect(audit).toMatchObject({ status: 'failed', name: 'bank-export.csv' });
		expect(audit.message).toBe(result.message);
		expect(await box.warehouse.query('select count(*) as n from raw.payments_bank_payments')).toEqual([{ n: 0 }]);
	});

	it('loads it once a mapping file names its columns', async () => {
		box = await sandbox();
		const project = projectCopy(box.dir);
		write(project, 'ingest/mappings/my-bank.yml', "entity: payments.bank_payments\nfiles: ['*bank*']\ncolumns:\n  Номер п/п: doc_no\n  Дата валютирования: date\n  Кредит: amount\n");
		box.warehouse.close();
		const mapped = await sandbox(project);
		try {
			const file = write(mapped.dir, 'bank-export.csv', 'Номер п/п;Дата валютирования;Кредит;Назначение\n1;01.03.2024;100,00;Оплата\n');
			const [result] = await ingestFiles(mapped.warehouse, mapped.paths, [file]);
			expect(result).toMatchObject({ status: 'loaded', family: 'payments', entity: 'bank_payments', loaded: 1 });
			expect(await mapped.warehouse.query('select doc_no, date, amount, purpose from raw.payments_bank_payments')).toEqual([
				{ doc_no: '1', date: '2024-03-01', amount: 100, purpose: 'Оплата' }
			]);
		} finally {
			mapped.close();
			box.close();
			box = undefined;
		}
	});

	it('creates every raw table, loaded or not, so models build on an empty source', async () => {
		box = await sandbox();
		await ingestFiles(box.warehouse, box.paths, [write(box.dir, 'plan.csv', 'Месяц;Менеджер;План\n01.2024;Иванов;100000\n')]);
		const tables = await box.warehouse.query<{ table_name: string }>(
			"select table_name from information_schema.tables where table_schema = 'raw' order by table_name"
		);
		expect(tables.map((t) => t.table_name)).toEqual(
			['accounting_marketing_spend', 'accounting_sales', 'accounting_sales_documents', 'accounting_sales_plan', 'crm_activities', 'crm_contacts', 'crm_counterparties', 'crm_deal_stages', 'crm_deals', 'payments_bank_payments', 'payments_invoices', 'stock_balances', 'stock_receipts', 'stock_skus'].sort()
		);
		expect(await box.warehouse.query('select month, manager, plan_amount from raw.accounting_sales_plan')).toEqual([
			{ month: '2024-01-01', manager: 'Иванов', plan_amount: 100000 }
		]);
		expect(path.basename(box.paths.warehouse)).toBe('warehouse.duckdb');
	});
});
