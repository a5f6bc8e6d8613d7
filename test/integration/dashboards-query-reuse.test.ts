import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { DashboardError } from '../../src/lib/server/dashboards/errors.ts';
import { dashboardStatus, openDashboard, runDashboardQuery, type DashboardRequest } from '../../src/lib/server/dashboards/service.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { copyFixtureProject, fixtureWarehouse } from '../fixtures/dashboards/fixture-warehouse.ts';

/**
 * Queries that select from other queries of the file, filters the engine applies where a
 * query declares them, and the manager scope it applies or refuses to do without, on the
 * fixture marts (test/fixtures/dashboards/marts.sql: eleven sales, 8 500 in all).
 */
let tmp: string;
let dashboardsDir: string;
let warehouse: Warehouse;

const executive: SessionUser = { username: 'olga', displayName: 'Ольга', role: 'executive', managerName: null };
const ivanov: SessionUser = { username: 'ivanov', displayName: 'Иванов', role: 'sales_manager', managerName: 'Иванов' };

const FILE = [
	'---',
	'title: Повторное использование',
	'roles: [executive, sales_manager]',
	'filters: [channel, manager]',
	'---',
	'```sql sales channel manager scope=manager',
	'select * from marts.fct_sales',
	'```',
	'```sql customers scope=manager',
	'select * from marts.dim_customer',
	'```',
	'```sql filtered_total',
	'select sum(revenue) as revenue from ${sales}',
	'```',
	'```sql raw_total unscoped',
	'select sum(revenue) as revenue from marts.fct_sales',
	'```',
	'```sql leaky',
	'select sum(revenue) as revenue from marts.fct_sales',
	'```',
	'```sql by_city',
	'with per_customer as (',
	'	select customer_id, sum(revenue) as revenue from ${sales} group by all',
	')',
	'select c.city, sum(p.revenue) as revenue',
	'from per_customer p',
	'join ${customers} c using (customer_id)',
	'group by all',
	'order by revenue desc',
	'```',
	'```sql broken',
	'select revenue,',
	'	no_such_column',
	'from ${sales}',
	'```',
	'```sql channel_options unscoped',
	'select distinct channel from marts.fct_sales order by 1',
	'```',
	'```sql manager_options scope=manager',
	'select distinct manager from marts.fct_sales order by 1',
	'```',
	'```table',
	'query: by_city',
	'```'
];

const req = (user: SessionUser): DashboardRequest => ({ dashboardsDir, warehouse: async () => warehouse, user, locale: 'ru', today: '2024-07-10' });
const rows = async (query: string, search = '', user: SessionUser = executive) =>
	(await runDashboardQuery(req(user), { id: 'reuse', query, search: new URLSearchParams(search) })).rows;

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-dash-reuse-'));
	dashboardsDir = copyFixtureProject(path.join(tmp, 'project'));
	fs.writeFileSync(path.join(dashboardsDir, 'reuse.md'), FILE.join('\n'));
	warehouse = await fixtureWarehouse(path.join(tmp, 'warehouse.duckdb'));
});

