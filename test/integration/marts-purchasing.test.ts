// seasonality, demand_forecast (+ category), forecast_backtest, forecast_accuracy and the
// seasonal half of revenue_forecast on hand-made accounting exports; AirPassengers through
// the seasonality mart against R's decompose. Expected figures are worked out in comments.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { refdataLines } from '../helpers/refdata.ts';
import { lastDay, monthLabels, salesCsv, type SaleLine } from './marts-purchasing-fixtures.ts';

const MARTS = ['+seasonality', '+demand_forecast', '+demand_forecast_category', '+forecast_accuracy', '+revenue_forecast'];
const OURS = [
	'int_data_calendar', 'int_monthly_demand', 'int_sku_forecast_basis', 'int_series_forecasts',
	'int_series_forecast_months', 'int_revenue_projection', 'seasonality', 'demand_forecast', 'demand_forecast_category',
	'forecast_backtest', 'forecast_accuracy', 'revenue_forecast'
];

// 2021-01 .. 2023-12, one line a month on the 15th; one more SQ line on 2024-01-10. The latest
// sale is not a month end, so January 2024 is incomplete: the last full month is 2023-12 and
// the forecasts start 2024-01 (the January line must not count).
const MONTHS = monthLabels('2021-01', 36);
const NOISE_PATTERN = [70, 80, 100, 110, 120, 130, 130, 120, 100, 90, 80, 70];
const line = (month: string, sku: string, category: string, qty: number, price: number): SaleLine => ({
	date: `${month}-15`, sku, name: `Товар ${sku}`, category, qty, price
});
const lines: SaleLine[] = [
	// SQ: 50 a month January–June, 150 July–December, price 10 (multiplicative indices 0.5 / 1.5 on a level of 100).
	...MONTHS.map((m, t) => line(m, 'SQ', 'Сезонное', t % 12 < 6 ? 50 : 150, 10)),
	// FLAT: 100 every month, price 1.
	...MONTHS.map((m) => line(m, 'FLAT', 'Ровное', 100, 1)),
	// NOISY: a season with deterministic noise (−5..+5), given away (price 0).
	...MONTHS.map((m, t) => line(m, 'NOISY', 'Шумное', NOISE_PATTERN[t % 12] + ((t * 37) % 11) - 5, 0)),
	// THIN: 4 a month (below seasonality_sku_min_monthly_qty = 5); YOUNG: 10 a month from 2022-02 (23 full months).
	...MONTHS.map((m) => line(m, 'THIN', 'Прочее', 4, 0)),
	...MONTHS.slice(13).map((m) => line(m, 'YOUNG', 'Прочее', 10, 0)),
	{ date: '2024-01-10', sku: 'SQ', name: 'Товар SQ', category: 'Сезонное', qty: 7, price: 10 }
];

interface IndexRow { series_type: string; series_id: string; month_of_year: number; seasonal_index: number; decomposition_type: string; is_significant: boolean; seasonal_strength: number | null; months_of_history: number; history_start: string; history_end: string; mean_monthly_qty: number }
interface ForecastRow { sku: string; month: string; horizon_step: number; forecast_qty: number; lo80: number; hi80: number; lo95: number; hi95: number; model: string; forecast_basis: string; tail_share: number | null; relative_error: number | null }
interface BacktestRow { series_level: string; series_id: string; model: string; smape: number | null; mase: number | null; rmse: number | null; forecast_rms: number | null; is_chosen: boolean; is_benchmark: boolean; beats_seasonal_naive: boolean | null }

