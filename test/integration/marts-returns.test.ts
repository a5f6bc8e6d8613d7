// Returns through the models, on a hand-made 1C sales export with «Возврат товаров от
// клиента» documents: fct_sales marks them and nets them, ABC ranks net revenue, RFM and
// cohorts count purchases only, int_customer_orders nets each return into the order it
// returns, and return_rates gives the rate by category and SKU. Every expected figure is
// worked out by hand in the comments from the lines written here.
//
// Layout: 1C's sales report by registrar, one line per document line — the document column is
// the recorder's presentation «<вид документа> <номер> от <дата время>» (the Recorder of the
// accumulation register Продажи, 1C-Company/dt-demo-configuration DemoConfDT/AccumulationRegister.Продажи.md),
// headed «Документ» as 1C's universal report heads it; returns are negative lines with a
// positive price; «Документ реализации» is the sale a return names (1С:УТ 11 «Возврат товаров
// от клиента», an attribute of each line). Returns and sales are numbered apart in 1C, so
// «Возврат … ТД00-000001» and «Реализация … ТД00-000001» are two documents.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

const HEADER = 'Документ;Дата;Код контрагента;Контрагент;ИНН;Артикул;Номенклатура;Группа номенклатуры;Количество;Цена;Сумма;Себестоимость;Менеджер;Документ реализации';

const SALE = (no: number, date: string) => `Реализация товаров и услуг ТД00-00000${no} от ${date} 10:00:00`;
const RETURN = (no: number, date: string) => `Возврат товаров от клиента ТД00-00000${no} от ${date} 11:00:00`;

const A1 = 'A1;Обогреватель масляный;Обогреватели';
const B1 = 'B1;Вентилятор напольный;Вентиляторы';
const C1 = 'C1;Кондиционер настенный;Кондиционеры';
const D1 = 'D1;Увлажнитель воздуха;Увлажнители';
const K1 = 'K1;ООО «Альфа»;7707083893';
const K2 = 'K2;ИП Петров;500100732259';
const K3 = 'K3;ООО «Гамма»;7728168971';

// doc  date   customer  lines (qty × price = amount, cost)
// S1   15.01  K1  A1 10 × 1000 = 10000, 6000;  B1 4 × 500 = 2000, 1200
// R1   22.01  K1  A1 −2 × 1000 = −2000, −1200   names S1 as its basis
// S2   12.02  K1  A1 5 × 1000 = 5000, 3000
// S3   14.02  K2  C1 1 × 30000 = 30000, 21000
// R2   04.03  K2  C1 −1 × 30000 = −30000, −21000  no basis: the latest purchase of C1 → S3 (all of it back)
// R3   18.03  K1  A1 −1 × 1000 = −1000, −600      no basis: the latest purchase of A1 → S2, not S1
// R4   20.03  K3  D1 −1 × 500 = −500, −300        K3 bought nothing in the data: goods from before the history
// S4   29.03  K2  B1 2 × 500 = 1000, 600          the latest sale: March is full (only its weekend is left)
const EXPORT = [
	HEADER,
	`${SALE(1, '15.01.2024')};15.01.2024;${K1};${A1};10;1000,00;10000,00;6000,00;Иванов;`,
	`${SALE(1, '15.01.2024')};15.01.2024;${K1};${B1};4;500,00;2000,00;1200,00;Иванов;`,
	`${RETURN(1, '22.01.2024')};22.01.2024;${K1};${A1};-2;1000,00;-2000,00;-1200,00;Иванов;${SALE(1, '15.01.2024')}`,
	`${SALE(2, '12.02.2024')};12.02.2024;${K1};${A1};5;1000,00;5000,00;3000,00;Иванов;`,
	`${SALE(3, '14.02.2024')};14.02.2024;${K2};${C1};1;30000,00;30000,00;21000,00;Сидорова;`,
	`${RETURN(2, '04.03.2024')};04.03.2024;${K2};${C1};-1;30000,00;-30000,00;-21000,00;Сидорова;`,
	`${RETURN(3, '18.03.2024')};18.03.2024;${K1};${A1};-1;1000,00;-1000,00;-600,00;Иванов;`,
	`${RETURN(4, '20.03.2024')};20.03.2024;${K3};${D1};-1;500,00;-500,00;-300,00;Сидорова;`,
	`${SALE(4, '29.03.2024')};29.03.2024;${K2};${B1};2;500,00;1000,00;600,00;Сидорова;`
].join('\r\n');

