// stock_plan on hand-made sales, SKU cards, balances and receipts: safety stock, reorder
// point, order quantity, order-by date, cover and risk worked out by hand in the comments.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { dayLabels, monthLabels, salesCsv, type SaleLine } from './marts-purchasing-fixtures.ts';

// 90 days of sales, 2024-03-03 .. 2024-05-31 (29 + 30 + 31). The latest sale is on a month end, so May is full.
const DAYS = dayLabels('2024-03-03', 90);
const MAIN = 'Основной склад';
const MOSCOW = 'Склад Москва';
const sale = (date: string, sku: string, qty: number, warehouse: string): SaleLine => ({
	date, sku, name: `Товар ${sku}`, category: sku === 'FAN' ? 'Вентиляторы' : 'Обогреватели', qty, price: 100, warehouse
});
const lines: SaleLine[] = [
	// HEAT: 5, 15, 5, 15, … from the main warehouse — 45 days of each: mean 10, population σ 5.
	...DAYS.map((d, i) => sale(d, 'HEAT', i % 2 === 0 ? 5 : 15, MAIN)),
	// FAN: 3 a day from the main warehouse and 1 a day from Moscow — 4 a day, σ 0, shares 270/360 and 90/360.
	...DAYS.map((d) => sale(d, 'FAN', 3, MAIN)),
	...DAYS.map((d) => sale(d, 'FAN', 1, MOSCOW))
];

// HEAT: lead time 14, ordered in tens; FAN: no lead time (default 14) and no minimum; OLD: never sold.
const cards = csv`
	Артикул;Наименование;Категория;Срок поставки дн;Минимальная партия
	HEAT;Обогреватель;Обогреватели;14;10
	FAN;Вентилятор;Вентиляторы;;
	OLD;Старый обогреватель;Обогреватели;30;5
`;
// The May snapshot is the as-of date (2024-05-31). OLD in Moscow appears only in April's: the May
// snapshot of that warehouse leaves it out, so it counts as 0.
const balancesMay = csv`
	Дата остатков;Артикул;Склад;Остаток
	31.05.2024;HEAT;Основной склад;250
	31.05.2024;FAN;Основной склад;30
	31.05.2024;FAN;Склад Москва;100
	31.05.2024;OLD;Основной склад;5
`;
const balancesApril = csv`
	Дата остатков;Артикул;Склад;Остаток
	30.04.2024;OLD;Склад Москва;7
`;
// The 20 May receipt is already in the balance; the 5 June one is on order.
const receipts = csv`
	Номер документа;Дата поступления;Артикул;Склад;Количество
	П-1;20.05.2024;HEAT;Основной склад;100
	П-2;05.06.2024;HEAT;Основной склад;20
`;

interface PlanRow {
	sku: string; warehouse: string; as_of_date: string; on_hand: number; on_order: number; next_receipt_on: string | null; inventory_position: number;
	lead_time_days: number; lead_time_is_default: boolean; safety_factor_z: number; demand_basis: string; demand_share: number; demand_share_basis: string;
	avg_daily_demand: number; std_daily_demand: number; forecast_relative_error: number | null; forecast_error_basis: string | null;
	demand_over_lead_time: number; safety_stock: number; reorder_point: number;
	order_qty_needed: number; order_qty: number; reorder_now: boolean; order_by_date: string | null; days_of_cover: number | null;
	projected_stockout_on: string | null; stock_out_risk: string; is_stale_balance: boolean;
}

let fixture: MartFixture;
let plan: Map<string, PlanRow>;
let testStatuses: string[];
const row = (sku: string, warehouse: string) => plan.get(`${sku}|${warehouse}`)!;

async function readPlan() {
	const rows = await fixture.query<PlanRow>('select * from marts.stock_plan');
	plan = new Map(rows.map((r) => [`${r.sku}|${r.warehouse}`, r]));
}

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest({ 'реализация.csv': salesCsv(lines), 'карточки_товаров.csv': cards, 'остатки_апрель.csv': balancesApril });
	await fixture.ingest({ 'остатки_май.csv': balancesMay, 'поступления.csv': receipts });
	const build = await fixture.build(['+stock_plan'], { stock_demand_basis: 'history' });
	testStatuses = build.tests
		.filter((t) => ['stock_plan', 'int_stock_position', 'int_sku_daily_demand', 'int_stock_policy'].includes(t.model) && t.status !== 'pass')
		.map((t) => `${t.name}: ${t.status}`);
	await readPlan();
});

