import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import build from '../../src/lib/server/jobs/build.ts';
import { bufferedOutput } from '../../src/lib/server/jobs/output.ts';
import { runCommandHere } from '../../src/lib/server/jobs/run-command.ts';
import { salesExport } from '../fixtures/sales-only-exports.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// A warehouse with only an accounting sales export: `oborot build` publishes what does not need
// CRM, payments or stock, publishes the rest empty with the reason, and exits 0.
let f: MartFixture;
let code: number;
let out = '';
let err = '';

beforeAll(async () => {
	f = await martFixture();
	await f.ingest({ 'реализация.csv': salesExport(0, 35) });
	const output = bufferedOutput((stream, text) => (stream === 'out' ? (out += text) : (err += text)));
	code = await runCommandHere(build, [], { paths: f.paths, out: output, actor: 'tester', warehouse: async () => f.warehouse });
}, 300_000);
afterAll(() => f?.close());

const states = () => f.query<{ model: string; state: string; reason: string | null }>('select model, state, reason from audit.model_state order by model');

describe('a company with only its accounting sales export', () => {
	it('exits 0 and publishes every model that does not need CRM, payments or stock', async () => {
		// Warn-level tests may warn; nothing is an error.
		expect(err).not.toMatch(/^error:/m);
		expect(code).toBe(0);
		expect(out).toMatch(/\nPublished in \d+\.\d\ds: models \d+ ok, \d+ no data, 0 failed, 0 skipped; tests \d+ passed, \d+ warned, 0 failed/);
		const all = await states();
		expect([...new Set(all.map((s) => s.state))].sort()).toEqual(['current', 'no_data']);
		const current = all.filter((s) => s.state === 'current').map((s) => s.model);
		for (const model of ['fct_sales', 'dim_customer', 'abc_xyz', 'rfm', 'customer_ltv', 'cohorts', 'seasonality', 'demand_forecast', 'forecast_backtest', 'revenue_forecast', 'manager_kpi', 'channel_performance', 'data_calendar', 'data_as_of']) {
			expect(current).toContain(model);
		}
		// 122 lines, 149,300 (test/fixtures/sales-only-exports.ts works both out); three customers.
		expect(await f.query('select count(*) as lines, sum(revenue) as revenue from marts.fct_sales')).toEqual([{ lines: 122, revenue: 149_300 }]);
		expect(await f.query('select count(*) as customers from marts.dim_customer')).toEqual([{ customers: 3 }]);
	});

	it('reports the models that need the missing families as published empty, with the reason', async () => {
		const noData = new Map((await states()).filter((s) => s.state === 'no_data').map((s) => [s.model, s.reason]));
		expect(noData.get('stock_plan')).toBe('no stock exports loaded: raw.stock_balances is empty');
		expect(noData.get('funnel')).toBe('no CRM exports loaded: raw.crm_deals is empty');
		expect(noData.get('fct_deals')).toBe('no CRM exports loaded: raw.crm_deals is empty');
		expect(noData.get('dim_contact')).toBe('no CRM exports loaded: raw.crm_contacts is empty');
		expect(noData.get('receivables')).toBe('no payments and invoices exports loaded: raw.payments_invoices is empty');
		// Nothing built on sales is among them.
		expect([...noData.keys()].filter((m) => ['fct_sales', 'dim_customer', 'abc_xyz', 'demand_forecast', 'rfm'].includes(m))).toEqual([]);
		// Published empty: the relation is there (what reads it still binds), with its columns and no rows.
		expect(await f.query('select count(*) as n from marts.stock_plan')).toEqual([{ n: 0 }]);
		const columns = await f.query<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = 'marts' and table_name = 'stock_plan'`);
		expect(columns.map((c) => c.column_name)).toContain('reorder_point');
		expect(out).toContain('Published empty, their data is not loaded:');
		expect(out).toMatch(/\n {2}stock_plan +no stock exports loaded: raw\.stock_balances is empty\n/);
		expect(out).toMatch(/\[ *\d+\/\d+\] stock_plan +… no data \d+\.\d\ds/);
	});

	it('says per family how current the data is', async () => {
		// The last document is month 35, 15 October 2026; nothing else is loaded.
		expect(await f.query('select family, latest_data_on from marts.data_as_of order by family')).toEqual([
			{ family: 'accounting', latest_data_on: '2026-10-15' },
			{ family: 'crm', latest_data_on: null },
			{ family: 'payments', latest_data_on: null },
			{ family: 'stock', latest_data_on: null }
		]);
	});
});
