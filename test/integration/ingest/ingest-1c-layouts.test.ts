import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, previewFile, type FileResult } from '../../../src/lib/server/ingest/index.ts';
import { cp1251, repoRoot, sandbox, write, type Sandbox } from './helpers.ts';

/**
 * 1C and BAS exports in their own layouts (test/fixtures/1c/README.md names where each
 * layout comes from), loaded with no --source: the entity (lists of invoices and of bank
 * documents apart from lists of sale documents), rows read / loaded / rejected,
 * the title block and total lines left out, group rows of a grouped report skipped, a
 * document and its return both loaded, the same SKU twice in one document kept twice.
 * Every expected sum is added up by hand from the fixture in the comment beside it.
 */

const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/1c', name);

let box: Sandbox;
const results = new Map<string, FileResult>();

async function load(name: string): Promise<FileResult> {
	const known = results.get(name);
	if (known) return known;
	const [result] = await ingestFiles(box.warehouse, box.paths, [fixture(name)]);
	results.set(name, result);
	return result;
}

beforeAll(async () => {
	box = await sandbox();
});
afterAll(() => box.close());

const sums = async (table: string, fileId: number | undefined, columns: string[]) =>
	(await box.warehouse.query<Record<string, number>>(`select ${columns.map((c) => `sum(${c})::DOUBLE as ${c}`).join(', ')} from raw.${table} where _file_id = ${fileId}`))[0];