afterAll(() => fixture?.close());

describe('stock_plan from the last 90 days of sales', () => {
	it('passes its YAML tests, warning only about the default lead time and the stale balance', () => {
		expect(testStatuses.sort()).toEqual([
			'accepted_values_int_stock_position_is_stale_balance: warn',
			'accepted_values_stock_plan_lead_time_is_default: warn'
		]);
		expect([...plan.keys()].sort()).toEqual(['FAN|Основной склад', 'FAN|Склад Москва', 'HEAT|Основной склад', 'OLD|Основной склад', 'OLD|Склад Москва']);
	});

	it('plans one SKU with daily demand 10, σ 5, lead time 14, review 7 at 95%', () => {
		// z = Φ⁻¹(0.95) = 1.6448536.
		// Safety stock = 1.6448536 × 5 × √(14 + 7) = 1.6448536 × 5 × 4.5825757 = 37.688331.
		// Reorder point = 10 × 21 + 37.688331 = 247.688331. Inventory position = 250 on hand + 20 on order = 270.
		// Order = 247.688331 + 10 × 7 − 270 = 47.688331 → up to a multiple of 10: 50.
		// Order-by: (270 − 247.688331) / 10 = 2.23 days → 2 whole days after 2024-05-31 = 2024-06-02.
		// Cover 250 / 10 = 25 days ≥ 14 + 7 → low risk; stock runs out 25 days on: 2024-06-25.
		const heat = row('HEAT', MAIN);
		expect(heat).toMatchObject({
			as_of_date: '2024-05-31', on_hand: 250, on_order: 20, next_receipt_on: '2024-06-05', inventory_position: 270,
			lead_time_days: 14, lead_time_is_default: false, demand_basis: 'history', demand_share: 1, demand_share_basis: 'shipments_recent',
			order_qty: 50, reorder_now: false, order_by_date: '2024-06-02', projected_stockout_on: '2024-06-25', stock_out_risk: 'low'
		});
		expect(heat.safety_factor_z).toBeCloseTo(1.6448536, 6);
		expect(heat.avg_daily_demand).toBeCloseTo(10, 12);
		expect(heat.std_daily_demand).toBeCloseTo(5, 9);
		expect(heat.demand_over_lead_time).toBeCloseTo(140, 9);
		expect(heat.safety_stock).toBeCloseTo(37.688331, 5);
		expect(heat.reorder_point).toBeCloseTo(247.688331, 5);
		expect(heat.order_qty_needed).toBeCloseTo(47.688331, 5);
		expect(heat.days_of_cover).toBeCloseTo(25, 9);
	});

	it('splits an SKU between warehouses by their shipments', () => {
		// FAN: 4 a day, σ 0, default lead time 14, no minimum order. Main 3/4 of it: 3 a day; Moscow 1 a day.
		// Main: reorder point 3 × 21 = 63 ≥ 30 on hand → order now 63 + 3 × 7 − 30 = 54; cover 10 < 14 → high.
		// Moscow: reorder point 21; order 21 + 7 − 100 < 0 → 0; reaches 21 after (100 − 21) / 1 = 79 days → 2024-08-18.
		const main = row('FAN', MAIN);
		const moscow = row('FAN', MOSCOW);
		expect(main).toMatchObject({ lead_time_days: 14, lead_time_is_default: true, demand_share: 0.75, safety_stock: 0, order_qty: 54, reorder_now: true, order_by_date: '2024-05-31', stock_out_risk: 'high', projected_stockout_on: '2024-06-10' });
		expect(main.avg_daily_demand).toBeCloseTo(3, 12);
		expect(main.reorder_point).toBeCloseTo(63, 9);
		expect(main.days_of_cover).toBeCloseTo(10, 9);
		expect(moscow).toMatchObject({ demand_share: 0.25, order_qty: 0, reorder_now: false, order_by_date: '2024-08-18', stock_out_risk: 'low' });
		expect(moscow.reorder_point).toBeCloseTo(21, 9);
	});

	it('counts a SKU the latest snapshot leaves out as 0 and orders nothing without demand', () => {
		// OLD: never sold, so no demand; its Moscow row (April) is older than Moscow's May snapshot.
		// Demand shares by stock: main 5 of 5 → 1, Moscow 0.
		expect(row('OLD', MOSCOW)).toMatchObject({ on_hand: 0, is_stale_balance: true, demand_share: 0, demand_share_basis: 'stock', order_qty: 0, order_by_date: null, stock_out_risk: 'none', reorder_now: false });
		expect(row('OLD', MAIN)).toMatchObject({ on_hand: 5, is_stale_balance: false, demand_share: 1, avg_daily_demand: 0, reorder_point: 0, order_qty: 0, days_of_cover: null, stock_out_risk: 'none' });
	});
});

