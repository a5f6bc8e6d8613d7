import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject, projectDocs, type BuildEvent } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;

beforeEach(async () => {
	shop = await fixtureProject('shop');
	await seed(shop);
});
afterEach(() => shop.close());

describe('building the shop fixture', () => {
	it('builds every model in dependency order and publishes the hand-computed figures', async () => {
		const project = await loadProject(shop.paths);
		expect(project.order).toEqual([
			'stg_shop__customers',
			'stg_shop__order_lines',
			'stg_shop__orders',
			'int_order_totals',
			'customer_revenue',
			'customer_ranking'
		]);
		const events: BuildEvent[] = [];
		const result = await buildProject(shop.warehouse, project, { onProgress: (e) => void events.push(e), triggeredBy: 'test' });
		expect(result.message).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.models.map((m) => [m.model, m.materialized, m.status])).toEqual([
			['stg_shop__customers', 'view', 'success'],
			['stg_shop__order_lines', 'view', 'success'],
			['stg_shop__orders', 'view', 'success'],
			['int_order_totals', 'table', 'success'],
			['customer_revenue', 'table', 'success'],
			['customer_ranking', 'table', 'success']
		]);
		// Every test passed: source 2 (orders), staging 2 (customers) + 5 (orders) + 2 (lines),
		// intermediate 3, customer_revenue 4, customer_ranking 4, singular 1 = 23. C4 has no first
		// order date but 0 orders, which the not_null test's `where: orders > 0` leaves out.
		expect(result.summary).toEqual({ modelsOk: 6, modelsNoData: 0, modelsFailed: 0, modelsSkipped: 0, testsPassed: 23, testsWarned: 0, testsFailed: 0, testsSkipped: 0 });
		expect(events.filter((e) => e.type === 'model-done').map((e) => (e.type === 'model-done' ? e.index : 0))).toEqual([1, 2, 3, 4, 5, 6]);

		// Completed orders only (O4 is cancelled). VAT 20%: ex VAT = revenue / 1.2, rounded to cents.
		// C1: O1 (2×100 + 1×50 = 250) + O2 (1×100) = 350.00; 350 / 1.2 = 291.666… → 291.67; big (≥ 300).
		// C2: O3 (3×400) = 1200.00; 1200 / 1.2 = 1000.00; big.
		// C3: O5 (4×50) = 200.00; 200 / 1.2 = 166.666… → 166.67; not big.
		// C4: no orders: 0, dates null.
		const revenue = await shop.warehouse.query('select * from marts.customer_revenue order by customer_id');
		expect(revenue).toEqual([
			{ customer_id: 'C1', customer_name: 'ООО «Альфа»', city: 'Москва', orders: 2, revenue: 350, revenue_ex_vat: 291.67, first_order_date: '2024-01-10', last_order_date: '2024-02-15', is_big_customer: true },
			{ customer_id: 'C2', customer_name: 'Beta LLC', city: 'Санкт-Петербург', orders: 1, revenue: 1200, revenue_ex_vat: 1000, first_order_date: '2024-01-20', last_order_date: '2024-01-20', is_big_customer: true },
			{ customer_id: 'C3', customer_name: 'ИП Гамма', city: 'Москва', orders: 1, revenue: 200, revenue_ex_vat: 166.67, first_order_date: '2024-03-06', last_order_date: '2024-03-06', is_big_customer: false },
			{ customer_id: 'C4', customer_name: 'Delta', city: 'Казань', orders: 0, revenue: 0, revenue_ex_vat: 0, first_order_date: null, last_order_date: null, is_big_customer: false }
		]);

		// TS model: total 1750. C2 1200/1750 = 0.685714 (cum 0.685714, before 0 → A);
		// C1 350/1750 = 0.2 (cum 0.885714, before 0.685714 < 0.8 → A);
		// C3 200/1750 = 0.114286 (cum 1, before 0.885714 < 0.95 → B); C4 0 (before 1 → C).
		const ranking = await shop.warehouse.query<{ customer_id: string; revenue_rank: number; revenue_share: number; cumulative_share: number; abc_class: string }>(
			'select * from marts.customer_ranking order by revenue_rank'
		);
		expect(ranking.map((r) => [r.customer_id, r.revenue_rank, r.abc_class])).toEqual([
			['C2', 1, 'A'],
			['C1', 2, 'A'],
			['C3', 3, 'B'],
			['C4', 4, 'C']
		]);
		expect(ranking[0].revenue_share).toBeCloseTo(1200 / 1750, 12);
		expect(ranking[1].cumulative_share).toBeCloseTo(1550 / 1750, 12);
		const types = await shop.warehouse.query(
			`select column_name, data_type from information_schema.columns where table_schema = 'marts' and table_name = 'customer_ranking' order by ordinal_position`
		);
		expect(types.map((t) => t.data_type)).toEqual(['VARCHAR', 'INTEGER', 'DOUBLE', 'DOUBLE', 'VARCHAR']);

		// Staging models are views over raw; the rest are tables.
		const kinds = await shop.warehouse.query(
			`select table_schema || '.' || table_name as name, table_type from information_schema.tables where table_schema in ('staging', 'intermediate', 'marts') order by 1`
		);
		expect(kinds).toEqual([
			{ name: 'intermediate.int_order_totals', table_type: 'BASE TABLE' },
			{ name: 'marts.customer_ranking', table_type: 'BASE TABLE' },
			{ name: 'marts.customer_revenue', table_type: 'BASE TABLE' },
			{ name: 'staging.stg_shop__customers', table_type: 'VIEW' },
			{ name: 'staging.stg_shop__order_lines', table_type: 'VIEW' },
			{ name: 'staging.stg_shop__orders', table_type: 'VIEW' }
		]);
	});

	it('logs the build, each model and each test in audit', async () => {
		const project = await loadProject(shop.paths);
		const result = await buildProject(shop.warehouse, project, { triggeredBy: 'tester' });
		const [build] = await shop.warehouse.query('select * from audit.builds where build_id = $1', [result.buildId]);
		expect(build).toMatchObject({ status: 'success', models_total: 6, models_ok: 6, tests_total: 23, tests_failed: 0, triggered_by: 'tester', selector: null });
		expect(build.finished_at).not.toBeNull();
		const models = await shop.warehouse.query('select model, status, rows from audit.build_models where build_id = $1 order by model', [result.buildId]);
		expect(models).toContainEqual({ model: 'customer_revenue', status: 'success', rows: 4 });
		expect(models).toContainEqual({ model: 'int_order_totals', status: 'success', rows: 5 });
		expect(models).toContainEqual({ model: 'stg_shop__orders', status: 'success', rows: null });
		const tests = await shop.warehouse.query<{ test_name: string; status: string; compiled_sql: string }>(
			'select test_name, status, compiled_sql from audit.test_results where build_id = $1 order by test_name',
			[result.buildId]
		);
		expect(tests).toHaveLength(23);
		expect(tests.every((t) => t.status === 'pass')).toBe(true);
		const relationship = tests.find((t) => t.test_name === 'relationships_stg_shop__orders_customer_id')!;
		expect(relationship.compiled_sql).toContain('"staging"."stg_shop__customers"');
		expect(tests.map((t) => t.test_name)).toContain('assert_order_totals_match_lines');
		const [sourceTest] = await shop.warehouse.query(`select model, compiled_sql from audit.test_results where build_id = $1 and test_name = 'source_unique_shop_orders_order_id'`, [result.buildId]);
		expect(sourceTest).toMatchObject({ model: 'source:shop.orders' });
	});

	it('switches a model between view and table when its materialization changes', async () => {
		const kind = async () =>
			(await shop.warehouse.query(`select table_type from information_schema.tables where table_name = 'stg_shop__orders'`))[0].table_type;
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(await kind()).toBe('VIEW');
		shop.write('models/staging/stg_shop__orders.sql', "{{ config(materialized='table') }}\n" + fs.readFileSync(`${shop.dir}/models/staging/stg_shop__orders.sql`, 'utf8'));
		expect((await buildProject(shop.warehouse, await loadProject(shop.paths))).status).toBe('success');
		expect(await kind()).toBe('BASE TABLE');
		const [count] = await shop.warehouse.query('select count(*) as n from staging.stg_shop__orders');
		expect(count.n).toBe(5);
	});

	it('documents models with types from the built relations and lineage', async () => {
		const project = await loadProject(shop.paths);
		const before = await projectDocs(project, shop.warehouse);
		expect(before.models.find((m) => m.name === 'customer_revenue')!.built).toBe(false);
		await buildProject(shop.warehouse, project);
		const docs = await projectDocs(project, shop.warehouse);
		const revenue = docs.models.find((m) => m.name === 'customer_revenue')!;
		expect(revenue).toMatchObject({
			built: true,
			materialized: 'table',
			schema: 'marts',
			tags: ['finance'],
			parents: ['stg_shop__customers', 'int_order_totals'],
			children: ['customer_ranking']
		});
		expect(revenue.description).toMatch(/^One row per customer/);
		expect(revenue.columns.find((c) => c.name === 'revenue')).toEqual({
			name: 'revenue',
			type: 'DECIMAL(18,2)',
			description: 'Revenue of completed orders, VAT included.',
			documented: true,
			tests: ['accepted_range_customer_revenue_revenue']
		});
		const orders = docs.models.find((m) => m.name === 'stg_shop__orders')!;
		expect(orders.sources).toEqual(['shop.orders']);
		const source = docs.sources.find((s) => s.name === 'shop.orders')!;
		expect(source).toMatchObject({ relation: 'raw.shop_orders', children: ['stg_shop__orders'] });
		expect(source.columns[0]).toEqual({
			name: 'order_id',
			type: 'VARCHAR',
			description: 'Order id; the export must not repeat it.',
			documented: true,
			tests: ['source_unique_shop_orders_order_id', 'source_not_null_shop_orders_order_id']
		});
		const ranking = docs.models.find((m) => m.name === 'customer_ranking')!;
		expect(ranking.kind).toBe('ts');
		expect(ranking.columns.map((c) => [c.name, c.documented])).toEqual([
			['customer_id', true],
			['abc_class', true],
			['revenue_share', true],
			['revenue_rank', false],
			['cumulative_share', false]
		]);
	});
});