let fixture: MartFixture;
let unpassed: string[];
let checked = 0;
const indexOf = (rows: IndexRow[], type: string, id: string) =>
	rows.filter((r) => r.series_type === type && r.series_id === id).sort((a, b) => a.month_of_year - b.month_of_year);

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest({ 'реализация.csv': salesCsv(lines) });
	const build = await fixture.build(MARTS);
	const ours = build.tests.filter((t) => OURS.includes(t.model));
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.status} ${t.message ?? ''}`);
});

afterAll(() => fixture?.close());

describe('calendar and monthly series', () => {
	it('passes every YAML test of the forecast models', () => {
		expect(checked).toBeGreaterThan(60);
		expect(unpassed).toEqual([]);
	});

	it('ends at the last full month and fills the series without gaps from each SKU\'s first sale', async () => {
		const [calendar] = await fixture.query('select * from intermediate.int_data_calendar');
		expect(calendar).toMatchObject({ last_sale_on: '2024-01-10', last_full_month: '2023-12-01', first_forecast_month: '2024-01-01', full_months: 36 });
		const counts = await fixture.query<{ sku: string; months: number; first: string; last: string; qty: number }>(
			"select item as sku, count(*)::integer as months, min(month) as first, max(month) as last, sum(qty) as qty from intermediate.int_monthly_demand where level = 'sku' group by item order by item"
		);
		// SQ: 36 months (the 7 units of 2024-01 left out): 3 × (6 × 50 + 6 × 150) = 3,600. YOUNG: 2022-02 .. 2023-12 = 23 months.
		expect(counts).toEqual([
			{ sku: 'FLAT', months: 36, first: '2021-01-01', last: '2023-12-01', qty: 3600 },
			{ sku: 'NOISY', months: 36, first: '2021-01-01', last: '2023-12-01', qty: expect.any(Number) },
			{ sku: 'SQ', months: 36, first: '2021-01-01', last: '2023-12-01', qty: 3600 },
			{ sku: 'THIN', months: 36, first: '2021-01-01', last: '2023-12-01', qty: 144 },
			{ sku: 'YOUNG', months: 23, first: '2022-02-01', last: '2023-12-01', qty: 230 }
		]);
	});
});

describe('seasonality', () => {
	let rows: IndexRow[];
	beforeAll(async () => {
		rows = await fixture.query<IndexRow>('select * from marts.seasonality');
	});

	it('gives the hand-computed indices of a 0.5 / 1.5 season on a flat level', () => {
		// Centred 2×12 moving average at t: ½·y(t−6) + y(t−5..t+5) + ½·y(t+6), /12. y(t−6) = y(t+6) (same
		// calendar month), and y(t−5..t+5) is a whole year without that month: (1,200 − y(t+6)) + y(t+6) = 1,200,
		// so the trend is 100 wherever defined. Ratios y / trend: 50/100 = 0.5 (Jan–Jun), 150/100 = 1.5 (Jul–Dec);
		// month means are the same, their mean (6 × 0.5 + 6 × 1.5) / 12 = 1 leaves them unchanged.
		for (const [type, id] of [['sku', 'SQ'], ['category', 'Сезонное']]) {
			const sq = indexOf(rows, type, id);
			expect(sq.map((r) => r.month_of_year)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
			sq.forEach((r) => expect(r.seasonal_index).toBeCloseTo(r.month_of_year <= 6 ? 0.5 : 1.5, 12));
			// Remainder y / (trend × index) = 1 everywhere: Var(R) = 0, strength 1 − 0 = 1.
			sq.forEach((r) => expect(r.seasonal_strength).toBeCloseTo(1, 12));
			expect(sq[0]).toMatchObject({ decomposition_type: 'multiplicative', months_of_history: 36, history_start: '2021-01-01', history_end: '2023-12-01', mean_monthly_qty: 100 });
		}
	});

	it('gives 1 for a flat series, with no season and no strength to measure', () => {
		// y = 100: trend 100, ratios 1; all autocorrelations are 0 (no variance), so not significant;
		// Var(S·R) = 0 leaves the strength undefined.
		const flat = indexOf(rows, 'sku', 'FLAT');
		expect(flat.map((r) => r.seasonal_index)).toEqual(Array(12).fill(1));
		expect(flat.every((r) => !r.is_significant && r.seasonal_strength === null)).toBe(true);
	});

	it('covers every category with 24 months and only SKUs with 24 months selling 5+ a month', () => {
		const series = [...new Set(rows.map((r) => `${r.series_type}:${r.series_id}`))].sort();
		// THIN sells 4 a month (< 5); YOUNG has 23 full months (< 24). Category Прочее = THIN + YOUNG has 36.
		expect(series).toEqual(['category:Прочее', 'category:Ровное', 'category:Сезонное', 'category:Шумное', 'sku:FLAT', 'sku:NOISY', 'sku:SQ']);
	});
});

describe('demand_forecast', () => {
	let forecasts: ForecastRow[];
	let backtest: BacktestRow[];
	beforeAll(async () => {
		forecasts = await fixture.query<ForecastRow>('select * from marts.demand_forecast order by sku, month');
		backtest = await fixture.query<BacktestRow>('select * from marts.forecast_backtest');
	});

	it('forecasts 18 months from the month after the last full month for every SKU', () => {
		const expectedMonths = monthLabels('2024-01', 18).map((m) => `${m}-01`);
		for (const sku of ['FLAT', 'NOISY', 'SQ', 'THIN', 'YOUNG']) {
			const rows = forecasts.filter((r) => r.sku === sku);
			expect(rows.map((r) => r.month)).toEqual(expectedMonths);
			expect(rows.map((r) => r.horizon_step)).toEqual(expectedMonths.map((_, i) => i + 1));
			expect(rows.every((r) => r.forecast_basis === 'individual' && r.tail_share === null)).toBe(true);
		}
	});

	it('repeats a constant series with no uncertainty and an exact season', () => {
		// FLAT: 100 every month → 100, every bound 100 (no error in any model that fits it).
		for (const r of forecasts.filter((f) => f.sku === 'FLAT')) {
			expect([r.forecast_qty, r.lo80, r.hi80, r.lo95, r.hi95]).toEqual([100, 100, 100, 100, 100]);
		}
		// SQ: seasonal naive forecasts it exactly (backtest error 0), so whatever is chosen reproduces 50 / 150.
		for (const r of forecasts.filter((f) => f.sku === 'SQ')) {
			expect(r.forecast_qty).toBeCloseTo(Number(r.month.slice(5, 7)) <= 6 ? 50 : 150, 9);
		}
	});

	it('carries the relative error of the forecast used: backtest RMSE / RMS forecast', () => {
		// FLAT (100 a month) and SQ (50 / 150) are forecast exactly in the backtest: RMSE 0 → 0. FLAT's forecasts are all
		// 100 (RMS 100); SQ's RMS lies between 50 and 150 (it averages the scored months only).
		expect(backtest.find((b) => b.series_id === 'FLAT' && b.is_chosen)!.forecast_rms).toBeCloseTo(100, 9);
		for (const sku of ['FLAT', 'SQ']) {
			const chosen = backtest.find((b) => b.series_level === 'sku' && b.series_id === sku && b.is_chosen)!;
			expect(chosen.rmse).toBeCloseTo(0, 9);
			expect(chosen.forecast_rms!).toBeGreaterThanOrEqual(50 - 1e-9);
			expect(chosen.forecast_rms!).toBeLessThanOrEqual(150 + 1e-9);
			expect(forecasts.filter((f) => f.sku === sku).every((f) => f.relative_error !== null && Math.abs(f.relative_error) < 1e-9)).toBe(true);
		}
		// NOISY: every month carries its chosen row's ratio
		const noisy = backtest.find((b) => b.series_id === 'NOISY' && b.is_chosen)!;
		expect(noisy.rmse!).toBeGreaterThan(0);
		for (const f of forecasts.filter((r) => r.sku === 'NOISY')) expect(f.relative_error).toBeCloseTo(noisy.rmse! / noisy.forecast_rms!, 12);
	});

	it('keeps lo95 ≤ lo80 ≤ forecast ≤ hi80 ≤ hi95, never negative, wider a year further out', () => {
		for (const r of forecasts) {
			expect(r.lo95).toBeGreaterThanOrEqual(0);
			expect(r.lo95).toBeLessThanOrEqual(r.lo80);
			expect(r.lo80).toBeLessThanOrEqual(r.forecast_qty);
			expect(r.forecast_qty).toBeLessThanOrEqual(r.hi80);
			expect(r.hi80).toBeLessThanOrEqual(r.hi95);
		}
		// Same calendar month a year later: the band cannot be narrower (more steps, more error).
		const noisy = forecasts.filter((f) => f.sku === 'NOISY');
		for (let h = 0; h < 6; h++) {
			expect(noisy[h + 12].hi95 - noisy[h + 12].lo95).toBeGreaterThanOrEqual(noisy[h].hi95 - noisy[h].lo95 - 1e-9);
			expect(noisy[h + 12].hi80 - noisy[h + 12].lo80).toBeGreaterThanOrEqual(noisy[h].hi80 - noisy[h].lo80 - 1e-9);
		}
		expect(noisy[17].hi95 - noisy[17].lo95).toBeGreaterThan(0);
	});

	it('scores every series against a benchmark row, seasonal naive wherever a year precedes the backtest', () => {
		const series = [...new Set(backtest.map((r) => `${r.series_level}:${r.series_id}`))].sort();
		expect(series).toEqual([
			'category:Прочее', 'category:Ровное', 'category:Сезонное', 'category:Шумное',
			'sku:FLAT', 'sku:NOISY', 'sku:SQ', 'sku:THIN', 'sku:YOUNG'
		]);
		for (const id of series) {
			const rows = backtest.filter((r) => `${r.series_level}:${r.series_id}` === id);
			expect(rows.filter((r) => r.is_chosen)).toHaveLength(1);
			const benchmark = rows.filter((r) => r.is_benchmark);
			// YOUNG (23 months): its first origin has 12 months of history, not more than a year, so naive.
			expect(benchmark.map((r) => r.model)).toEqual([id === 'sku:YOUNG' ? 'naive' : 'snaive']);
			expect(benchmark[0].beats_seasonal_naive).toBe(false);
		}
	});

	it('averages the chosen and benchmark errors over the same series in forecast_accuracy', async () => {
		const accuracy = await fixture.query<{ series_level: string; model: string; series: number; mean_smape: number; benchmark_mean_smape: number; series_beating_benchmark: number }>(
			"select * from marts.forecast_accuracy where model = 'chosen'"
		);
		for (const level of ['sku', 'category']) {
			const chosen = backtest.filter((r) => r.series_level === level && r.is_chosen);
			const benchmarks = backtest.filter((r) => r.series_level === level && r.is_benchmark);
			const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
			const row = accuracy.find((a) => a.series_level === level)!;
			expect(row.series).toBe(level === 'sku' ? 5 : 4);
			expect(row.mean_smape).toBeCloseTo(mean(chosen.map((r) => r.smape!)), 9);
			expect(row.benchmark_mean_smape).toBeCloseTo(mean(benchmarks.map((r) => r.smape!)), 9);
			expect(row.series_beating_benchmark).toBe(chosen.filter((r) => r.beats_seasonal_naive).length);
		}
	});

	it('forecasts each category on its own', async () => {
		const rows = await fixture.query<{ category: string; forecast_qty: number; hi95: number }>("select * from marts.demand_forecast_category where category = 'Ровное'");
		expect(rows).toHaveLength(18);
		expect(rows.every((r) => r.forecast_qty === 100 && r.hi95 === 100)).toBe(true);
	});
});

describe('long tail forecast by category share (forecast_max_sku_series = 2)', () => {
	let forecasts: ForecastRow[];
	let tail: { series_id: string; month: string; forecast_qty: number; hi95: number; relative_error: number | null }[];
	beforeAll(async () => {
		await fixture.build(['int_sku_forecast_basis', 'int_series_forecasts', 'int_series_forecast_months', 'int_sku_forecast_months', 'demand_forecast'], { forecast_max_sku_series: 2 });
		forecasts = await fixture.query<ForecastRow>('select * from marts.demand_forecast order by sku, month');
		tail = await fixture.query("select * from intermediate.int_series_forecast_months where series_level = 'category_tail' order by series_id, month");
	});

	it('forecasts the two largest SKUs by revenue individually and splits the rest by their 2023 quantity', async () => {
		// Revenue 2023: SQ 1,200 × 10 = 12,000, FLAT 1,200 × 1 = 1,200, the others 0 (ranked by quantity: NOISY, YOUNG 120, THIN 48).
		// Tail of Прочее: YOUNG 120 + THIN 48 = 168 → shares 120/168 = 5/7 and 48/168 = 2/7; Шумное: NOISY alone → 1.
		const basis = await fixture.query<{ sku: string; volume_rank: number; forecast_basis: string; tail_share: number | null }>(
			'select sku, volume_rank, forecast_basis, tail_share from intermediate.int_sku_forecast_basis order by volume_rank'
		);
		expect(basis.map((b) => [b.sku, b.forecast_basis])).toEqual([
			['SQ', 'individual'], ['FLAT', 'individual'], ['NOISY', 'category_share'], ['YOUNG', 'category_share'], ['THIN', 'category_share']
		]);
		expect(basis[2].tail_share).toBe(1);
		expect(basis[3].tail_share).toBeCloseTo(5 / 7, 12);
		expect(basis[4].tail_share).toBeCloseTo(2 / 7, 12);
		for (const [sku, category, share] of [['YOUNG', 'Прочее', 5 / 7], ['THIN', 'Прочее', 2 / 7], ['NOISY', 'Шумное', 1]] as const) {
			const rows = forecasts.filter((f) => f.sku === sku);
			const categoryTail = tail.filter((t) => t.series_id === category);
			expect(rows).toHaveLength(18);
			rows.forEach((r, i) => {
				expect(r.month).toBe(categoryTail[i].month);
				expect(r.forecast_qty).toBeCloseTo(share * categoryTail[i].forecast_qty, 9);
				expect(r.hi95).toBeCloseTo(share * categoryTail[i].hi95, 9);
				// a share of the tail's forecast has the tail's relative error
				expect(r.relative_error).toBe(categoryTail[i].relative_error);
				expect(r.model).toMatch(/^category_share:/);
			});
		}
	});

	it('builds the Прочее tail series from both SKUs over 36 months', async () => {
		const [row] = await fixture.query("select observations, history_start from intermediate.int_series_forecasts where series_level = 'category_tail' and series_id = 'Прочее'");
		expect(row).toEqual({ observations: 36, history_start: '2021-01-01' });
	});
});

describe('revenue_forecast, seasonal part, without CRM data', () => {
	it('projects trend × season: 600 in the first half-year, 1,600 in the second, no error', async () => {
		// Revenue: SQ 50 × 10 + FLAT 100 = 600 a month Jan–Jun, 150 × 10 + 100 = 1,600 Jul–Dec. As for SQ the trend is
		// (6 × 600 + 6 × 1,600) / 12 = 1,100 everywhere; indices 600/1,100 = 6/11 and 16/11 (mean 1). The adjusted
		// series is 1,100 flat: slope 0, residual 0, so the forecast is 1,100 × index with zero-width bands.
		const rows = await fixture.query<Record<string, number | string | null>>('select * from marts.revenue_forecast order by month');
		expect(rows).toHaveLength(18);
		for (const r of rows) {
			const firstHalf = Number(String(r.month).slice(5, 7)) <= 6;
			expect(r.seasonal_forecast as number).toBeCloseTo(firstHalf ? 600 : 1600, 6);
			expect(r.seasonal_trend as number).toBeCloseTo(1100, 6);
			expect(r.seasonal_index as number).toBeCloseTo(firstHalf ? 6 / 11 : 16 / 11, 9);
			expect(r.seasonal_hi95 as number).toBeCloseTo(r.seasonal_forecast as number, 6);
			expect(r).toMatchObject({ seasonal_status: 'ok', pipeline_status: 'no_crm_data', pipeline_expected_revenue: 0, pipeline_deals: 0, plan_amount: null });
		}
		// January 2024 has the 7 × 10 = 70 booked so far.
		expect(rows[0]).toMatchObject({ month: '2024-01-01', horizon_step: 1, actual_revenue_to_date: 70 });
		expect(rows[1].actual_revenue_to_date).toBeNull();
	});
});

// R: decompose(AirPassengers, type = "multiplicative")$figure, January..December (test/fixtures/refdata/README.md).
const R_FIGURE = [0.9102304, 0.8836253, 1.0073663, 0.975906, 0.981378, 1.1127758, 1.2265555, 1.219911, 1.0604919, 0.9217572, 0.8011781, 0.8988244];

describe('AirPassengers through the seasonality mart', () => {
	let air: MartFixture;
	let rows: IndexRow[];
	beforeAll(async () => {
		const data = refdataLines('air_passengers.csv').slice(1).map((l) => l.split(','));
		// One sales line a month on its last day (so December 1960 is a full month), qty = passengers.
		const airLines = data.map(([month, passengers]) => ({ date: lastDay(month), sku: 'AIR', name: 'Авиабилеты', category: 'Авиа', qty: Number(passengers), price: 1 }));
		air = await martFixture();
		await air.ingest({ 'реализация_air.csv': salesCsv(airLines) });
		await air.build(['+seasonality']);
		rows = await air.query<IndexRow>('select * from marts.seasonality');
	});
	afterAll(() => air?.close());

	it("gives R's seasonal figure within 0.001 for the SKU and its category", () => {
		for (const [type, id] of [['sku', 'AIR'], ['category', 'Авиа']]) {
			const index = indexOf(rows, type, id);
			expect(index).toHaveLength(12);
			index.forEach((r, m) => expect(Math.abs(r.seasonal_index - R_FIGURE[m])).toBeLessThan(0.001));
			expect(index[0]).toMatchObject({ decomposition_type: 'multiplicative', months_of_history: 144, history_start: '1949-01-01', history_end: '1960-12-01' });
		}
	});
});
