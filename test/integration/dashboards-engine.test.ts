import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { DashboardCatalog } from '../../src/lib/server/dashboards/catalog.ts';
import { listDashboards, openDashboard, runDashboardQuery, type DashboardRequest } from '../../src/lib/server/dashboards/service.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { copyFixtureProject, fixtureWarehouse } from '../fixtures/dashboards/fixture-warehouse.ts';

let tmp: string;
let dashboardsDir: string;
let warehouse: Warehouse;

const executive: SessionUser = { username: 'olga', displayName: 'Ольга', role: 'executive', managerName: null };
const ivanov: SessionUser = { username: 'ivanov', displayName: 'Иванов', role: 'sales_manager', managerName: 'Иванов' };
const buyer: SessionUser = { username: 'buyer', displayName: 'Закупщик', role: 'purchasing', managerName: null };

const req = (user: SessionUser | null = executive): DashboardRequest => ({
	dashboardsDir,
	warehouse: async () => warehouse,
	user,
	locale: 'ru',
	today: '2024-07-10'
});
const q1 = 'period_start=2024-01-01&period_end=2024-03-31';
const kpi = async (search: string, user: SessionUser = executive) =>
	(await runDashboardQuery(req(user), { id: 'sales', query: 'revenue_kpi', search: new URLSearchParams(search) })).rows[0];

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-dash-engine-'));
	dashboardsDir = copyFixtureProject(path.join(tmp, 'project'));
	warehouse = await fixtureWarehouse(path.join(tmp, 'warehouse.duckdb'));
});