describe('1C:УТ 11 «Продажи» report (cp1251, title block, returns, «Итого»)', () => {
	it('loads as sales lines, not stock receipts, with the total line skipped', async () => {
		const r = await load('ut11-prodazhi.csv');
		expect(r.message).toBeUndefined();
		// 8 lines between the header (line 4) and «Итого» (line 13).
		expect(r).toMatchObject({ status: 'loaded', family: 'accounting', entity: 'sales', read: 8, loaded: 8, rejected: 0, skippedRows: 1 });
		expect(r.skipped).toEqual([{ rowNo: 13, kind: 'total', text: 'Итого' }]);
		expect(r.dialect).toMatchObject({ encoding: 'windows-1251', delimiter: ';', headerRow: 4, decimal: ',' });
		expect(r.mapping).toMatchObject({
			doc_no: 'Регистратор',
			customer_inn: 'ИНН',
			product_name: 'Номенклатура',
			category: 'Номенклатурная группа',
			manager: 'Менеджер',
			amount: 'Сумма',
			cost: 'Себестоимость',
			profit: 'Валовая прибыль'
		});
	});

	it('nets to the report\'s own total: qty 15, sum 15 250, cost 10 100, gross profit 5 150', async () => {
		const r = await load('ut11-prodazhi.csv');
		// qty 2 + 1 + 3 + 4 + 5 − 1 + 2 − 1 = 15
		// sum 3000 + 1400 + 2400 + 5000 + 3000 − 800 + 2500 − 1250 = 15250
		// cost 2000 + 1000 + 1500 + 3200 + 2100 − 500 + 1600 − 800 = 10100
		// profit 1000 + 400 + 900 + 1800 + 900 − 300 + 900 − 450 = 5150
		expect(await sums('accounting_sales', r.fileId, ['qty', 'amount', 'cost', 'profit'])).toEqual({ qty: 15, amount: 15250, cost: 10100, profit: 5150 });
	});

	it('keeps a sale and its return, and the same SKU twice in one document, as lines of their own', async () => {
		const r = await load('ut11-prodazhi.csv');
		const rows = await box.warehouse.query(
			`select doc_no, line_no, sku, qty, price, amount from raw.accounting_sales where _file_id = ${r.fileId} and sku in ('CH-100', 'TS-200') order by _row_no`
		);
		expect(rows).toEqual([
			{ doc_no: 'Реализация товаров и услуг 00000012 от 15.01.2024 12:00:00', line_no: 1, sku: 'CH-100', qty: 2, price: 1500, amount: 3000 },
			{ doc_no: 'Реализация товаров и услуг 00000012 от 15.01.2024 12:00:00', line_no: 2, sku: 'CH-100', qty: 1, price: 1400, amount: 1400 },
			{ doc_no: 'Реализация товаров и услуг 00000012 от 15.01.2024 12:00:00', line_no: 3, sku: 'TS-200', qty: 3, price: 800, amount: 2400 },
			{ doc_no: 'Возврат товаров от клиента 00000003 от 25.01.2024 16:00:00', line_no: 1, sku: 'TS-200', qty: -1, price: 800, amount: -800 }
		]);
		const [extra] = await box.warehouse.query<{ number: string; quoted: string }>(
			`select json_extract_string(_extra, '$.Номер') as number,
				(select customer_name from raw.accounting_sales where _file_id = ${r.fileId} and sku = 'KM-400') as quoted
			from raw.accounting_sales where _file_id = ${r.fileId} and line_no = 1 and sku = 'MX-300' and qty = 4`
		);
		expect(extra).toEqual({ number: '00000013', quoted: 'ООО "Бета"' });
	});

	it('says why it is sales and who came second, in the result and in audit.files', async () => {
		const r = await load('ut11-prodazhi.csv');
		expect(r.detection?.runnerUp?.entity).toBe('accounting.sales_documents');
		expect(r.detection?.runnerUp?.en).toMatch(/does not use «Артикул», «Номенклатура», .*«Количество»/);
		expect(r.detection?.evidence.map((e) => e.en)).toContain('header «Валовая прибыль» is typical of sales lines');
		const [row] = await box.warehouse.query<{ dialect: string }>(`select dialect::VARCHAR as dialect from audit.files where file_id = ${r.fileId}`);
		const dialect = JSON.parse(row.dialect);
		expect(dialect.detection).toMatchObject({ entity: 'accounting.sales', runnerUp: { entity: 'accounting.sales_documents' } });
		expect(dialect.skipped).toEqual({ rows: 1, first: [{ rowNo: 13, kind: 'total', text: 'Итого' }] });
		expect(dialect.title).toEqual(['Продажи', 'Период: 01.01.2024 - 31.01.2024']);
	});

	it('previews the total line as skipped, not as a rejected row', async () => {
		const preview = await previewFile(box.paths, fixture('ut11-prodazhi.csv'));
		expect(preview).toMatchObject({ family: 'accounting', entity: 'sales', runnerUp: { entity: 'accounting.sales_documents' } });
		expect(preview.rows).toHaveLength(9);
		expect(preview.rows.at(-1)).toMatchObject({ rowNo: 13, skipped: 'total', reason: null });
		expect(preview.rows.slice(0, 8).every((row) => row.skipped === null && row.reason === null)).toBe(true);
		expect(preview.candidates.map((c) => c.entity)).toEqual(expect.arrayContaining(['accounting.sales', 'accounting.sales_documents', 'stock.receipts']));
		expect(new Set(preview.candidates.map((c) => c.entity)).size).toBe(preview.candidates.length);
	});
});

