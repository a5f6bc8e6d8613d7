import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelectionError, buildProject, loadProject, selectModels, type Project } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;
let project: Project;

beforeEach(async () => {
	shop = await fixtureProject('shop');
	await seed(shop);
	project = await loadProject(shop.paths);
});
afterEach(() => shop.close());

// The shop graph:
//   stg_shop__customers ─────────────┐
//   stg_shop__orders ──┐             ├─► customer_revenue ─► customer_ranking
//   stg_shop__order_lines ─► int_order_totals ─┘
describe('selection', () => {
	const select = (...selectors: string[]) => selectModels(project, selectors);

	it('selects a model, its descendants, its ancestors, or both', () => {
		expect(select('int_order_totals')).toEqual(['int_order_totals']);
		expect(select('int_order_totals+')).toEqual(['int_order_totals', 'customer_revenue', 'customer_ranking']);
		expect(select('+int_order_totals')).toEqual(['stg_shop__order_lines', 'stg_shop__orders', 'int_order_totals']);
		expect(select('+customer_revenue+')).toEqual([
			'stg_shop__customers',
			'stg_shop__order_lines',
			'stg_shop__orders',
			'int_order_totals',
			'customer_revenue',
			'customer_ranking'
		]);
		expect(select('int_order_totals+1')).toEqual(['int_order_totals', 'customer_revenue']);
		expect(select('1+customer_revenue')).toEqual(['stg_shop__customers', 'int_order_totals', 'customer_revenue']);
	});

	it('unions space-separated selectors and intersects comma-joined ones, like dbt', () => {
		expect(select('stg_shop__orders stg_shop__customers')).toEqual(['stg_shop__customers', 'stg_shop__orders']);
		expect(select('stg_shop__orders', 'customer_ranking')).toEqual(['stg_shop__orders', 'customer_ranking']);
		expect(select('tag:finance')).toEqual(['customer_revenue', 'customer_ranking']);
		expect(select('path:marts')).toEqual(['customer_revenue', 'customer_ranking']);
		expect(select('path:models/staging/stg_shop__orders.sql')).toEqual(['stg_shop__orders']);
		expect(select('+customer_ranking,path:staging')).toEqual(['stg_shop__customers', 'stg_shop__order_lines', 'stg_shop__orders']);
		expect(select('stg_shop__order*')).toEqual(['stg_shop__order_lines', 'stg_shop__orders']);
		expect(select('source:shop.orders+')).toEqual(['stg_shop__orders', 'int_order_totals', 'customer_revenue', 'customer_ranking']);
		expect(select('config.materialized:view')).toEqual(['stg_shop__customers', 'stg_shop__order_lines', 'stg_shop__orders']);
		expect(selectModels(project, ['+customer_revenue'], ['path:staging'])).toEqual(['int_order_totals', 'customer_revenue']);
	});

	it('rejects selectors that match nothing', () => {
		expect(() => select('stg_typo')).toThrow(new SelectionError('no model matches «stg_typo»'));
		expect(() => select('stg_shop__orders,customer_ranking')).toThrow(/no model is matched by all of .*\(a comma means "and"/);
		expect(() => select('source:shop.orders')).toThrow(/selects a source, which is not built: add \+/);
		expect(() => selectModels(project, ['path:staging'], ['stg_shop__*'])).toThrow('--exclude leaves nothing to build');
	});

	it('builds exactly the selected models and their tests, reading unselected parents as built', async () => {
		await buildProject(shop.warehouse, project);
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);

		const onlyRevenue = await buildProject(shop.warehouse, project, { select: ['customer_revenue'] });
		expect(onlyRevenue.status).toBe('success');
		expect(onlyRevenue.models.map((m) => m.model)).toEqual(['customer_revenue']);
		expect(onlyRevenue.tests.map((t) => t.name).sort()).toEqual([
			'accepted_range_customer_revenue_revenue',
			'not_null_customer_revenue_customer_id',
			'not_null_customer_revenue_first_order_date',
			'relationships_customer_ranking_customer_id',
			'unique_customer_revenue_customer_id'
		]);
		// int_order_totals was not rebuilt, so C1 is still O1 250 + O2 1 × 100 = 350.
		const c1 = async () => (await shop.warehouse.query(`select revenue from marts.customer_revenue where customer_id = 'C1'`))[0].revenue;
		expect(await c1()).toBe(350);

		const downstream = await buildProject(shop.warehouse, project, { select: ['int_order_totals+'] });
		expect(downstream.models.map((m) => m.model)).toEqual(['int_order_totals', 'customer_revenue', 'customer_ranking']);
		// Now O2 = 1 × 150: C1 = 250 + 150 = 400.
		expect(await c1()).toBe(400);
		const [build] = await shop.warehouse.query('select selector, models_total from audit.builds where build_id = $1', [downstream.buildId]);
		expect(build).toEqual({ selector: 'int_order_totals+', models_total: 3 });

		const upstream = await buildProject(shop.warehouse, project, { select: ['+int_order_totals'] });
		expect(upstream.models.map((m) => m.model)).toEqual(['stg_shop__order_lines', 'stg_shop__orders', 'int_order_totals']);
	});

	it('skips, with a reason, a test that also reads an unselected model that was never built', async () => {
		const result = await buildProject(shop.warehouse, project, { select: ['+stg_shop__orders'] });
		expect(result.status).toBe('success');
		expect(result.models.map((m) => m.model)).toEqual(['stg_shop__orders']);
		const relationship = result.tests.find((t) => t.name === 'relationships_stg_shop__orders_customer_id')!;
		expect(relationship).toMatchObject({ status: 'skipped', message: 'skipped: it also reads «stg_shop__customers», which is not selected and was never built' });
		expect(result.tests.filter((t) => t.status === 'pass').map((t) => t.name).sort()).toEqual([
			'accepted_values_stg_shop__orders_status',
			'not_null_stg_shop__orders_customer_id',
			'not_null_stg_shop__orders_order_id',
			// The source's own tests run because a selected model reads it.
			'source_not_null_shop_orders_order_id',
			'source_unique_shop_orders_order_id',
			'unique_stg_shop__orders_order_id'
		]);
	});

	it('refuses to build a selection whose unselected parents were never built', async () => {
		const result = await buildProject(shop.warehouse, project, { select: ['customer_revenue'] });
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/^not selected and never built: «stg_shop__customers» \(needed by model «customer_revenue»\), «int_order_totals»/);
		expect(result.models.every((m) => m.status === 'skipped')).toBe(true);
		const tables = await shop.warehouse.query(`select table_name from information_schema.tables where table_schema = 'marts'`);
		expect(tables).toEqual([]);
	});
});
