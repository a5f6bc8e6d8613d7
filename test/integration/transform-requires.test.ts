import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectError, buildProject, loadProject, projectDocs } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;
let martsYaml: string;

/** The shop's marts YAML with `requires` added to both marts (the TS one included). */
function requireOrders(customerRevenue: string, customerRanking: string): void {
	const yaml = martsYaml;
	shop.write(
		'models/marts/_marts.yml',
		yaml
			.replace('  - name: customer_revenue\n', `  - name: customer_revenue\n    config:\n      requires: ${customerRevenue}\n`)
			.replace('  - name: customer_ranking\n', `  - name: customer_ranking\n    config:\n      requires: ${customerRanking}\n`)
	);
}

beforeEach(async () => {
	shop = await fixtureProject('shop');
	martsYaml = fs.readFileSync(`${shop.dir}/models/marts/_marts.yml`, 'utf8');
	await seed(shop);
});
afterEach(() => shop.close());

describe('models that need data (config requires)', () => {
	it('publishes a model empty, with its columns, when a source it requires holds no rows; its tests are skipped; the build succeeds', async () => {
		requireOrders('[shop.orders]', '[shop.orders]');
		await shop.warehouse.run('delete from raw.shop_orders');
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('success');
		expect(result.models.map((m) => [m.model, m.status, m.rows])).toEqual([
			['stg_shop__customers', 'success', null],
			['stg_shop__order_lines', 'success', null],
			['stg_shop__orders', 'success', null],
			['int_order_totals', 'success', 0],
			['customer_revenue', 'no_data', 0],
			['customer_ranking', 'no_data', 0]
		]);
		expect(result.models[4]).toMatchObject({ message: 'no data loaded: shop.orders is empty', cause: { kind: 'no_data', sources: ['shop.orders'] }, state: 'no_data' });
		expect(result.summary).toMatchObject({ modelsOk: 4, modelsNoData: 2, modelsFailed: 0, modelsSkipped: 0 });
		// Without the orders customer_revenue would still list 4 customers with 0 revenue: published empty instead.
		expect(await shop.warehouse.query('select count(*) as n from marts.customer_revenue')).toEqual([{ n: 0 }]);
		const columns = await shop.warehouse.query<{ table_name: string; n: number }>(
			`select table_name, count(*) as n from information_schema.columns where table_schema = 'marts' group by 1 order by 1`
		);
		// customer_revenue's 9 columns; the TS model's 5 from its createTable call (its rows never read).
		expect(columns).toEqual([
			{ table_name: 'customer_ranking', n: 5 },
			{ table_name: 'customer_revenue', n: 9 }
		]);
		const revenueTests = result.tests.filter((t) => t.model === 'customer_revenue');
		expect(revenueTests.length).toBeGreaterThan(0);
		expect(revenueTests.every((t) => t.status === 'skipped' && t.blockedBy === 'customer_revenue')).toBe(true);
		expect(await shop.warehouse.query(`select model, state, published_build_id, reason from audit.model_state where state <> 'current' order by model`)).toEqual([
			{ model: 'customer_ranking', state: 'no_data', published_build_id: result.buildId, reason: 'no data loaded: shop.orders is empty' },
			{ model: 'customer_revenue', state: 'no_data', published_build_id: result.buildId, reason: 'no data loaded: shop.orders is empty' }
		]);

		// Once orders are loaded, the next build fills them.
		await seed(shop);
		const filled = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(filled.models.map((m) => m.status)).toEqual(Array(6).fill('success'));
		expect(await shop.warehouse.query('select count(*) as n from marts.customer_revenue')).toEqual([{ n: 4 }]);
		expect(await shop.warehouse.query(`select count(*) as n from audit.model_state where state <> 'current'`)).toEqual([{ n: 0 }]);
	});

	it('is met by any one table of an {any: [...]} entry, and words the family when the caller knows it', async () => {
		requireOrders('[{ any: [shop.orders, shop.order_lines] }]', '[[shop.orders, shop.customers]]');
		await shop.warehouse.run('delete from raw.shop_orders; delete from raw.shop_order_lines; delete from raw.shop_customers');
		const labels: Record<string, string> = { 'shop.orders': 'webshop', 'shop.order_lines': 'webshop' };
		const empty = await buildProject(shop.warehouse, await loadProject(shop.paths), { sourceLabel: (table) => labels[table] ?? null });
		expect(empty.models.slice(4).map((m) => [m.model, m.status, m.message])).toEqual([
			['customer_revenue', 'no_data', 'no webshop exports loaded: shop.orders, shop.order_lines are all empty'],
			['customer_ranking', 'no_data', 'no webshop exports loaded: shop.orders, shop.customers are all empty']
		]);
		await shop.warehouse.run(`insert into raw.shop_order_lines values ('O1', 1, 'SKU-A', 2, 100.00)`);
		const lines = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(lines.models.slice(4).map((m) => [m.model, m.status])).toEqual([
			['customer_revenue', 'success'],
			['customer_ranking', 'no_data']
		]);
	});

	it('must name declared sources, and shows in the docs', async () => {
		requireOrders('[shop.orders]', '[shop.payments]');
		await expect(loadProject(shop.paths)).rejects.toThrow(ProjectError);
		await expect(loadProject(shop.paths)).rejects.toThrow('models/marts/customer_ranking.ts: requires «shop.payments», which is not a declared source');
		requireOrders('[shop.orders]', '[{ all: [shop.orders] }]');
		await expect(loadProject(shop.paths)).rejects.toThrow('requires entry {"all":["shop.orders"]} must be a source table such as raw.stock_balances');
		requireOrders('[shop.orders]', '[]');
		const docs = await projectDocs(await loadProject(shop.paths));
		expect(docs.models.find((m) => m.name === 'customer_revenue')!.requires).toEqual([['shop.orders']]);
	});
});