describe('sales lines without the document kind (Дата;Номер;Контрагент;ИНН;Номенклатура;Артикул;Количество;Цена;Сумма)', () => {
	it('is sales, with goods receipts as the runner-up and why, reported because it was close', async () => {
		const r = await load('sales-lines-no-document-kind.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'sales', read: 4, loaded: 4, rejected: 0, skippedRows: 0 });
		expect(r.mapping).toMatchObject({ customer_name: 'Контрагент', price: 'Цена', doc_no: 'Номер' });
		expect(r.detection?.runnerUp).toMatchObject({ entity: 'stock.receipts', close: true });
		expect(r.detection?.runnerUp?.en).toContain('does not use «ИНН»');
		expect(r.notes.some((n) => n.startsWith('runner-up stock.receipts'))).toBe(true);
		// qty 2 + 1 + 1 + 3 = 7; sum 3000 + 1500 + 800 + 3750 = 9050
		expect(await sums('accounting_sales', r.fileId, ['qty', 'amount'])).toEqual({ qty: 7, amount: 9050 });
		const lines = await box.warehouse.query(`select line_no, sku, qty from raw.accounting_sales where _file_id = ${r.fileId} and doc_no = '00000031' order by line_no`);
		expect(lines).toEqual([
			{ line_no: 1, sku: 'CH-100', qty: 2 },
			{ line_no: 2, sku: 'CH-100', qty: 1 },
			{ line_no: 3, sku: 'TS-200', qty: 1 }
		]);
	});
});

describe('1C «Валовая прибыль» grouped by manager (group rows, subtotals, a return)', () => {
	it('skips the group rows and the total, and gives each line the manager of its group', async () => {
		const r = await load('ut11-valovaya-pribyl-po-menedzheram.csv');
		// Title 1–3, blank 4, header 5; groups on 6 and 9; «Итого» on 12; lines 7, 8, 10, 11.
		expect(r).toMatchObject({ status: 'loaded', entity: 'sales', read: 4, loaded: 4, rejected: 0, skippedRows: 3 });
		expect(r.skipped).toEqual([
			{ rowNo: 6, kind: 'group', text: 'Иванов И.И.' },
			{ rowNo: 9, kind: 'group', text: 'Сидорова А.А.' },
			{ rowNo: 12, kind: 'total', text: 'Итого' }
		]);
		const byManager = await box.warehouse.query(
			`select manager, sum(qty)::DOUBLE as qty, sum(amount)::DOUBLE as amount, sum(cost)::DOUBLE as cost, sum(profit)::DOUBLE as profit
			from raw.accounting_sales where _file_id = ${r.fileId} group by 1 order by 1`
		);
		// Иванов: qty 4 + 2 = 6, revenue 6000 + 1000 = 7000, cost 4000 + 600 = 4600, profit 2000 + 400 = 2400 (his group row says the same)
		// Сидорова: qty 4 − 1 = 3, revenue 5000 − 1250 = 3750, cost 3200 − 800 = 2400, profit 1800 − 450 = 1350
		expect(byManager).toEqual([
			{ manager: 'Иванов И.И.', qty: 6, amount: 7000, cost: 4600, profit: 2400 },
			{ manager: 'Сидорова А.А.', qty: 3, amount: 3750, cost: 2400, profit: 1350 }
		]);
	});
});

describe('BAS «Валовий прибуток» (Ukrainian, «Видаткова накладна», «Повернення товарів від покупця», «Разом»)', () => {
	it('loads as sales lines with the return, the Ukrainian columns mapped and «Разом» skipped', async () => {
		const r = await load('bas-valovyi-prybutok.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'sales', read: 4, loaded: 4, rejected: 0, skippedRows: 1 });
		expect(r.skipped).toEqual([{ rowNo: 9, kind: 'total', text: 'Разом' }]);
		expect(r.mapping).toMatchObject({ doc_no: 'Реєстратор', customer_inn: 'ЄДРПОУ', category: 'Номенклатурна група', manager: 'Відповідальний', cost: 'Собівартість', profit: 'Валовий прибуток' });
		// qty 3 + 1 + 2 − 1 = 5; sum 4800 + 1500 + 2600 − 1600 = 7300; cost 3150 + 1050 + 1640 − 1050 = 4790; profit 1650 + 450 + 960 − 550 = 2510
		expect(await sums('accounting_sales', r.fileId, ['qty', 'amount', 'cost', 'profit'])).toEqual({ qty: 5, amount: 7300, cost: 4790, profit: 2510 });
		const returned = await box.warehouse.query(`select doc_no, line_no, qty, amount from raw.accounting_sales where _file_id = ${r.fileId} and qty < 0`);
		expect(returned).toEqual([{ doc_no: 'Повернення товарів від покупця 00000007 від 20.03.2024 10:00:00', line_no: 1, qty: -1, amount: -1600 }]);
	});
});

describe('«Ведомость по товарам на складах» (XLSX, grouped by warehouse, no date column)', () => {
	it('loads the goods as balances dated by the period in the title, warehouse from its group row', async () => {
		const r = await load('ut11-vedomost-po-tovaram-na-skladah.xlsx');
		// Sheet rows: title 1–4, header 6, group 7, goods 8–10, group 11, goods 12–13, «Итого» 14.
		expect(r).toMatchObject({ status: 'loaded', family: 'stock', entity: 'balances', read: 5, loaded: 5, rejected: 0, skippedRows: 3 });
		expect(r.skipped.map((s) => [s.rowNo, s.kind])).toEqual([
			[7, 'group'],
			[11, 'group'],
			[14, 'total']
		]);
		const rows = await box.warehouse.query(`select sku, warehouse, snapshot_date, qty, unit from raw.stock_balances where _file_id = ${r.fileId} order by _row_no`);
		expect(rows).toEqual([
			{ sku: 'Чайник электрический', warehouse: 'Основной склад', snapshot_date: '2024-01-31', qty: 40, unit: 'шт' },
			{ sku: 'Тостер', warehouse: 'Основной склад', snapshot_date: '2024-01-31', qty: 35, unit: 'шт' },
			{ sku: 'Миксер', warehouse: 'Основной склад', snapshot_date: '2024-01-31', qty: 30, unit: 'шт' },
			// a negative book balance loads as it is (staging reads it as nothing on hand)
			{ sku: 'Кофемолка', warehouse: 'Склад Север', snapshot_date: '2024-01-31', qty: -3, unit: 'шт' },
			// an empty cell is 0 in a 1C report
			{ sku: 'Чайник электрический', warehouse: 'Склад Север', snapshot_date: '2024-01-31', qty: 0, unit: 'шт' }
		]);
		// «Итого» row: opening 135, received 65, issued 98, closing 102 — the goods add up to it:
		// opening 50 + 40 + 30 + 10 + 5 = 135; received 30 + 20 + 10 + 5 + 0 = 65; issued 40 + 25 + 10 + 18 + 5 = 98; closing 40 + 35 + 30 − 3 + 0 = 102
		expect(await sums('stock_balances', r.fileId, ['opening_qty', 'received_qty', 'issued_qty', 'qty'])).toEqual({ opening_qty: 135, received_qty: 65, issued_qty: 98, qty: 102 });
		expect(r.notes).toContain('snapshot_date taken from the title: 31.01.2024 («Период: 01.01.2024 - 31.01.2024»)');
	});
});

describe('BAS «Відомість по товарах на складах» (cp1251, not grouped, «Разом»)', () => {
	it('loads four balances at the period end with the negative one', async () => {
		const r = await load('bas-vidomist-po-tovarakh.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'balances', read: 4, loaded: 4, rejected: 0, skippedRows: 1 });
		// opening 12 + 8 + 4 + 0 = 24; received 10 + 0 + 6 + 5 = 21; issued 15 + 3 + 12 + 1 = 31; closing 7 + 5 − 2 + 4 = 14 (the «Разом» line)
		expect(await sums('stock_balances', r.fileId, ['opening_qty', 'received_qty', 'issued_qty', 'qty'])).toEqual({ opening_qty: 24, received_qty: 21, issued_qty: 31, qty: 14 });
		const negative = await box.warehouse.query(`select sku, warehouse, snapshot_date, qty from raw.stock_balances where _file_id = ${r.fileId} and qty < 0`);
		expect(negative).toEqual([{ sku: 'CH-100', warehouse: 'Склад Київ', snapshot_date: '2024-03-31', qty: -2 }]);
	});

	it('refuses the same report without its title (no date): it is not loaded as SKU cards', async () => {
		const text = ['Склад;Номенклатура;Артикул;Початковий залишок;Прихід;Витрата;Кінцевий залишок', 'Основний склад;Чайник електричний;CH-100;12;10;15;7', 'Основний склад;Тостер;TS-200;8;;3;5'].join('\r\n');
		const file = write(box.dir, 'залишки-без-дати.csv', cp1251(`${text}\r\n`));
		const [r] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(r.status).toBe('failed');
		expect(r.message).toMatch(/^the file looks like stock\.balances .*column «snapshot_date» not found.*it is not loaded as stock\.skus/);
	});
});

describe('1C:БП document list «Реализация (акты, накладные, УПД)»', () => {
	it('loads one row per document as sales documents, never as sales lines', async () => {
		const r = await load('bp-realizatsiya-spisok.csv');
		expect(r).toMatchObject({ status: 'loaded', family: 'accounting', entity: 'sales_documents', read: 4, loaded: 4, rejected: 0 });
		// 6800 + 5000 + 3000 + 2500 = 17300
		expect(await sums('accounting_sales_documents', r.fileId, ['amount'])).toEqual({ amount: 17300 });
		const [first] = await box.warehouse.query(
			`select doc_no, date, customer_name, manager, json_extract_string(_extra, '$.Вид операции') as operation from raw.accounting_sales_documents where _file_id = ${r.fileId} order by _row_no limit 1`
		);
		expect(first).toEqual({ doc_no: '0000-000012', date: '2024-01-15', customer_name: 'ООО «Альфа»', manager: 'Иванов И.И.', operation: 'Товары (накладная, УПД)' });
		expect(await box.warehouse.query(`select count(*)::INT as n from raw.accounting_sales where _file_id = ${r.fileId}`)).toEqual([{ n: 0 }]);
	});
});

describe('receipts: УТ 11 «Закупки» and BAS «Прибуткова накладна»', () => {
	it('loads the same SKU twice in one receipt (two prices) as two lines', async () => {
		const r = await load('ut11-zakupki.csv');
		expect(r).toMatchObject({ status: 'loaded', family: 'stock', entity: 'receipts', read: 4, loaded: 4, rejected: 0, skippedRows: 1 });
		// qty 20 + 10 + 15 + 8 = 53; sum 20000 + 9500 + 7500 + 6400 = 43400 (the «Итого» line)
		expect(await sums('stock_receipts', r.fileId, ['qty', 'amount'])).toEqual({ qty: 53, amount: 43400 });
		const lines = await box.warehouse.query(`select line_no, sku, qty, unit_cost, supplier, supplier_inn from raw.stock_receipts where _file_id = ${r.fileId} and sku = 'CH-100' order by line_no`);
		expect(lines).toEqual([
			{ line_no: 1, sku: 'CH-100', qty: 20, unit_cost: 1000, supplier: 'ООО «Поставщик-1»', supplier_inn: '7705556677' },
			{ line_no: 2, sku: 'CH-100', qty: 10, unit_cost: 950, supplier: 'ООО «Поставщик-1»', supplier_inn: '7705556677' }
		]);
	});

	it('names goods by «Номенклатура» when there is no SKU column, and keeps two equal lines of one document', async () => {
		const r = await load('bas-prybutkovi-nakladni.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'receipts', read: 4, loaded: 4, rejected: 0, skippedRows: 1 });
		expect(r.mapping).toMatchObject({ sku: 'Номенклатура', product_name: 'Номенклатура', supplier: 'Постачальник' });
		// qty 12 + 6 + 10 + 5 = 33; sum 12600 + 6300 + 4800 + 4100 = 27800
		expect(await sums('stock_receipts', r.fileId, ['qty', 'amount'])).toEqual({ qty: 33, amount: 27800 });
		const twice = await box.warehouse.query(`select line_no, qty, amount from raw.stock_receipts where _file_id = ${r.fileId} and sku = 'Чайник електричний' order by line_no`);
		expect(twice).toEqual([
			{ line_no: 1, qty: 12, amount: 12600 },
			{ line_no: 2, qty: 6, amount: 6300 }
		]);
	});
});

describe('1C lists of invoices: read as invoices, never as sale documents', () => {
	const none = async (table: string, fileId: number | undefined) => (await box.warehouse.query<{ n: number }>(`select count(*)::INT as n from raw.${table} where _file_id = ${fileId}`))[0].n;

	it('БП 3.0 «Счета покупателям» with the payment and shipment states: by «Срок оплаты», «Оплата», «Отгрузка»', async () => {
		const r = await load('bp-scheta-pokupatelyam.csv');
		expect(r).toMatchObject({ status: 'loaded', family: 'payments', entity: 'invoices', read: 4, loaded: 4, rejected: 0 });
		expect(r.mapping).toMatchObject({ invoice_no: 'Номер', customer_name: 'Контрагент', amount: 'Сумма', due_date: 'Срок оплаты', organization: 'Организация', manager: 'Ответственный', comment: 'Комментарий' });
		expect(r.detection?.evidence.map((e) => e.en)).toContain('header «Срок оплаты», «Оплата», «Отгрузка» is typical of customer invoices');
		// sales documents come second, far behind: 7 headers of 11 against invoices' 9 + 3 typical headers × 2
		expect(r.detection?.runnerUp).toMatchObject({ entity: 'accounting.sales_documents', score: 7, close: false });
		// 18 000 + 7 500 + 12 300 + 4 200 = 42 000
		expect(await sums('payments_invoices', r.fileId, ['amount'])).toEqual({ amount: 42000 });
		const due = await box.warehouse.query(`select invoice_no, due_date::VARCHAR as due_date from raw.payments_invoices where _file_id = ${r.fileId} order by _row_no`);
		expect(due.map((d) => d.due_date)).toEqual(['2024-02-22', '2024-02-24', null, '2024-03-07']);
		expect(await none('accounting_sales_documents', r.fileId)).toBe(0);
	});

	it('БП 3.0 «Счета покупателям» without the states, «Ссылка» shown: by the documents it names', async () => {
		const r = await load('bp-scheta-pokupatelyam-ssylka.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'invoices', read: 3, loaded: 3, rejected: 0 });
		expect(r.detection?.evidence.map((e) => e.en)).toContain('100 % of «Ссылка» are its documents («Счет покупателю»…)');
		expect(r.detection?.runnerUp?.en).toContain('100 % of the documents are customer invoices («Счет покупателю»…)');
		// 9 600 + 15 000 + 2 350 = 26 950
		expect(await sums('payments_invoices', r.fileId, ['amount'])).toEqual({ amount: 26950 });
	});

	it('УПП / УТ 10.3 «Счета на оплату покупателям»: «Дата оплаты» is the due date, the contract kept', async () => {
		const r = await load('upp-scheta-na-oplatu.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'invoices', read: 3, loaded: 3, rejected: 0 });
		expect(r.mapping).toMatchObject({ due_date: 'Дата оплаты', contract: 'Договор контрагента', customer_name: 'Контрагент' });
		expect(r.detection?.runnerUp).toMatchObject({ entity: 'accounting.sales_documents', close: false });
		// 25 400 + 3 150 + 61 000 = 89 550
		expect(await sums('payments_invoices', r.fileId, ['amount'])).toEqual({ amount: 89550 });
	});

	it('УТ 11 «Заказы клиентов»: orders are paid like invoices (% оплаты, % долга), and «Реализация» in «Операция» names no sale', async () => {
		const r = await load('ut11-zakazy-klientov.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'invoices', read: 3, loaded: 3, rejected: 0 });
		expect(r.mapping).toMatchObject({ invoice_no: 'Номер', customer_name: 'Клиент', deal_id: 'Сделка', currency: 'Валюта' });
		expect(r.detection?.evidence.map((e) => e.en)).toContain('header «% оплаты», «% отгрузки», «% долга» is typical of customer invoices');
		// 48 000 + 12 500 + 30 000 = 90 500
		expect(await sums('payments_invoices', r.fileId, ['amount'])).toEqual({ amount: 90500 });
		expect(await none('accounting_sales_documents', r.fileId)).toBe(0);
	});

	it('BAS ERP «Рахунки на оплату» (Ukrainian): by «Форма оплати», the deal from «Угода»', async () => {
		const r = await load('bas-rakhunky-na-oplatu.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'invoices', read: 3, loaded: 3, rejected: 0 });
		// the legal entity invoiced («Контрагент») over the partner («Клієнт»)
		expect(r.mapping).toMatchObject({ amount: 'Сума', customer_name: 'Контрагент', organization: 'Організація', deal_id: 'Угода' });
		// 14 400 + 6 000 + 2 750 = 23 150
		expect(await sums('payments_invoices', r.fileId, ['amount'])).toEqual({ amount: 23150 });
	});
});

describe('1C lists of bank documents: read as bank payments, never as sale documents', () => {
	it('БП 3.0 «Поступления на расчетный счет»: the payer and the payer’s account', async () => {
		const r = await load('bp-postupleniya-na-raschetnyi-schet.csv');
		expect(r).toMatchObject({ status: 'loaded', family: 'payments', entity: 'bank_payments', read: 3, loaded: 3, rejected: 0 });
		expect(r.mapping).toMatchObject({ doc_no: 'Номер', amount: 'Сумма', payer_name: 'Плательщик', payer_account: 'Счет плательщика', direction: 'Вид операции' });
		expect(r.detection?.evidence.map((e) => e.en)).toContain('header «Плательщик», «Счет плательщика», «Банковский счет» is typical of bank statement lines');
		// 18 000 + 3 750 + 1 200 = 22 950
		expect(await sums('payments_bank_payments', r.fileId, ['amount'])).toEqual({ amount: 22950 });
	});

	it('БП 3.0 «Списания с расчетного счета»: the purpose, and «Счет учета» (51) read as no invoice number', async () => {
		const r = await load('bp-spisaniya-s-raschetnogo-scheta.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'bank_payments', read: 3, loaded: 3, rejected: 0 });
		expect(r.mapping).toMatchObject({ payee_account: 'Счет получателя', purpose: 'Назначение платежа', direction: 'Вид операции' });
		expect(r.mapping?.invoice_no).toBeUndefined();
		// 20 000 + 7 450 + 500 = 27 950, as written (the direction signs it in staging)
		expect(await sums('payments_bank_payments', r.fileId, ['amount'])).toEqual({ amount: 27950 });
	});

	it('УТ 11 «Поступления безналичных ДС»: no payer column, «Сумма документа», the bank account', async () => {
		const r = await load('ut11-postupleniya-beznalichnyh-ds.csv');
		expect(r).toMatchObject({ status: 'loaded', entity: 'bank_payments', read: 3, loaded: 3, rejected: 0 });
		expect(r.mapping).toMatchObject({ amount: 'Сумма документа', direction: 'Операция' });
		expect(r.detection?.runnerUp).toMatchObject({ entity: 'accounting.sales_documents', close: false });
		// 48 000 + 5 000 + 100 000 = 153 000
		expect(await sums('payments_bank_payments', r.fileId, ['amount'])).toEqual({ amount: 153000 });
	});
});

describe('rows read = loaded + rejected for every layout', () => {
	it('holds, with the skipped lines outside of both', async () => {
		for (const name of [
			'ut11-prodazhi.csv',
			'ut11-valovaya-pribyl-po-menedzheram.csv',
			'ut11-vedomost-po-tovaram-na-skladah.xlsx',
			'ut11-zakupki.csv',
			'bp-scheta-pokupatelyam.csv',
			'ut11-zakazy-klientov.csv',
			'bp-spisaniya-s-raschetnogo-scheta.csv'
		]) {
			const r = await load(name);
			expect(r.read, name).toBe(r.loaded + r.rejected);
			const [audit] = await box.warehouse.query<{ read: number; rejected: number }>(
				`select rows_read as read, (select count(*)::INT from audit.rejected_rows where file_id = ${r.fileId}) as rejected from audit.files where file_id = ${r.fileId}`
			);
			expect(audit, name).toEqual({ read: r.read, rejected: r.rejected });
		}
	});
});
