import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { copyFixtureProject, fixtureWarehouse } from '../fixtures/dashboards/fixture-warehouse.ts';

let tmp: string;
let warehouse: Warehouse;
let app: Hono<ApiEnv>;

const executive: SessionUser = { username: 'olga', displayName: 'Ольга', role: 'executive', managerName: null };
const buyer: SessionUser = { username: 'buyer', displayName: 'Закупщик', role: 'purchasing', managerName: null };

async function get(url: string, user: SessionUser | null = executive) {
	const response = await app.request(url, {}, { user, locale: 'ru' });
	const type = response.headers.get('content-type') ?? '';
	// Text is decoded by hand: Response.text() would drop the CSV's byte-order mark.
	const body = type.includes('json') ? await response.json() : new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, body };
}

const Q1 = 'period_start=2024-01-01&period_end=2024-03-31';

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-dash-api-'));
	copyFixtureProject(path.join(tmp, 'project'));
	warehouse = await fixtureWarehouse(path.join(tmp, 'home', 'warehouse.duckdb'));
	const paths = resolvePaths({ OBOROT_PROJECT: path.join(tmp, 'project'), OBOROT_HOME: path.join(tmp, 'home') });
	app = createApiApp({ paths, warehouse: async () => warehouse, adminToken: () => null });
});