afterAll(() => {
	warehouse?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('filters the engine applies', () => {
	it('narrows a query that declares the filter, and leaves one that does not alone', async () => {
		expect(await rows('filtered_total')).toEqual([{ revenue: 8500 }]);
		// Сайт: 500 + 1000 + 400 + 700 + 800 + 200
		expect(await rows('filtered_total', 'channel=Сайт')).toEqual([{ revenue: 3600 }]);
		// Петрова: 500 + 2000 + 300 + 1500 + 600
		expect(await rows('filtered_total', `manager=${encodeURIComponent('Петрова')}`)).toEqual([{ revenue: 4900 }]);
		// raw_total declares no filter: the same 8 500 whatever the page chose
		expect(await rows('raw_total', 'channel=Сайт')).toEqual([{ revenue: 8500 }]);
	});

	it('binds the value, never pastes it', async () => {
		expect(await rows('filtered_total', `channel=${encodeURIComponent("Сайт' or '1'='1")}`)).toEqual([{ revenue: null }]);
	});
});

describe('a query selecting from another', () => {
	it('reads the other query as a CTE, joined to its own WITH', async () => {
		// by customer's city: Москва C1 2700 + C3 2600 + C5 1500 = 6800; Казань C2 800 + C4 900 = 1700
		expect(await rows('by_city')).toEqual([
			{ city: 'Москва', revenue: 6800 },
			{ city: 'Казань', revenue: 1700 }
		]);
		// channel Опт (C3 2000 + 600, C5 1500), all Москва: the filter of «sales» reaches through
		expect(await rows('by_city', `channel=${encodeURIComponent('Опт')}`)).toEqual([{ city: 'Москва', revenue: 4100 }]);
	});

	it('puts an error back on the line of the file it is on', async () => {
		const error = await rows('broken').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DashboardError);
		const problem = (error as DashboardError).problems[0];
		expect(problem.line).toBe(FILE.indexOf('\tno_such_column') + 1);
		expect(problem.message).toMatch(/^query «broken»: .*no_such_column/);
	});

	it('refuses a file whose queries select from a missing query or from themselves', () => {
		const cyclic = ['---', 'title: Круг', 'roles: [executive]', '---', '```sql a', 'select * from ${b}', '```', '```sql b', 'select * from ${a} join ${c} using (x)', '```'];
		fs.writeFileSync(path.join(dashboardsDir, 'cyclic.md'), cyclic.join('\n'));
		const problems = (() => {
			try {
				openDashboard(req(executive), 'cyclic');
				return [];
			} catch (e) {
				return (e as DashboardError).problems.map((p) => [p.line, p.message]);
			} finally {
				fs.rmSync(path.join(dashboardsDir, 'cyclic.md'));
			}
		})();
		expect(problems).toEqual([
			[8, 'query «b» selects from ${c}, which the file does not define (it defines: a, b)'],
			[5, 'query «a» selects from itself: a → b → a'],
			[8, 'query «b» selects from itself: b → a → b']
		]);
	});
});

describe('the manager scope the engine applies', () => {
	it('keeps a sales manager to rows naming them, in a query and through the queries that read it', async () => {
		// Иванов: 500 + 1000 + 400 + 700 + 800 + 200
		expect(await rows('filtered_total', '', ivanov)).toEqual([{ revenue: 3600 }]);
		// his customers C1 (Москва, 2700) and C4 (Казань, 900)
		expect(await rows('by_city', '', ivanov)).toEqual([
			{ city: 'Москва', revenue: 2700 },
			{ city: 'Казань', revenue: 900 }
		]);
		expect(await rows('manager_options', '', ivanov)).toEqual([{ manager: 'Иванов' }]);
		// unscoped reference data is shown whole
		expect(await rows('raw_total', '', ivanov)).toEqual([{ revenue: 8500 }]);
	});

	it('refuses to run a query that reads a table without a scope for a sales manager, and runs it for others', async () => {
		const error = await rows('leaky', '', ivanov).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DashboardError);
		expect(error).toMatchObject({ kind: 'unusable', code: 'query_unscoped' });
		expect((error as DashboardError).problems).toEqual([
			{
				file: 'dashboards/reuse.md',
				line: FILE.indexOf('```sql leaky') + 1,
				query: 'leaky',
				message: expect.stringContaining('query «leaky» reads marts.fct_sales without a manager scope')
			}
		]);
		expect(await rows('leaky')).toEqual([{ revenue: 8500 }]);
	});

	it('names the leaking query on the page, for every reader of a dashboard a sales manager may open', async () => {
		const dashboard = openDashboard(req(executive), 'reuse');
		const status = await dashboardStatus(req(executive), dashboard);
		const leaky = status.problems.filter((p) => p.query === 'leaky');
		expect(leaky.map((p) => p.line)).toEqual([FILE.indexOf('```sql leaky') + 1]);
		expect(leaky[0].message).toMatch(/^query «leaky» reads marts\.fct_sales without a manager scope/);
		// the scoped and unscoped queries are not named
		expect(status.problems.map((p) => p.query).filter((q) => q !== 'broken')).toEqual(['leaky']);
	});
});
