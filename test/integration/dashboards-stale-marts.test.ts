import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import type { MartNotice } from '../../src/lib/dashboards/contract.ts';
import { buildAtPaths, type BuildResult } from '../../src/lib/server/transform/index.ts';
import type { Row } from '../../src/lib/server/warehouse/index.ts';
import { salesExport } from '../fixtures/sales-only-exports.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// A failing error-level test planted in the forecast branch, on a sales-only company: a second
// load of sales publishes to the sales and customer marts, the forecast marts keep the version
// of the first build, and the purchasing dashboard's forecast tile is told so.
let f: MartFixture;
let app: Hono<ApiEnv>;
let first: BuildResult;
let second: BuildResult;
const before: Record<string, Row[]> = {};

const FORECAST_MARTS = ['intermediate.int_series_forecasts', 'marts.demand_forecast', 'marts.demand_forecast_category', 'marts.forecast_backtest', 'marts.forecast_accuracy'];
const all = (relation: string) => f.query(`select * from ${relation} order by all`);
const buyer: SessionUser = { username: 'buyer', displayName: 'Закупщик', role: 'purchasing', managerName: null };
const admin: SessionUser = { username: 'admin', displayName: 'Админ', role: 'admin', managerName: null };

async function api<T>(url: string, locale: 'ru' | 'en' = 'ru', user = buyer): Promise<T> {
	const response = await app.request(url, {}, { user, locale });
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

beforeAll(async () => {
	f = await martFixture({ copyProject: true });
	await f.ingest({ 'реализация-2023-2026.csv': salesExport(0, 35) });
	first = await buildAtPaths(f.paths, f.warehouse, { triggeredBy: 'test' });
	for (const relation of FORECAST_MARTS) before[relation] = await all(relation);

	// November 2026 (month 36), sold to a new customer: А-100 10 × 100, Б-200 22 × 50, В-300 5 × 200.
	await f.ingest({ 'реализация-2026-11.csv': salesExport(36, 36, ['К-004', 'ООО «Новый»', '7702070139', 'Москва']) });
	// The planted failure: a singular test on the forecasts that returns rows, so it fails.
	f.writeProjectFile('models/tests/assert_no_forecasts_planted.sql', "select series_level, series_id from {{ ref('int_series_forecasts') }}\n");
	second = await buildAtPaths(f.paths, f.warehouse, { triggeredBy: 'test' });
	app = createApiApp({ paths: f.paths, warehouse: async () => f.warehouse, adminToken: () => null });
}, 600_000);
afterAll(() => f?.close());

describe('a failing test in the forecast branch', () => {
	it('publishes the new sales to the sales and customer marts', async () => {
		expect(first.status).toBe('success');
		expect(second.status).toBe('partial');
		expect(second.committed).toBe(true);
		// 122 + 3 lines; 149,300 + 1,000 + 1,100 + 1,000 = 152,400.
		expect(await f.query('select count(*) as lines, sum(revenue) as revenue from marts.fct_sales')).toEqual([{ lines: 125, revenue: 152_400 }]);
		expect(await f.query(`select customer_name from marts.dim_customer where customer_name like '%Новый%'`)).toEqual([{ customer_name: 'ООО «Новый»' }]);
		expect(await f.query('select count(*) as customers from marts.rfm')).toEqual([{ customers: 4 }]);
		const state = (model: string) => second.models.find((m) => m.model === model)!;
		for (const model of ['fct_sales', 'dim_customer', 'rfm', 'customer_ltv', 'abc_xyz', 'seasonality']) expect(state(model)).toMatchObject({ status: 'success', state: 'current' });
	});

	it('keeps the forecast marts exactly as the first build left them, flagged stale with the reason', async () => {
		for (const relation of FORECAST_MARTS) expect(await all(relation), relation).toEqual(before[relation]);
		expect(second.tests.filter((t) => t.status === 'fail').map((t) => t.name)).toEqual(['assert_no_forecasts_planted']);
		const states = await f.query<{ model: string; state: string; published_build_id: number; reason: string }>(
			`select model, state, published_build_id, reason from audit.model_state where model in ('int_series_forecasts', 'demand_forecast', 'forecast_accuracy') order by model`
		);
		const why = `test «assert_no_forecasts_planted» on «int_series_forecasts» failed`;
		expect(states).toEqual([
			{ model: 'demand_forecast', state: 'stale', published_build_id: first.buildId, reason: `not rebuilt in build ${second.buildId}: ${why}` },
			{ model: 'forecast_accuracy', state: 'stale', published_build_id: first.buildId, reason: `not rebuilt in build ${second.buildId}: ${why}` },
			{ model: 'int_series_forecasts', state: 'stale', published_build_id: first.buildId, reason: `failed in build ${second.buildId}: ${why}` }
		]);
	});

	it('tells the forecast tile of the purchasing dashboard that it shows the earlier version, and why', async () => {
		const answer = await api<{ rows: unknown[]; notices: MartNotice[] }>('/api/dashboards/purchasing/queries/forecast_series');
		expect(answer.rows.length).toBeGreaterThan(0);
		// The query reads demand_forecast, demand_forecast_category and fct_sales; the first two are stale.
		expect(answer.notices.map((n) => [n.model, n.state, n.available, n.publishedBuildId, n.checkedBuildId])).toEqual([
			['demand_forecast', 'stale', true, first.buildId, second.buildId],
			['demand_forecast_category', 'stale', true, first.buildId, second.buildId]
		]);
		expect(answer.notices[0].cause).toMatchObject({ kind: 'test_failed', model: 'int_series_forecasts', test: 'assert_no_forecasts_planted', upstream: true });
		expect(answer.notices[0].publishedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		// A tile on current marts only has nothing to say.
		expect((await api<{ notices: MartNotice[] }>('/api/dashboards/purchasing/queries/abc_xyz_matrix')).notices).toEqual([]);
	});

	it('gives the page every query’s notices (stock: no exports) and the data as of per family', async () => {
		const page = await api<{ problems: unknown[]; notices: Record<string, MartNotice[]>; dataAsOf: { family: string; latestDataOn: string | null; filesLoaded: number; lastLoadedAt: string | null }[] }>(
			'/api/dashboards/purchasing'
		);
		expect(page.problems).toEqual([]);
		expect(page.notices.forecast_series.map((n) => n.model)).toEqual(['demand_forecast', 'demand_forecast_category']);
		// No stock export: stock_plan, though built on the held-back forecasts, is published empty and says why.
		expect(page.notices.stock_kpi.map((n) => [n.model, n.state, n.needs.map((need) => need.table)])).toEqual([['stock_plan', 'no_data', ['raw.stock_balances']]]);
		expect(page.notices.stock_kpi[0].needs[0]).toMatchObject({ family: 'stock', familyTitle: { ru: 'Склад', en: 'Stock' }, tableTitle: { ru: 'Остатки на складах', en: 'Stock balances' } });
		expect(page.dataAsOf.map((d) => [d.family, d.latestDataOn, d.filesLoaded])).toEqual([
			['crm', null, 0],
			['payments', null, 0],
			['stock', null, 0],
			// the second file's document is dated 15 November 2026
			['accounting', '2026-11-15', 2]
		]);
		expect(page.dataAsOf.find((d) => d.family === 'accounting')!.lastLoadedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	it('lists on the data quality page which marts are not current and why, in the reader’s language', async () => {
		const url = '/api/dashboards/data-quality/queries/model_states?period_start=2000-01-01&period_end=2099-12-31';
		const ru = await api<{ rows: { model: string; state: string; published_build_id: number; reason: string | null }[] }>(url, 'ru', admin);
		expect(ru.rows[0]).toMatchObject({ state: 'устарела' });
		expect(ru.rows.find((r) => r.model === 'demand_forecast')).toEqual(
			expect.objectContaining({ state: 'устарела', published_build_id: first.buildId, reason: `сборка №${second.buildId}: не прошёл тест assert_no_forecasts_planted (модель int_series_forecasts)` })
		);
		expect(ru.rows.find((r) => r.model === 'stock_plan')).toMatchObject({ state: 'нет выгрузок', reason: `сборка №${second.buildId}: пустые таблицы: raw.stock_balances` });
		expect(ru.rows.find((r) => r.model === 'fct_sales')).toMatchObject({ state: 'актуальна', reason: null });
		const en = await api<{ rows: { model: string; state: string; reason: string | null }[] }>(url, 'en', admin);
		expect(en.rows.find((r) => r.model === 'stock_plan')).toMatchObject({ state: 'no data loaded', reason: 'no stock exports loaded: raw.stock_balances is empty' });
	});
});