afterAll(() => {
	warehouse?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('parsing the fixture dashboard', () => {
	it('reads front matter, queries, components and drills', () => {
		const dashboard = openDashboard(req(), 'sales');
		expect(dashboard.title).toEqual({ ru: 'Продажи (тест)', en: 'Sales (fixture)' });
		expect(dashboard.roles).toEqual(['executive', 'sales_manager']);
		expect(dashboard.filters).toEqual([
			{ name: 'period', options: null },
			{ name: 'channel', options: 'channel_options' },
			{ name: 'manager', options: 'manager_options' },
			{ name: 'city', options: 'city_options' }
		]);
		expect(Object.keys(dashboard.queries)).toHaveLength(14);
		expect(dashboard.queries.channel_options.unscoped).toBe(true);
		// revenue_kpi writes only the period; the filters and the scope are the engine's, declared on «sales» it selects from
		expect(dashboard.queries.revenue_kpi.params.sort()).toEqual(['period_end', 'period_start', 'prev_period_end', 'prev_period_start']);
		expect(dashboard.queries.revenue_kpi).toMatchObject({ uses: ['sales'], filters: {}, scope: [] });
		expect(dashboard.queries.sales).toMatchObject({ uses: [], filters: { channel: 'channel', manager: 'manager', city: 'city' }, scope: ['manager'], unscoped: false });
		const components = dashboard.blocks.flatMap((b) => (b.kind === 'component' ? [b.component] : []));
		expect(components.map((c) => c.kind)).toEqual(['kpi', 'kpi', 'kpi', 'chart', 'chart', 'funnel', 'table']);
		const stacked = components[3];
		expect(stacked).toMatchObject({ type: 'stacked_bar', x: 'month', series: 'channel', y: [{ column: 'revenue', axis: 'left' }] });
		expect(components[6]).toMatchObject({ kind: 'table', sort: { column: 'revenue', desc: true }, page_size: 5, search: true });
		expect(dashboard.drillParams).toEqual({ sales_in_month: ['month', 'channel'], customers_of_channel: ['channel'], dropped_deals: ['stage'] });
		const prose = dashboard.blocks.filter((b) => b.kind === 'prose');
		expect(prose.map((b) => b.kind === 'prose' && b.locale)).toEqual(['ru', 'en', undefined, undefined]);
		expect(prose[2].kind === 'prose' && prose[2].html).toBe('<h2>Выручка по месяцам</h2>\n');
	});

	it('reports a broken file with its name and line, while the others still list', () => {
		const list = listDashboards(req());
		expect(list.map((d) => [d.id, d.ok])).toEqual([
			['sales', true],
			['purchasing', true],
			['customers', true],
			['broken', false]
		]);
		const broken = list.find((d) => d.id === 'broken')!;
		// broken.md line 15 is `x: month`, followed by a wrongly indented `  y: revenue`
		expect(broken.problems?.[0]).toMatchObject({ file: 'dashboards/broken.md', line: 15 });
		expect(broken.problems?.[0].message).toMatch(/^chart block: YAML error/);
		expect(() => openDashboard(req(), 'broken')).toThrow(/dashboards\/broken\.md:15: chart block: YAML error/);
	});

	it('names unknown queries and unbound parameters with their lines', () => {
		const file = [
			'---',
			'title: Проверка',
			'roles: [sales_manager]',
			'filters: [period, channel]',
			'---',
			'```sql totals',
			'select count(*) as n from marts.deals where amount > $min_amount',
			'```',
			'```kpi',
			'query: totls',
			'value: n',
			'```'
		].join('\n');
		fs.writeFileSync(path.join(dashboardsDir, 'check.md'), file);
		const entry = new DashboardCatalog(dashboardsDir).get('check');
		expect(entry?.ok).toBe(false);
		const problems = entry && !entry.ok ? entry.problems : [];
		expect(problems.map((p) => [p.line, p.message])).toEqual([
			[1, expect.stringContaining('filter «channel» (its choices) names query «channel_options», which the file does not define (it defines: totals)')],
			[9, expect.stringContaining('kpi block names query «totls»')],
			[6, expect.stringContaining('query «totals» uses $min_amount, which nothing binds')]
		]);
		fs.rmSync(path.join(dashboardsDir, 'check.md'));
	});

	it('picks up a new or changed file without a restart', async () => {
		const catalog = new DashboardCatalog(dashboardsDir);
		expect(catalog.get('added')).toBeNull();
		const file = path.join(dashboardsDir, 'added.md');
		fs.writeFileSync(file, '---\ntitle: Новый\nroles: [executive]\n---\nТекст.\n');
		expect(catalog.get('added')?.ok).toBe(true);
		fs.writeFileSync(file, '---\ntitle: Новый\nroles: [nobody]\n---\nТекст.\n');
		// a later mtime than the first write, as an editor's save would give
		const later = new Date(Date.now() + 5000);
		fs.utimesSync(file, later, later);
		const changed = catalog.get('added');
		expect(changed?.ok).toBe(false);
		expect(changed && !changed.ok && changed.problems[0].message).toMatch(/front matter: roles\[0\]: Invalid option/);
		fs.rmSync(file);
		expect(catalog.list().map((e) => e.id)).not.toContain('added');
	});
});

describe('binding filters to parameters', () => {
	it('computes the period and the previous period', async () => {
		// Q1 2024: 1000 + 500 + 400 + 2000 + 300 + 700 = 4900; the previous 3 months (Oct–Dec 2023): 500
		expect(await kpi(q1)).toMatchObject({ revenue: 4900, revenue_prev: 500, customers: 4 });
		// Q2 2024: 800 + 1500 + 600 + 200 = 3100, compared with Q1's 4900
		expect(await kpi('period_start=2024-04-01&period_end=2024-06-30')).toMatchObject({ revenue: 3100, revenue_prev: 4900 });
		// default period last_12_months with today 2024-07-10: Jul 2023 – Jun 2024 = all rows = 8500
		expect(await kpi('')).toMatchObject({ revenue: 8500 });
	});

	it('narrows every figure by a filter', async () => {
		// channel Сайт in Q1: 1000 + 400 + 700 = 2100; Oct–Dec 2023: 500
		expect(await kpi(`${q1}&channel=Сайт`)).toMatchObject({ revenue: 2100, revenue_prev: 500, gross_profit: 830 });
		// city Казань in Q1: 500 + 300 + 700 = 1500
		expect(await kpi(`${q1}&city=Казань`)).toMatchObject({ revenue: 1500 });
	});

	it('treats an injection attempt in a filter as a plain value', async () => {
		for (const value of ["Сайт' or '1'='1", "x'; drop table marts.fct_sales; --", 'Сайт") or true --']) {
			expect(await kpi(`${q1}&channel=${encodeURIComponent(value)}`)).toMatchObject({ revenue: null, customers: 0 });
		}
		const [{ n }] = await warehouse.query<{ n: number }>('select count(*) as n from marts.fct_sales');
		expect(n).toBe(11);
	});

	it('ignores filters the dashboard does not declare and never takes the scope from the URL', async () => {
		// purchasing declares only period and category: ?channel= changes nothing (Q1 revenue 4900)
		const margin = await runDashboardQuery(req(buyer), { id: 'purchasing', query: 'margin_by_month', search: new URLSearchParams(`${q1}&channel=Опт`) });
		expect(margin.rows.reduce((sum, r) => sum + (r.revenue as number), 0)).toBe(4900);
		// Иванов's own sales in Q1: 1000 + 400 + 700 = 2100, whatever manager_scope the URL asks for
		expect(await kpi(`${q1}&manager_scope=Петрова`, ivanov)).toMatchObject({ revenue: 2100 });
		expect(await kpi(`${q1}&manager=Петрова`, ivanov)).toMatchObject({ revenue: null });
	});

	it('rejects malformed periods with a clear message', async () => {
		await expect(kpi('period_start=2024-13-01&period_end=2024-12-31')).rejects.toThrow('period_start «2024-13-01» is not a date; use YYYY-MM-DD');
		await expect(kpi('period=fortnight')).rejects.toThrow(/unknown period «fortnight»/);
	});
});

describe('search filter and page parameters', () => {
	const run = (query: string, search: string, user: SessionUser = executive) =>
		runDashboardQuery(req(user), { id: 'customers', query, search: new URLSearchParams(search) });

	it('binds the search text and a page parameter by name', async () => {
		// «альфа» matches ООО «Альфа» (ILIKE ignores case); C1 bought 500 + 1000 + 400 + 800 = 2700 in 4 lines
		expect((await run('customer_search', 'search=альфа')).rows.map((r) => r.customer_id)).toEqual(['C1']);
		expect((await run('customer_totals', 'customer_id=C1')).rows).toEqual([{ name: 'ООО «Альфа»', revenue: 2700, lines: 4 }]);
		// a dashboard without a search filter ignores ?search=
		expect((await runDashboardQuery(req(), { id: 'sales', query: 'revenue_kpi', search: new URLSearchParams(`${q1}&search=x`) })).params.search).toBeNull();
	});

	it('treats quotes and wildcards in the search as text, and keeps a manager to own customers', async () => {
		expect((await run('customer_search', `search=${encodeURIComponent("' or 1=1 --")}`)).rows).toEqual([]);
		// «=cmd|calc» is found by its own characters, not run
		expect((await run('customer_search', `search=${encodeURIComponent('=cmd')}`)).rows.map((r) => r.customer_id)).toEqual(['C3']);
		// C2 is Петрова's customer: Иванов gets no card for it
		expect((await run('customer_totals', 'customer_id=C2', ivanov)).rows).toEqual([]);
		expect((await run('customer_totals', 'customer_id=C1', ivanov)).rows).toEqual([{ name: 'ООО «Альфа»', revenue: 2700, lines: 4 }]);
	});

	it('checks when: and select: against the declared parameters', () => {
		const file = [
			'---',
			'title: Выбор',
			'roles: [executive]',
			'filters: [search]',
			'params: [customer_id, channel]',
			'---',
			'```sql q',
			'select 1 as x',
			'```',
			'```table',
			'query: q',
			'when: customr_id',
			'select: { sku: "{x}" }',
			'```'
		].join('\n');
		fs.writeFileSync(path.join(dashboardsDir, 'select.md'), file);
		const entry = new DashboardCatalog(dashboardsDir).get('select');
		fs.rmSync(path.join(dashboardsDir, 'select.md'));
		expect(entry && !entry.ok && entry.problems.map((p) => [p.line, p.message])).toEqual([
			[1, 'page parameter «channel» is a filter or engine parameter; choose another name'],
			[10, 'table block: select sets «sku», which is no page parameter or filter of this dashboard (known: customer_id, channel, search)'],
			[10, 'table block: when names «customr_id», which is no page parameter or filter of this dashboard (known: customer_id, channel, search)']
		]);
	});
});

describe('roles', () => {
	it('shows each role only its dashboards', () => {
		expect(listDashboards(req(buyer)).map((d) => d.id)).toEqual(['purchasing']);
		expect(listDashboards(req(ivanov)).map((d) => d.id)).toEqual(['sales', 'customers']);
		expect(() => openDashboard(req(buyer), 'sales')).toThrow(/no dashboard «sales»/);
	});

	it('matches the manager trimmed and case-free, as the manager-scope contract says', async () => {
		// «  иванов » is Иванов: his Q1 sales 1000 + 400 + 700 = 2100 (not nothing, not everyone's 4900)
		expect(await kpi(q1, { ...ivanov, managerName: '  иВАНОВ ' })).toMatchObject({ revenue: 2100 });
	});

	it('refuses a file that compares $manager_scope itself: the scope is declared, the engine applies it', () => {
		const file = ['---', 'title: Сырой', 'roles: [sales_manager]', '---', '```sql q', 'select count(*) as n from marts.fct_sales', 'where ($manager_scope is null or lower(trim(manager)) = $manager_scope)', '```', '```kpi', 'query: q', 'value: n', '```'].join('\n');
		fs.writeFileSync(path.join(dashboardsDir, 'raw-scope.md'), file);
		const entry = new DashboardCatalog(dashboardsDir).get('raw-scope');
		fs.rmSync(path.join(dashboardsDir, 'raw-scope.md'));
		expect(entry && !entry.ok && entry.problems.map((p) => [p.line, p.message])).toEqual([
			[5, "query «q»: the engine keeps a sales manager to their records; name the manager's column after the query name (scope=manager) instead of comparing $manager_scope"]
		]);
	});

	it('refuses a sales manager without a manager name instead of showing everything', async () => {
		await expect(kpi(q1, { ...ivanov, managerName: null })).rejects.toThrow(/has no manager name/);
	});
});