describe('stock_plan from the demand forecast', () => {
	it('takes daily demand for June from the June forecast and σ from the relative error of the forecast', async () => {
		await fixture.build(['int_stock_policy', 'int_sku_daily_demand', 'stock_plan']);
		await readPlan();
		const year = await fixture.query<{ sku: string; month: string; forecast_qty: number; hi95: number; relative_error: number | null }>(
			'select sku, month, forecast_qty, hi95, relative_error from intermediate.int_sku_forecast_months where horizon_step <= 12 order by sku, month'
		);
		for (const [sku, warehouse, share] of [['HEAT', MAIN, 1], ['FAN', MAIN, 0.75]] as const) {
			// Three months of history: the mean is forecast, not backtested (no relative_error), so the relative
			// error is the band's: Σ (hi95 − forecast) / 1.959964 ÷ Σ forecast over the 12 months from June.
			// The window 2024-06-01 .. 06-21 (lead 14 + review 7) lies in June: d = June / 30 × share,
			// σ_day = relative error × June / √30 × √share; safety stock = 1.6448536 × σ_day × √21.
			const months = year.filter((r) => r.sku === sku);
			expect(months).toHaveLength(12);
			expect(months.every((r) => r.relative_error === null)).toBe(true);
			const relative = months.reduce((a, r) => a + (r.hi95 - r.forecast_qty) / 1.959963985, 0) / months.reduce((a, r) => a + r.forecast_qty, 0);
			const june = months[0];
			const d = (june.forecast_qty / 30) * share;
			const sigma = ((relative * june.forecast_qty) / Math.sqrt(30)) * Math.sqrt(share);
			const r = row(sku, warehouse);
			expect(r).toMatchObject({ demand_basis: 'forecast', forecast_error_basis: 'band' });
			expect(r.forecast_relative_error).toBeCloseTo(relative, 9);
			expect(r.avg_daily_demand).toBeCloseTo(d, 9);
			expect(r.std_daily_demand).toBeCloseTo(sigma, 6);
			expect(r.safety_stock).toBeCloseTo(1.6448536 * sigma * Math.sqrt(21), 5);
			expect(r.reorder_point).toBeCloseTo(d * 21 + r.safety_stock, 9);
		}
		// March 29 days (15 × 5 + 14 × 15 = 285), April 300, May 315: under 4 months, the forecast is their mean, 300 → 10 a day.
		expect(year.find((r) => r.sku === 'HEAT')!.forecast_qty).toBeCloseTo(300, 9);
	});
});

// A heater's forecast made by hand in place of int_sku_forecast_months (unselected models are read as
// last built), June 2024 (step 1) .. May 2025 (step 12): 30 a month in June (1 a day), 300 in
// November (10 a day), the rest anything. Its band is 1.959964 × 60 wide all year, as an
// additive model's is, and its backtest relative error is 0.5. FAN's forecast: 120 a month,
// band 1.959964 × 30 wide, not backtested (relative_error null) → the band's error
// 12 × 30 / (12 × 120) = 0.25.
const HEAT_SEASON = [30, 31, 31, 60, 124, 300, 465, 465, 280, 186, 90, 31];
const handForecast = () => {
	const months = monthLabels('2024-06', 12);
	const heat = months.map((m, i) => `('HEAT', date '${m}-01', ${i + 1}, ${HEAT_SEASON[i]}::double, ${HEAT_SEASON[i]} + 1.959963985 * 60, 0.5)`);
	const fan = months.map((m, i) => `('FAN', date '${m}-01', ${i + 1}, 120::double, 120 + 1.959963985 * 30, null::double)`);
	return `create or replace table intermediate.int_sku_forecast_months as
		select * from (values ${[...heat, ...fan].join(', ')}) as t(sku, month, horizon_step, forecast_qty, hi95, relative_error)`;
};