afterAll(() => {
	warehouse?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Every query of the fixture dashboards, each with a direct SQL query written apart
 * from the dashboard's (literal values, no parameters) that must give the same rows.
 */
const crossChecks: { dashboard: string; query: string; search: string; drill?: boolean; direct: string }[] = [
	{
		dashboard: 'sales',
		query: 'revenue_kpi',
		search: Q1,
		direct: `select (select sum(revenue) from marts.fct_sales where sale_date >= '2024-01-01' and sale_date < '2024-04-01') as revenue,
			(select sum(revenue) from marts.fct_sales where sale_date >= '2023-10-01' and sale_date < '2024-01-01') as revenue_prev,
			(select sum(revenue) - sum(cost) from marts.fct_sales where sale_date >= '2024-01-01' and sale_date < '2024-04-01') as gross_profit,
			(select sum(revenue) - sum(cost) from marts.fct_sales where sale_date >= '2023-10-01' and sale_date < '2024-01-01') as gross_profit_prev,
			(select count(distinct customer_id) from marts.fct_sales where sale_date >= '2024-01-01' and sale_date < '2024-04-01') as customers`
	},
	{
		dashboard: 'sales',
		query: 'revenue_by_month',
		search: `${Q1}&channel=Сайт`,
		direct: `select strftime(sale_date, '%Y-%m-01')::date as month, channel, sum(revenue) as revenue from marts.fct_sales
			where channel = 'Сайт' and year(sale_date) = 2024 and month(sale_date) <= 3 group by 1, 2 order by 1, 2`
	},
	{
		dashboard: 'sales',
		query: 'new_customers_by_channel',
		search: Q1,
		direct: `select first_channel as channel, count(customer_id) as customers from marts.dim_customer
			where first_order_date >= '2024-01-01' and first_order_date <= '2024-03-31' group by 1 order by 2 desc, 1`
	},
	{
		dashboard: 'sales',
		query: 'sales_in_month',
		drill: true,
		search: `${Q1}&month=2024-02-01&channel=Опт`,
		direct: `select sale_date, customer_name, sku, channel, qty, revenue from marts.fct_sales
			where sale_date >= '2024-02-01' and sale_date < '2024-03-01' and channel = 'Опт' order by sale_date`
	},
	{
		dashboard: 'sales',
		query: 'customers_of_channel',
		drill: true,
		search: `${Q1}&channel=Сайт`,
		direct: `select customer_id, name, city, manager, first_order_date from marts.dim_customer
			where first_channel = 'Сайт' and first_order_date >= '2024-01-01' and first_order_date <= '2024-03-31' order by name`
	},
	{
		dashboard: 'sales',
		query: 'funnel_stages',
		search: Q1,
		direct: `select stage, (select count(*) from marts.deals d where d.last_stage_order >= s.n) as entered
			from (values ('Заявка', 1), ('КП', 2), ('Счёт', 3), ('Оплата', 4)) s(stage, n) order by n`
	},
	{
		dashboard: 'sales',
		query: 'dropped_deals',
		drill: true,
		search: `${Q1}&stage=КП`,
		direct: `select deal_id, customer_name, manager, created_at, amount from marts.deals where last_stage = 'КП' and status = 'lost' order by deal_id`
	},
	{
		dashboard: 'sales',
		query: 'customers_table',
		search: `${Q1}&city=Москва`,
		direct: `select c.name, c.city, c.manager, sum(s.revenue) as revenue, max(s.sale_date) as last_purchase
			from marts.fct_sales s join marts.dim_customer c on c.customer_id = s.customer_id
			where c.city = 'Москва' and s.sale_date between '2024-01-01' and '2024-03-31' group by 1, 2, 3 order by 4 desc`
	},
	// the filtered rows the tiles select from: under a channel filter, every sale or customer of it, all columns
	{ dashboard: 'sales', query: 'sales', search: 'channel=Опт', direct: `select * from marts.fct_sales where channel = 'Опт'` },
	{ dashboard: 'sales', query: 'customers', search: 'city=Казань', direct: `select * from marts.dim_customer where city = 'Казань'` },
	{ dashboard: 'sales', query: 'deals', search: `manager=${encodeURIComponent('Петрова')}`, direct: `select * from marts.deals where manager = 'Петрова'` },
	{ dashboard: 'sales', query: 'channel_options', search: '', direct: `select channel from marts.fct_sales group by 1 order by 1` },
	{ dashboard: 'sales', query: 'manager_options', search: '', direct: `select manager from marts.fct_sales group by 1 order by 1` },
	{ dashboard: 'sales', query: 'city_options', search: '', direct: `select city from marts.fct_sales group by 1 order by 1` },
	{
		dashboard: 'purchasing',
		query: 'abc_xyz_matrix',
		search: '',
		direct: `select abc_class, xyz_class, count(*) as skus, sum(revenue) as revenue from marts.abc_xyz group by 1, 2`
	},
	{
		dashboard: 'purchasing',
		query: 'abc_cell_skus',
		drill: true,
		search: 'abc_class=C&xyz_class=Z',
		direct: `select sku, name, category, revenue from marts.abc_xyz where abc_class = 'C' and xyz_class = 'Z' order by revenue desc`
	},
	{
		dashboard: 'purchasing',
		query: 'margin_by_month',
		search: `${Q1}&category=Чай`,
		direct: `select make_date(year(sale_date), month(sale_date), 1) as month, sum(revenue) as revenue, sum(revenue - cost) / sum(revenue) as margin
			from marts.fct_sales where category = 'Чай' and sale_date between '2024-01-01' and '2024-03-31' group by 1 order by 1`
	},
	{ dashboard: 'purchasing', query: 'category_options', search: '', direct: `select category from marts.abc_xyz group by 1 order by 1` },
	{ dashboard: 'customers', query: 'customers', search: '', direct: `select * from marts.dim_customer` },
	{
		dashboard: 'customers',
		query: 'customer_sales',
		search: 'customer_id=C4',
		direct: `select s.*, 'Иванов' as customer_manager from marts.fct_sales s where customer_id = 'C4'`
	},
	{
		dashboard: 'customers',
		query: 'customer_search',
		search: 'search=ООО',
		direct: `select customer_id, name, city, manager from marts.dim_customer where starts_with(name, 'ООО') order by name`
	},
	{
		dashboard: 'customers',
		query: 'customer_totals',
		search: 'customer_id=C4',
		direct: `select 'ООО "Гамма"' as name, sum(revenue) as revenue, count(*) as lines from marts.fct_sales where customer_id = 'C4'`
	},
	{
		dashboard: 'customers',
		query: 'customer_purchases',
		search: 'customer_id=C4',
		direct: `select sale_date, sku, channel, qty, revenue from marts.fct_sales where customer_id = 'C4' order by sale_date`
	}
];

const sortRows = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('every fixture query through the API matches a direct SQL query', () => {
	it.each(crossChecks)('$dashboard / $query', async ({ dashboard, query, search, drill, direct }) => {
		const { status, body } = await get(`/api/dashboards/${dashboard}/${drill ? 'drill' : 'queries'}/${query}?${search}`);
		expect(status, JSON.stringify(body)).toBe(200);
		const expected = await warehouse.query(direct);
		expect(expected.length).toBeGreaterThan(0);
		// group-by results without ORDER BY come in any order
		const ordered = !/order by/i.test(direct);
		expect(ordered ? sortRows(body.rows) : body.rows).toEqual(ordered ? sortRows(expected) : expected);
		for (const column of body.columns) {
			const values = body.rows.map((r: Record<string, unknown>) => r[column.name]).filter((v: unknown) => v !== null);
			if (column.kind === 'number') expect(values.every((v: unknown) => typeof v === 'number')).toBe(true);
		}
	});

	it('covers every query of the fixture dashboards', async () => {
		const names: string[] = [];
		for (const id of ['sales', 'purchasing', 'customers']) names.push(...Object.keys((await get(`/api/dashboards/${id}`)).body.dashboard.queries).map((q) => `${id}/${q}`));
		expect(names.sort()).toEqual(crossChecks.map((c) => `${c.dashboard}/${c.query}`).sort());
	});

	it('gives the hand-known figures', async () => {
		// funnel: 6 deals entered; 5 reached КП (all but D4); 3 reached Счёт (D1, D3, D6); 2 paid (D1, D6)
		const funnel = (await get(`/api/dashboards/sales/queries/funnel_stages?${Q1}`)).body;
		expect(funnel.rows).toEqual([
			{ stage: 'Заявка', entered: 6 },
			{ stage: 'КП', entered: 5 },
			{ stage: 'Счёт', entered: 3 },
			{ stage: 'Оплата', entered: 2 }
		]);
		// the C×Z cell of the matrix holds SKU-C2 (90) and SKU-C3 (40)
		const cell = (await get('/api/dashboards/purchasing/drill/abc_cell_skus?abc_class=C&xyz_class=Z')).body;
		expect(cell.rows.map((r: { sku: string }) => r.sku)).toEqual(['SKU-C2', 'SKU-C3']);
		expect(cell.columns.find((c: { name: string }) => c.name === 'revenue')).toEqual({ name: 'revenue', type: 'DECIMAL(18,2)', kind: 'number' });
	});
});

describe('API behaviour', () => {
	it('lists dashboards by role and reports a broken file among them', async () => {
		const list = (await get('/api/dashboards')).body.dashboards;
		expect(list.map((d: { id: string; ok: boolean }) => [d.id, d.ok])).toEqual([['sales', true], ['purchasing', true], ['customers', true], ['broken', false]]);
		expect((await get('/api/dashboards', buyer)).body.dashboards.map((d: { id: string }) => d.id)).toEqual(['purchasing']);
		const broken = await get('/api/dashboards/broken');
		expect(broken.status).toBe(422);
		expect(broken.body.error).toMatchObject({ code: 'dashboard_invalid', problems: [{ file: 'dashboards/broken.md', line: 15 }, expect.anything()] });
	});

	it('returns the spec with resolved filters', async () => {
		const { status, body } = await get('/api/dashboards/sales?period=custom&period_start=2024-01-01&period_end=2024-06-30&channel=Опт');
		expect(status).toBe(200);
		expect(body.filters.period).toEqual({ preset: 'custom', start: '2024-01-01', end: '2024-06-30', prevStart: '2023-07-01', prevEnd: '2023-12-31' });
		expect(body.filters.choices).toEqual({ channel: 'Опт', manager: null, category: null, city: null });
		expect(body.filters.search).toBeNull();
		expect(body.problems).toEqual([]);
	});

	it('answers errors as { error: { code, message } } with the right status', async () => {
		expect(await get(`/api/dashboards/sales/queries/nope?${Q1}`)).toMatchObject({ status: 404, body: { error: { code: 'query_not_found' } } });
		expect(await get('/api/dashboards/nope')).toMatchObject({ status: 404, body: { error: { code: 'dashboard_not_found' } } });
		expect(await get('/api/dashboards/sales/queries/revenue_kpi?period_start=2024-01-01')).toMatchObject({
			status: 400,
			body: { error: { code: 'bad_filter', message: 'give both period_start and period_end (YYYY-MM-DD)' } }
		});
		expect(await get('/api/dashboards/sales/queries/revenue_kpi?period_start=01.01.2024&period_end=2024-02-01')).toMatchObject({
			status: 400,
			body: { error: { code: 'bad_filter', message: 'period_start: use YYYY-MM-DD' } }
		});
		expect(await get('/api/dashboards/sales/drill/revenue_kpi')).toMatchObject({ status: 404, body: { error: { code: 'drill_not_found' } } });
		expect(await get('/api/dashboards/sales', buyer)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
		expect(await get('/api/dashboards', null)).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
	});

	it('refuses a drill parameter over 500 characters as a bad filter, without logging it as a crash', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const long = 'A'.repeat(501);
			const refused = { status: 400, body: { error: { code: 'bad_filter', message: 'abc_class is longer than 500 characters' } } };
			expect(await get(`/api/dashboards/purchasing/drill/abc_cell_skus?abc_class=${long}&xyz_class=Z`)).toMatchObject(refused);
			expect(await get(`/api/dashboards/purchasing/drill/abc_cell_skus.csv?abc_class=${long}&xyz_class=Z`)).toMatchObject(refused);
			// 500 characters are still a value (no SKU has that class)
			const atLimit = await get(`/api/dashboards/purchasing/drill/abc_cell_skus?abc_class=${'A'.repeat(500)}&xyz_class=Z`);
			expect(atLimit).toMatchObject({ status: 200, body: { rows: [] } });
			expect(logged).not.toHaveBeenCalled();
		} finally {
			logged.mockRestore();
		}
	});

	it('reports an SQL error with the file line, on the spec and on the query', async () => {
		const file = path.join(tmp, 'project', 'dashboards', 'sqlerror.md');
		// line 6 is the select; line 7 names a column the table does not have
		fs.writeFileSync(file, '---\ntitle: SQL\nroles: [executive]\n---\n```sql totals\nselect\n  sum(revenu) as revenue from marts.fct_sales\n```\n```kpi\nquery: totals\nvalue: revenue\n```\n');
		const spec = await get('/api/dashboards/sqlerror');
		expect(spec.status).toBe(200);
		expect(spec.body.problems).toEqual([{ file: 'dashboards/sqlerror.md', line: 7, query: 'totals', message: expect.stringMatching(/^query «totals»: Binder Error: Referenced column "revenu" not found/) }]);
		const run = await get('/api/dashboards/sqlerror/queries/totals');
		expect(run.status).toBe(422);
		expect(run.body.error.code).toBe('query_failed');
		expect(run.body.error.message).toMatch(/^dashboards\/sqlerror\.md:7: query «totals»: Binder Error/);
		fs.rmSync(file);
	});

	it('exports a query as CSV with formula cells escaped, and logs the export', async () => {
		const { status, headers, body } = await get(`/api/dashboards/sales/queries/customers_table.csv?${Q1}&city=Москва`);
		expect(status).toBe(200);
		expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(headers.get('content-disposition')).toBe('attachment; filename="sales-customers_table.csv"');
		// Москва in Q1: C3 «=cmd|calc» 2000 (15.02), C1 «Альфа» 1000 + 400 (10.01, 05.02)
		expect(body).toBe('\uFEFFname,city,manager,revenue,last_purchase\r\n"\'=cmd|calc",Москва,Петрова,2000,2024-02-15\r\nООО «Альфа»,Москва,Иванов,1400,2024-02-05\r\n');
		const logged = await warehouse.query(`select username, segment, format, row_count, via from audit.exports order by export_id desc limit 1`);
		expect(logged).toEqual([{ username: 'olga', segment: 'dashboard:sales/customers_table', format: 'csv', row_count: 2, via: 'dashboard' }]);
		const access = await warehouse.query(`select username, action, target, status, detail from audit.access_log order by created_at desc limit 1`);
		expect(access).toEqual([
			{ username: 'olga', action: 'export', target: 'dashboard:sales/customers_table', status: 'ok', detail: '{"format":"csv","rows":2,"via":"dashboard"}' }
		]);
	});
});

describe('OpenAPI', () => {
	it('describes every route of the app, documented or not', async () => {
		const { status, body } = await get('/api/openapi.json');
		expect(status).toBe(200);
		expect(body.openapi).toBe('3.1.0');
		const listed = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
		const registered = app.routes
			.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
			.map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)\{[^}]*\\\.csv\}/g, '{$1}.csv').replace(/:(\w+)/g, '{$1}')}`);
		expect(new Set(listed)).toEqual(new Set(registered));
		expect(listed).toEqual(expect.arrayContaining(['get /api/dashboards/{id}/queries/{query}.csv', 'get /api/status', 'post /api/admin/run']));
		const query = body.paths['/api/dashboards/{id}/queries/{query}'].get;
		expect(query.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
			'path:id', 'path:query', 'query:period', 'query:period_start', 'query:period_end', 'query:channel', 'query:manager', 'query:category', 'query:city', 'query:search'
		]);
		expect(query.responses['200'].content['application/json'].schema.properties.rows.type).toBe('array');
	});
});
