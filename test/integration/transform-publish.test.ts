import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;

beforeEach(async () => {
	shop = await fixtureProject('shop');
	await seed(shop);
});
afterEach(() => shop.close());

const marts = () =>
	Promise.all([
		shop.warehouse.query('select * from marts.customer_revenue order by customer_id'),
		shop.warehouse.query('select * from marts.customer_ranking order by customer_id'),
		shop.warehouse.query('select * from intermediate.int_order_totals order by order_id')
	]);

describe('atomic publish', () => {
	it('keeps the previous marts exactly when an error-level test fails, and logs the failing rows', async () => {
		const first = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(first.status).toBe('success');
		const before = await marts();

		// New data that would change every mart: a price change (C1's revenue) and a duplicated customer.
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		await shop.warehouse.run(`insert into raw.shop_customers values ('C1', 'Альфа дубль', 'Тверь')`);
		const second = await buildProject(shop.warehouse, await loadProject(shop.paths));

		expect(second.status).toBe('failed');
		expect(second.committed).toBe(false);
		expect(await marts()).toEqual(before);
		const failed = second.tests.filter((t) => t.status === 'fail');
		expect(failed.map((t) => t.name)).toEqual(['unique_stg_shop__customers_customer_id']);
		expect(failed[0].sample).toEqual([{ unique_field: 'C1', n_records: 2 }]);
		expect(second.message).toContain('test «unique_stg_shop__customers_customer_id» on stg_shop__customers.customer_id found 1 failing row:');
		expect(second.message).toContain('{"unique_field":"C1","n_records":2}');
		expect(second.message).toContain('Nothing was published');
		// Models built on the failed one are skipped; int_order_totals does not read customers, so it was
		// rebuilt (O2 at 150) inside the transaction — and rolled back with the rest, as marts() shows.
		expect(second.models.filter((m) => m.status === 'skipped').map((m) => m.model)).toEqual(['customer_revenue', 'customer_ranking']);
		expect(second.summary.testsFailed).toBe(1);

		const [build] = await shop.warehouse.query('select status, tests_failed, message from audit.builds where build_id = $1', [second.buildId]);
		expect(build).toMatchObject({ status: 'failed', tests_failed: 1 });
		const [logged] = await shop.warehouse.query<{ status: string; failures: number; message: string; severity: string }>(
			`select status, failures, message, severity from audit.test_results where build_id = $1 and test_name = 'unique_stg_shop__customers_customer_id'`,
			[second.buildId]
		);
		expect(logged).toMatchObject({ status: 'fail', failures: 1, severity: 'error' });
		expect(logged.message).toContain('"unique_field":"C1"');
	});

	it('tests source tables before the models read them and skips their readers when a test fails', async () => {
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		const before = await marts();
		await shop.warehouse.run(`insert into raw.shop_orders values ('O3', 'C2', '2024-01-21', 'completed')`);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('failed');
		expect(result.tests.filter((t) => t.status === 'fail')).toMatchObject([
			{ name: 'source_unique_shop_orders_order_id', model: 'source:shop.orders', failures: 1, sample: [{ unique_field: 'O3', n_records: 2 }] }
		]);
		// stg_shop__orders reads the source; everything built on it is skipped, the rest still ran.
		expect(result.models.map((m) => [m.model, m.status])).toEqual([
			['stg_shop__customers', 'success'],
			['stg_shop__order_lines', 'success'],
			['stg_shop__orders', 'skipped'],
			['int_order_totals', 'skipped'],
			['customer_revenue', 'skipped'],
			['customer_ranking', 'skipped']
		]);
		expect(await marts()).toEqual(before);
	});

	it('publishes and reports a warning when only a warn-level test fails', async () => {
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		shop.write(
			'models/intermediate/_intermediate.yml',
			[
				'models:',
				'  - name: int_order_totals',
				'    description: One row per order.',
				'    columns:',
				'      - name: amount',
				'        tests:',
				'          - accepted_range:',
				'              max_value: 1000',
				'              config: {severity: warn}'
			].join('\n')
		);
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('success');
		expect(result.summary.testsWarned).toBe(1);
		const warned = result.tests.find((t) => t.status === 'warn')!;
		// O3 = 3 × 400 = 1200 > 1000 is the only order above the bound.
		expect(warned).toMatchObject({ name: 'accepted_range_int_order_totals_amount', failures: 1 });
		expect(warned.sample[0]).toMatchObject({ order_id: 'O3', amount: 1200 });
		// Published: C1 now has O1 250 + O2 1 × 150 = 400.
		const [c1] = await shop.warehouse.query(`select revenue from marts.customer_revenue where customer_id = 'C1'`);
		expect(c1.revenue).toBe(400);
		const [logged] = await shop.warehouse.query(`select status, severity from audit.test_results where build_id = $1 and status <> 'pass'`, [result.buildId]);
		expect(logged).toEqual({ status: 'warn', severity: 'warn' });
	});

	it('keeps the previous marts when a model has a SQL error, naming the model', async () => {
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		const before = await marts();
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		shop.write(
			'models/marts/customer_revenue.sql',
			"select customers.customer_id, no_such_column\nfrom {{ ref('stg_shop__customers') }} as customers\njoin {{ ref('int_order_totals') }} using (customer_id)\n"
		);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('failed');
		expect(result.models.map((m) => [m.model, m.status])).toEqual([
			['stg_shop__customers', 'success'],
			['stg_shop__order_lines', 'success'],
			['stg_shop__orders', 'success'],
			['int_order_totals', 'success'],
			['customer_revenue', 'error'],
			['customer_ranking', 'skipped']
		]);
		expect(result.message).toMatch(/^model «customer_revenue» \(models\/marts\/customer_revenue.sql\) failed: Binder Error: .*no_such_column/);
		// int_order_totals was rebuilt inside the transaction (C1's O2 would be 150) but rolled back with the rest.
		expect(await marts()).toEqual(before);
		const models = await shop.warehouse.query(`select model, status from audit.build_models where build_id = $1 and status <> 'success' order by model`, [result.buildId]);
		expect(models).toEqual([
			{ model: 'customer_ranking', status: 'skipped' },
			{ model: 'customer_revenue', status: 'error' }
		]);
	});

	it('keeps the previous marts when a TypeScript model throws', async () => {
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		const before = await marts();
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		shop.write('oborot.yml', 'vars:\n  vat_rate: 0.2\n  big_customer_revenue: 300\n  abc_a_share: not-a-number\n');
		// A new file: vitest caches modules it has imported, as a server's tsx loader would not.
		shop.write(
			'models/marts/customer_segments.ts',
			`export default { refs: ['customer_revenue'], async run(ctx) { const share = ctx.var('abc_a_share'); if (typeof share !== 'number') throw new Error('abc_a_share must be a number, got ' + share); } };\n`
		);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('failed');
		expect(result.message).toContain('model «customer_segments» (models/marts/customer_segments.ts) failed: abc_a_share must be a number, got not-a-number');
		expect(await marts()).toEqual(before);
	});
});