const MODELS = ['fct_sales', 'dim_customer', 'int_sales_return_lines', 'int_customer_orders', 'int_customer_months', 'cohorts', 'rfm', 'int_abc_xyz', 'abc_xyz', 'abc_xyz_category', 'int_monthly_demand', 'return_rates'];

let fixture: MartFixture;
let codes: Map<string, string>;
let unpassed: string[];
let checked = 0;

beforeAll(async () => {
	fixture = await martFixture();
	const [loaded] = await fixture.ingest({ 'продажи_2024.csv': EXPORT });
	expect(loaded).toMatchObject({ read: 9, loaded: 9, rejected: 0 });
	const build = await fixture.build(['+cohorts', '+rfm', '+abc_xyz', '+abc_xyz_category', '+return_rates', '+dim_customer', '+customer_ltv']);
	const ours = build.tests.filter((t) => MODELS.includes(t.model));
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.model} ${t.name}: ${t.status}`);
	const rows = await fixture.query<{ code: string; customer_id: string }>(
		`select distinct s.counterparty_id as code, f.customer_id from staging.stg_accounting__sales s join marts.fct_sales f using (sales_line_id)`
	);
	codes = new Map(rows.map((r) => [r.customer_id, r.code]));
	expect(codes.size).toBe(3);
});

afterAll(() => fixture?.close());

const idOf = (code: string) => [...codes].find(([, c]) => c === code)![0];

describe('returns in fct_sales', () => {
	it('passes every YAML test of the models returns go through', () => {
		expect(checked).toBeGreaterThan(60);
		expect(unpassed).toEqual([]);
	});

	it('marks the return lines and ties each to the sale it returns', async () => {
		const rows = await fixture.query<Record<string, unknown>>(
			`select doc_no, sku, is_return, return_basis, return_of_doc_no, return_of_sold_on, margin_pct
			from marts.fct_sales order by sold_on, doc_no, sku`
		);
		expect(rows.map((r) => [r.doc_no, r.sku, r.is_return, r.return_of_doc_no, r.return_of_sold_on])).toEqual([
			[SALE(1, '15.01.2024'), 'A1', false, null, null],
			[SALE(1, '15.01.2024'), 'B1', false, null, null],
			// R1 names S1; it has S1's number too, but a return is no purchase to match it to
			[RETURN(1, '22.01.2024'), 'A1', true, SALE(1, '15.01.2024'), '2024-01-15'],
			[SALE(2, '12.02.2024'), 'A1', false, null, null],
			[SALE(3, '14.02.2024'), 'C1', false, null, null],
			[RETURN(2, '04.03.2024'), 'C1', true, SALE(3, '14.02.2024'), '2024-02-14'],
			[RETURN(3, '18.03.2024'), 'A1', true, SALE(2, '12.02.2024'), '2024-02-12'],
			[RETURN(4, '20.03.2024'), 'D1', true, null, null],
			[SALE(4, '29.03.2024'), 'B1', false, null, null]
		]);
		expect(rows[2].return_basis).toBe(SALE(1, '15.01.2024'));
		expect(rows.filter((r) => r.is_return && r.doc_no !== RETURN(1, '22.01.2024')).map((r) => r.return_basis)).toEqual([null, null, null]);
		// R1: (−2000 − (−1200)) / −2000 = 40 %, the margin the goods had when S1 sold them at (10000 − 6000) / 10000
		expect(rows[2].margin_pct).toBe(40);
		expect(rows[0].margin_pct).toBe(40);
	});

	it('nets revenue, cost, gross profit and quantity', async () => {
		// revenue 10000 + 2000 − 2000 + 5000 + 30000 − 30000 − 1000 − 500 + 1000 = 14500
		// cost    6000 + 1200 − 1200 + 3000 + 21000 − 21000 − 600 − 300 + 600 = 8700 → gross profit 5800
		// quantity by SKU: A1 10 − 2 + 5 − 1 = 12, B1 4 + 2 = 6, C1 1 − 1 = 0, D1 −1
		const [total] = await fixture.query<{ revenue: number; cost: number; gross_profit: number }>(
			'select sum(revenue) as revenue, sum(cost) as cost, sum(gross_profit) as gross_profit from marts.fct_sales'
		);
		expect(total).toEqual({ revenue: 14500, cost: 8700, gross_profit: 5800 });
		const qty = await fixture.query<{ sku: string; qty: number }>('select sku, sum(qty) as qty from marts.fct_sales group by 1 order by 1');
		expect(qty).toEqual([
			{ sku: 'A1', qty: 12 },
			{ sku: 'B1', qty: 6 },
			{ sku: 'C1', qty: 0 },
			{ sku: 'D1', qty: -1 }
		]);
	});

	it('keeps the first purchase of a customer who only returned unknown, and a return no purchase', async () => {
		// K3's only line is a return: no purchase in the data, no first month. K1 and K2: their first sale.
		const rows = await fixture.query<{ customer_id: string; first_purchase_on: string | null; last_purchase_on: string | null; purchase_docs: number }>(
			'select customer_id, first_purchase_on, last_purchase_on, purchase_docs from marts.dim_customer'
		);
		const byCode = new Map(rows.map((r) => [codes.get(r.customer_id), r]));
		// K1: S1, S2 (its March return R3 does not make March its last purchase)
		expect(byCode.get('K1')).toMatchObject({ first_purchase_on: '2024-01-15', last_purchase_on: '2024-02-12', purchase_docs: 2 });
		expect(byCode.get('K2')).toMatchObject({ first_purchase_on: '2024-02-14', last_purchase_on: '2024-03-29', purchase_docs: 2 });
		expect(byCode.get('K3')).toMatchObject({ first_purchase_on: null, last_purchase_on: null, purchase_docs: 0 });
		const [k3] = await fixture.query<{ customer_first_month: string | null }>(`select customer_first_month from marts.fct_sales where customer_id = '${idOf('K3')}'`);
		expect(k3.customer_first_month).toBeNull();
	});
});

describe('returns in ABC', () => {
	// Window: the last full month is March 2024 (the latest sale on Friday 29.03 leaves only a
	// weekend), the data starts in January: 2024-01 .. 2024-03, every line inside it.
	// Net revenue: A1 10000 − 2000 + 5000 − 1000 = 12000, B1 2000 + 1000 = 3000, C1 0, D1 −500.
	// Shares of the positive total 15000: A1 0.8 → A (nothing before it); B1 0.2, the 12000 before
	// it is not below 0.8 × 15000 → B, cumulative 1.0; C1 0 and D1 −500: no positive revenue → C,
	// cumulative stays 1.0 (a total of 14500 with D1 in it would have put B1 at 1.0345).
	// Net gross profit: A1 4000 − 800 + 2000 − 400 = 4800, B1 800 + 400 = 1200, C1 9000 − 9000 = 0,
	// D1 −500 + 300 = −200; of the positive total 6000: A1 0.8 → A, B1 → B, C1 and D1 C.
	const expected = [
		{ sku: 'A1', category: 'Обогреватели', revenue: 12000, revenue_share: 0.8, cumulative_revenue_share: 0.8, abc_class: 'A', gross_profit: 4800, cumulative_gross_profit_share: 0.8, abc_class_gp: 'A', qty: 12 },
		{ sku: 'B1', category: 'Вентиляторы', revenue: 3000, revenue_share: 0.2, cumulative_revenue_share: 1, abc_class: 'B', gross_profit: 1200, cumulative_gross_profit_share: 1, abc_class_gp: 'B', qty: 6 },
		{ sku: 'C1', category: 'Кондиционеры', revenue: 0, revenue_share: 0, cumulative_revenue_share: 1, abc_class: 'C', gross_profit: 0, cumulative_gross_profit_share: 1, abc_class_gp: 'C', qty: 0 },
		{ sku: 'D1', category: 'Увлажнители', revenue: -500, revenue_share: -500 / 15000, cumulative_revenue_share: 1, abc_class: 'C', gross_profit: -200, cumulative_gross_profit_share: 1, abc_class_gp: 'C', qty: -1 }
	];

	it('ranks SKUs by net revenue and net gross profit; a net-negative SKU is C and breaks no share', async () => {
		const rows = await fixture.query<Record<string, unknown>>(
			`select sku, category, revenue, revenue_share, cumulative_revenue_share, abc_class, gross_profit, cumulative_gross_profit_share, abc_class_gp, qty
			from marts.abc_xyz order by revenue_rank`
		);
		expect(rows).toHaveLength(4);
		rows.forEach((row, i) => {
			const want = expected[i];
			expect(row).toMatchObject({ sku: want.sku, category: want.category, revenue: want.revenue, abc_class: want.abc_class, gross_profit: want.gross_profit, abc_class_gp: want.abc_class_gp, qty: want.qty });
			expect(row.revenue_share as number).toBeCloseTo(want.revenue_share, 9);
			expect(row.cumulative_revenue_share as number).toBeCloseTo(want.cumulative_revenue_share, 9);
			expect(row.cumulative_gross_profit_share as number).toBeCloseTo(want.cumulative_gross_profit_share, 9);
		});
	});

	it('does the same for categories (one SKU each here)', async () => {
		const rows = await fixture.query<{ category: string; revenue: number; abc_class: string; cumulative_revenue_share: number }>(
			'select category, revenue, abc_class, cumulative_revenue_share from marts.abc_xyz_category order by revenue_rank'
		);
		expect(rows.map((r) => [r.category, r.revenue, r.abc_class])).toEqual(expected.map((e) => [e.category, e.revenue, e.abc_class]));
		expect(Math.max(...rows.map((r) => r.cumulative_revenue_share))).toBeCloseTo(1, 9);
	});

	it('gives the forecasts net monthly quantity and what came back', async () => {
		// C1: February +1; March −1 returned → net −1, returned 1, and no sale that month.
		const rows = await fixture.query<{ month: string; qty: number; returned_qty: number; has_sales: boolean }>(
			`select month, qty, returned_qty, has_sales from intermediate.int_monthly_demand where level = 'sku' and item = 'C1' order by month`
		);
		expect(rows).toEqual([
			{ month: '2024-02-01', qty: 1, returned_qty: 0, has_sales: true },
			{ month: '2024-03-01', qty: -1, returned_qty: 1, has_sales: false }
		]);
	});
});

describe('returns in the customer models', () => {
	it('int_customer_orders: purchases only, each net of the goods later returned from it', async () => {
		// K1  S1 15.01: 12000 − R1 2000 = 10000; gross profit 4800 − 800 = 4000; returned 2000
		//     S2 12.02: 5000 − R3 1000 = 4000; gross profit 2000 − 400 = 1600; returned 1000
		// K2  S3 14.02: 30000 − R2 30000 = 0; gross profit 0; returned 30000 (still an order: K2 bought)
		//     S4 29.03: 1000; gross profit 400
		// K3  R4 has no sale in the data: in no order.
		const rows = await fixture.query<Record<string, unknown>>(
			'select customer_id, doc_no, ordered_on, lines, revenue, gross_profit, returned_revenue from intermediate.int_customer_orders order by ordered_on'
		);
		expect(rows.map((r) => ({ ...r, customer_id: codes.get(r.customer_id as string) }))).toEqual([
			{ customer_id: 'K1', doc_no: SALE(1, '15.01.2024'), ordered_on: '2024-01-15', lines: 2, revenue: 10000, gross_profit: 4000, returned_revenue: 2000 },
			{ customer_id: 'K1', doc_no: SALE(2, '12.02.2024'), ordered_on: '2024-02-12', lines: 1, revenue: 4000, gross_profit: 1600, returned_revenue: 1000 },
			{ customer_id: 'K2', doc_no: SALE(3, '14.02.2024'), ordered_on: '2024-02-14', lines: 1, revenue: 0, gross_profit: 0, returned_revenue: 30000 },
			{ customer_id: 'K2', doc_no: SALE(4, '29.03.2024'), ordered_on: '2024-03-29', lines: 1, revenue: 1000, gross_profit: 400, returned_revenue: 0 }
		]);
	});

	it('customer_ltv reads purchase days only, their money net of returns', async () => {
		// K1 bought on 15.01 and 12.02 (returned on 22.01 and 18.03): 2 purchase days → frequency 1,
		// recency 28 days = 4 weeks, T 15.01 → 29.03 = 74 days; history 10000 + 4000 = 14000 in 2 orders;
		// the repeat day's value is S2 net of R3: 4000. Counting the return days would make 4 days, frequency 3.
		const [k1] = await fixture.query<Record<string, number>>(
			`select orders, historical_revenue, historical_gross_profit, frequency, recency_weeks, t_weeks, monetary_value from marts.customer_ltv where customer_id = '${idOf('K1')}'`
		);
		expect(k1).toMatchObject({ orders: 2, historical_revenue: 14000, historical_gross_profit: 5600, frequency: 1, recency_weeks: 4, monetary_value: 4000 });
		expect(k1.t_weeks).toBeCloseTo(74 / 7, 9);
		const [k3] = await fixture.query<{ n: number }>(`select count(*) as n from marts.customer_ltv where customer_id = '${idOf('K3')}'`);
		expect(k3.n).toBe(0);
	});

	it('rfm: frequency counts purchase documents, monetary is net', async () => {
		// K1: S1, S2 → 2 orders (R1 and R3 are not purchases), 10000 + 4000 = 14000, last order 12.02,
		//     29 days left in February (a leap year) after the 12th is 17, + 29 in March → recency 46.
		// K2: S3, S4 → 2, 0 + 1000 = 1000, last order 29.03 → recency 0.
		const rows = await fixture.query<{ customer_id: string; frequency: number; monetary: number; recency_days: number }>(
			'select customer_id, frequency, monetary, recency_days from marts.rfm'
		);
		expect(rows.map((r) => ({ ...r, customer_id: codes.get(r.customer_id) })).sort((p, q) => p.customer_id!.localeCompare(q.customer_id!))).toEqual([
			{ customer_id: 'K1', frequency: 2, monetary: 14000, recency_days: 46 },
			{ customer_id: 'K2', frequency: 2, monetary: 1000, recency_days: 0 }
		]);
	});

	it('cohorts: net revenue in the order’s month, retained by a purchase and never by a return', async () => {
		// January cohort: K1. Jan: S1 net 10000. Feb: S2 net 4000 → cumulative 14000. March: K1 only
		// returned (R3, netted into S2's February) → not retained, 0 %.
		// February cohort: K2. Feb: S3 bought and wholly returned → retained, revenue 0. March: R2 and
		// the purchase S4 → retained by S4, revenue 1000 (R2 nets S3, in February).
		const rows = await fixture.query(
			`select acquisition_month, month_offset, cohort_size, customers_retained, retention_pct, orders, revenue, gross_profit, cumulative_revenue_per_customer
			from marts.cohorts order by acquisition_month, month_offset`
		);
		expect(rows).toEqual([
			{ acquisition_month: '2024-01-01', month_offset: 0, cohort_size: 1, customers_retained: 1, retention_pct: 100, orders: 1, revenue: 10000, gross_profit: 4000, cumulative_revenue_per_customer: 10000 },
			{ acquisition_month: '2024-01-01', month_offset: 1, cohort_size: 1, customers_retained: 1, retention_pct: 100, orders: 1, revenue: 4000, gross_profit: 1600, cumulative_revenue_per_customer: 14000 },
			{ acquisition_month: '2024-01-01', month_offset: 2, cohort_size: 1, customers_retained: 0, retention_pct: 0, orders: 0, revenue: 0, gross_profit: 0, cumulative_revenue_per_customer: 14000 },
			{ acquisition_month: '2024-02-01', month_offset: 0, cohort_size: 1, customers_retained: 1, retention_pct: 100, orders: 1, revenue: 0, gross_profit: 0, cumulative_revenue_per_customer: 0 },
			{ acquisition_month: '2024-02-01', month_offset: 1, cohort_size: 1, customers_retained: 1, retention_pct: 100, orders: 1, revenue: 1000, gross_profit: 400, cumulative_revenue_per_customer: 1000 }
		]);
	});
});

describe('return_rates', () => {
	it('gives each month’s sales and returns by category and SKU', async () => {
		const rows = await fixture.query<Record<string, unknown>>(
			`select month, sku, sold_qty, sold_revenue, returned_qty, returned_revenue, returned_gross_profit, return_docs, qty_return_rate, value_return_rate
			from marts.return_rates order by month, sku`
		);
		expect(rows).toEqual([
			// January: A1 sold 10 for 10000, R1 took back 2 for 2000 (gross profit 800) → 20 % both ways
			{ month: '2024-01-01', sku: 'A1', sold_qty: 10, sold_revenue: 10000, returned_qty: 2, returned_revenue: 2000, returned_gross_profit: 800, return_docs: 1, qty_return_rate: 0.2, value_return_rate: 0.2 },
			{ month: '2024-01-01', sku: 'B1', sold_qty: 4, sold_revenue: 2000, returned_qty: 0, returned_revenue: 0, returned_gross_profit: 0, return_docs: 0, qty_return_rate: 0, value_return_rate: 0 },
			{ month: '2024-02-01', sku: 'A1', sold_qty: 5, sold_revenue: 5000, returned_qty: 0, returned_revenue: 0, returned_gross_profit: 0, return_docs: 0, qty_return_rate: 0, value_return_rate: 0 },
			{ month: '2024-02-01', sku: 'C1', sold_qty: 1, sold_revenue: 30000, returned_qty: 0, returned_revenue: 0, returned_gross_profit: 0, return_docs: 0, qty_return_rate: 0, value_return_rate: 0 },
			// March: returns of goods sold earlier (nothing of A1, C1 or D1 sold in March: no monthly rate)
			{ month: '2024-03-01', sku: 'A1', sold_qty: 0, sold_revenue: 0, returned_qty: 1, returned_revenue: 1000, returned_gross_profit: 400, return_docs: 1, qty_return_rate: null, value_return_rate: null },
			{ month: '2024-03-01', sku: 'B1', sold_qty: 2, sold_revenue: 1000, returned_qty: 0, returned_revenue: 0, returned_gross_profit: 0, return_docs: 0, qty_return_rate: 0, value_return_rate: 0 },
			{ month: '2024-03-01', sku: 'C1', sold_qty: 0, sold_revenue: 0, returned_qty: 1, returned_revenue: 30000, returned_gross_profit: 9000, return_docs: 1, qty_return_rate: null, value_return_rate: null },
			{ month: '2024-03-01', sku: 'D1', sold_qty: 0, sold_revenue: 0, returned_qty: 1, returned_revenue: 500, returned_gross_profit: 200, return_docs: 1, qty_return_rate: null, value_return_rate: null }
		]);
	});

	it('adds up to a period’s rate per category: its returns over its sales', async () => {
		// January–March: Обогреватели sold 15 for 15000, 3 for 3000 came back → 20 %; Кондиционеры
		// 30000 sold, 30000 back → 100 %; Вентиляторы nothing back; Увлажнители nothing sold → no rate.
		const rows = await fixture.query<{ category: string; value_rate: number | null; qty_rate: number | null }>(
			`select category, sum(returned_revenue) / nullif(sum(sold_revenue), 0) as value_rate, sum(returned_qty) / nullif(sum(sold_qty), 0) as qty_rate
			from marts.return_rates group by 1 order by 1`
		);
		expect(rows).toEqual([
			{ category: 'Вентиляторы', value_rate: 0, qty_rate: 0 },
			{ category: 'Кондиционеры', value_rate: 1, qty_rate: 1 },
			{ category: 'Обогреватели', value_rate: 0.2, qty_rate: 0.2 },
			{ category: 'Увлажнители', value_rate: null, qty_rate: null }
		]);
	});
});