describe('stock_plan of a seasonal SKU: off-season and peak', () => {
	beforeAll(async () => {
		await fixture.warehouse.run(handForecast());
		await fixture.build(['int_sku_daily_demand', 'stock_plan']);
		await readPlan();
	});

	it('carries a small safety stock in the off-season', () => {
		// As of 2024-05-31; window June 1–21 (lead 14 + review 7): d = 30 / 30 = 1 a day.
		// σ_June = 0.5 × 30 = 15 → σ_day = 15 / √30 = 2.7386128; safety stock = 1.6448536 × 2.7386128 × √21
		// = 1.6448536 × 15 × √0.7 = 1.6448536 × 12.5499004 = 20.642749. (June's band alone, σ 60, would say
		// 1.6448536 × 60 × √0.7 = 82.570997 — the peak's uncertainty on the off-season's 21 units.)
		// Reorder point 1 × 21 + 20.642749 = 41.642749; inventory 250 + 20 = 270 → nothing to order.
		const heat = row('HEAT', MAIN);
		expect(heat).toMatchObject({ as_of_date: '2024-05-31', demand_basis: 'forecast', forecast_error_basis: 'backtest', forecast_relative_error: 0.5, order_qty: 0, reorder_now: false });
		expect(heat.avg_daily_demand).toBeCloseTo(1, 12);
		expect(heat.std_daily_demand).toBeCloseTo(2.7386128, 6);
		expect(heat.safety_stock).toBeCloseTo(20.642749, 5);
		expect(heat.reorder_point).toBeCloseTo(41.642749, 5);
	});

	it('takes σ from the band when the forecast was not backtested', () => {
		// FAN main: d = 120 / 30 × 0.75 = 3; σ_day = 0.25 × 120 / √30 × √0.75 = 30 × √(0.75 / 30) = 30 × 0.1581139 = 4.7434165;
		// safety stock = 1.6448536 × 4.7434165 × √21 = 1.6448536 × 21.7370651 = 35.754290; reorder point 63 + 35.754290 = 98.754290.
		const fan = row('FAN', MAIN);
		expect(fan).toMatchObject({ forecast_error_basis: 'band' });
		expect(fan.forecast_relative_error).toBeCloseTo(0.25, 9);
		expect(fan.avg_daily_demand).toBeCloseTo(3, 12);
		expect(fan.std_daily_demand).toBeCloseTo(4.7434165, 6);
		expect(fan.safety_stock).toBeCloseTo(35.754290, 5);
		expect(fan.reorder_point).toBeCloseTo(98.754290, 5);
	});

	it('raises safety stock and the reorder point with the season', async () => {
		// A balance count on 2024-10-31 moves "today" there: window November 1–21, d = 300 / 30 = 10 a day.
		// σ_Nov = 0.5 × 300 = 150 → σ_day = 150 / √30 = 27.386128; safety stock = 1.6448536 × 150 × √0.7
		// = 206.427492; reorder point 10 × 21 + 206.427492 = 416.427492. The 5 June receipt has arrived: on order 0.
		// On hand 300 ≤ 416.43 → order now 416.427492 + 10 × 7 − 300 = 186.427492 → in tens: 190. Cover 300 / 10 = 30 days.
		await fixture.ingest({ 'остатки_октябрь.csv': csv`
			Дата остатков;Артикул;Склад;Остаток
			31.10.2024;HEAT;Основной склад;300
		` });
		await fixture.build(['int_stock_position', 'int_sku_daily_demand', 'stock_plan']);
		await readPlan();
		const heat = row('HEAT', MAIN);
		expect(heat).toMatchObject({ as_of_date: '2024-10-31', on_hand: 300, on_order: 0, order_qty: 190, reorder_now: true, order_by_date: '2024-10-31' });
		expect(heat.avg_daily_demand).toBeCloseTo(10, 12);
		expect(heat.std_daily_demand).toBeCloseTo(27.386128, 5);
		expect(heat.safety_stock).toBeCloseTo(206.427492, 5);
		expect(heat.reorder_point).toBeCloseTo(416.427492, 5);
		expect(heat.order_qty_needed).toBeCloseTo(186.427492, 5);
		expect(heat.days_of_cover).toBeCloseTo(30, 9);
	});
});
