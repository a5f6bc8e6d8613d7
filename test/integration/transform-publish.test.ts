import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { buildProject, loadProject, type BuildEvent } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;

beforeEach(async () => {
	shop = await fixtureProject('shop');
	await seed(shop);
});
afterEach(() => shop.close());

const states = () =>
	shop.warehouse.query<{ model: string; state: string; published_build_id: number | null; checked_build_id: number; reason: string | null }>(
		'select model, state, published_build_id, checked_build_id, reason from audit.model_state order by model'
	);

const marts = () =>
	Promise.all([
		shop.warehouse.query('select * from marts.customer_revenue order by customer_id'),
		shop.warehouse.query('select * from marts.customer_ranking order by customer_id'),
		shop.warehouse.query('select * from intermediate.int_order_totals order by order_id')
	]);

describe('publishing all but what fails', () => {
	it('keeps the previous version of a model whose error-level test fails, and of what is built on it; the rest publishes', async () => {
		const first = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(first.status).toBe('success');
		const [revenueBefore, rankingBefore] = await marts();

		// New data: a price change (O2 at 150, in int_order_totals and C1's revenue) and a duplicated customer.
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		await shop.warehouse.run(`insert into raw.shop_customers values ('C1', 'Альфа дубль', 'Тверь')`);
		const second = await buildProject(shop.warehouse, await loadProject(shop.paths));

		expect(second.status).toBe('partial');
		expect(second.committed).toBe(true);
		const failed = second.tests.filter((t) => t.status === 'fail');
		expect(failed.map((t) => t.name)).toEqual(['unique_stg_shop__customers_customer_id']);
		expect(failed[0].sample).toEqual([{ unique_field: 'C1', n_records: 2 }]);
		expect(second.message).toContain('test «unique_stg_shop__customers_customer_id» on stg_shop__customers.customer_id found 1 failing row:');
		expect(second.message).toContain('{"unique_field":"C1","n_records":2}');
		expect(second.message).toContain('these kept their previous version (if they had one): stg_shop__customers, customer_revenue, customer_ranking.');
		// The customers view failed its test; what is built on it waits; int_order_totals does not read customers.
		expect(second.models.map((m) => [m.model, m.status, m.state])).toEqual([
			['stg_shop__customers', 'error', 'stale'],
			['stg_shop__order_lines', 'success', 'current'],
			['stg_shop__orders', 'success', 'current'],
			['int_order_totals', 'success', 'current'],
			['customer_revenue', 'skipped', 'stale'],
			['customer_ranking', 'skipped', 'stale']
		]);
		// The relationship orders → customers reads the failed view: skipped, not run.
		expect(second.tests.find((t) => t.name === 'relationships_stg_shop__orders_customer_id')).toMatchObject({ status: 'skipped', message: 'skipped: «stg_shop__customers» was not built' });
		expect(second.summary).toMatchObject({ modelsOk: 3, modelsFailed: 1, modelsSkipped: 2, testsFailed: 1 });

		// Published: O2 = 1 × 150. Kept: C1's revenue is still 250 + 100 = 350, and its rank.
		const [revenueAfter, rankingAfter, orderTotals] = await marts();
		expect(orderTotals.find((o) => o.order_id === 'O2')).toMatchObject({ amount: 150 });
		expect(revenueAfter).toEqual(revenueBefore);
		expect(rankingAfter).toEqual(rankingBefore);

		const [build] = await shop.warehouse.query('select status, tests_failed, message from audit.builds where build_id = $1', [second.buildId]);
		expect(build).toMatchObject({ status: 'partial', tests_failed: 1 });
		const [logged] = await shop.warehouse.query<{ status: string; failures: number; message: string; severity: string }>(
			`select status, failures, message, severity from audit.test_results where build_id = $1 and test_name = 'unique_stg_shop__customers_customer_id'`,
			[second.buildId]
		);
		expect(logged).toMatchObject({ status: 'fail', failures: 1, severity: 'error' });
		expect(logged.message).toContain('"unique_field":"C1"');

		const why = `test «unique_stg_shop__customers_customer_id» on «stg_shop__customers» failed`;
		expect(await states()).toEqual([
			{ model: 'customer_ranking', state: 'stale', published_build_id: first.buildId, checked_build_id: second.buildId, reason: `not rebuilt in build ${second.buildId}: ${why}` },
			{ model: 'customer_revenue', state: 'stale', published_build_id: first.buildId, checked_build_id: second.buildId, reason: `not rebuilt in build ${second.buildId}: ${why}` },
			{ model: 'int_order_totals', state: 'current', published_build_id: second.buildId, checked_build_id: second.buildId, reason: null },
			{ model: 'stg_shop__customers', state: 'stale', published_build_id: first.buildId, checked_build_id: second.buildId, reason: `failed in build ${second.buildId}: ${why}` },
			{ model: 'stg_shop__order_lines', state: 'current', published_build_id: second.buildId, checked_build_id: second.buildId, reason: null },
			{ model: 'stg_shop__orders', state: 'current', published_build_id: second.buildId, checked_build_id: second.buildId, reason: null }
		]);
		const [cause] = await shop.warehouse.query<{ cause: string }>(`select cause::varchar as cause from audit.model_state where model = 'customer_revenue'`);
		expect(JSON.parse(cause.cause)).toMatchObject({ kind: 'test_failed', model: 'stg_shop__customers', test: 'unique_stg_shop__customers_customer_id', buildId: second.buildId, upstream: true });

		// Once the data is fixed the next build publishes everything and every model is current again.
		await shop.warehouse.run(`delete from raw.shop_customers where name = 'Альфа дубль'`);
		const third = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(third.status).toBe('success');
		const [c1] = await shop.warehouse.query(`select revenue from marts.customer_revenue where customer_id = 'C1'`);
		expect(c1.revenue).toBe(400);
		expect((await states()).map((s) => [s.model, s.state, s.published_build_id])).toEqual(
			['customer_ranking', 'customer_revenue', 'int_order_totals', 'stg_shop__customers', 'stg_shop__order_lines', 'stg_shop__orders'].map((m) => [m, 'current', third.buildId])
		);
	});

	it('tests source tables before the models read them and holds back their readers when a test fails', async () => {
		const first = await buildProject(shop.warehouse, await loadProject(shop.paths));
		const before = await marts();
		await shop.warehouse.run(`insert into raw.shop_orders values ('O3', 'C2', '2024-01-21', 'completed')`);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('partial');
		expect(result.tests.filter((t) => t.status === 'fail')).toMatchObject([
			{ name: 'source_unique_shop_orders_order_id', model: 'source:shop.orders', failures: 1, sample: [{ unique_field: 'O3', n_records: 2 }] }
		]);
		// stg_shop__orders reads the source; everything built on it keeps its version, the rest is rebuilt.
		expect(result.models.map((m) => [m.model, m.status])).toEqual([
			['stg_shop__customers', 'success'],
			['stg_shop__order_lines', 'success'],
			['stg_shop__orders', 'skipped'],
			['int_order_totals', 'skipped'],
			['customer_revenue', 'skipped'],
			['customer_ranking', 'skipped']
		]);
		expect(await marts()).toEqual(before);
		const [state] = await shop.warehouse.query(`select state, published_build_id, reason from audit.model_state where model = 'int_order_totals'`);
		expect(state).toEqual({
			state: 'stale',
			published_build_id: first.buildId,
			reason: `not rebuilt in build ${result.buildId}: test «source_unique_shop_orders_order_id» on source shop.orders failed`
		});
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

	it('keeps the previous version of a model with a SQL error and of its descendants; the rest publishes', async () => {
		const first = await buildProject(shop.warehouse, await loadProject(shop.paths));
		const [revenueBefore, rankingBefore] = await marts();
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		shop.write(
			'models/marts/customer_revenue.sql',
			"select customers.customer_id, no_such_column\nfrom {{ ref('stg_shop__customers') }} as customers\njoin {{ ref('int_order_totals') }} using (customer_id)\n"
		);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('partial');
		expect(result.models.map((m) => [m.model, m.status])).toEqual([
			['stg_shop__customers', 'success'],
			['stg_shop__order_lines', 'success'],
			['stg_shop__orders', 'success'],
			['int_order_totals', 'success'],
			['customer_revenue', 'error'],
			['customer_ranking', 'skipped']
		]);
		expect(result.message).toMatch(/^model «customer_revenue» \(models\/marts\/customer_revenue.sql\) failed: Binder Error: .*no_such_column/);
		// int_order_totals is published (O2 now 150); customer_revenue and what is built on it are as they were.
		const [revenueAfter, rankingAfter, orderTotals] = await marts();
		expect(orderTotals.find((o) => o.order_id === 'O2')).toMatchObject({ amount: 150 });
		expect(revenueAfter).toEqual(revenueBefore);
		expect(rankingAfter).toEqual(rankingBefore);
		const models = await shop.warehouse.query(`select model, status from audit.build_models where build_id = $1 and status <> 'success' order by model`, [result.buildId]);
		expect(models).toEqual([
			{ model: 'customer_ranking', status: 'skipped' },
			{ model: 'customer_revenue', status: 'error' }
		]);
		const [state] = await shop.warehouse.query<{ state: string; published_build_id: number; reason: string }>(
			`select state, published_build_id, reason from audit.model_state where model = 'customer_revenue'`
		);
		expect(state).toMatchObject({ state: 'stale', published_build_id: first.buildId });
		expect(state.reason).toMatch(new RegExp(`^failed in build ${result.buildId}: «customer_revenue» failed: Binder Error: .*no_such_column`));
	});

	it('publishes the rest when a TypeScript model throws; the model, never built, has no version to show', async () => {
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		shop.write('oborot.yml', 'vars:\n  vat_rate: 0.2\n  big_customer_revenue: 300\n  abc_a_share: not-a-number\n');
		// A new file: vitest caches modules it has imported, as a server's tsx loader would not.
		shop.write(
			'models/marts/customer_segments.ts',
			`export default { refs: ['customer_revenue'], async run(ctx) { const share = ctx.var('abc_a_share'); if (typeof share !== 'number') throw new Error('abc_a_share must be a number, got ' + share); } };\n`
		);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(result.status).toBe('partial');
		expect(result.message).toContain('model «customer_segments» (models/marts/customer_segments.ts) failed: abc_a_share must be a number, got not-a-number');
		// C1: O1 250 + O2 1 × 150 = 400, published.
		const [c1] = await shop.warehouse.query(`select revenue from marts.customer_revenue where customer_id = 'C1'`);
		expect(c1.revenue).toBe(400);
		const segments = await shop.warehouse.query(`select count(*) as n from information_schema.tables where table_name = 'customer_segments'`);
		expect(segments).toEqual([{ n: 0 }]);
		expect(result.models.find((m) => m.model === 'customer_segments')).toMatchObject({ status: 'error', state: 'never_built' });
	});

	it('puts the previous version back when a TypeScript model fails halfway through writing its table', async () => {
		// medal = position × medal_step; a step of 1.5 makes the second row no integer, after the table was created.
		shop.write(
			'models/marts/customer_medals.ts',
			`export default { refs: ['customer_revenue'], async run(ctx) {
				const step = ctx.var('medal_step', 1);
				const rows = await ctx.query('select customer_id from ' + ctx.ref('customer_revenue') + ' order by customer_id');
				await ctx.createTable({ customer_id: 'VARCHAR', medal: 'INTEGER' }, rows.map((r, i) => ({ customer_id: r.customer_id, medal: i * step })));
			} };\n`
		);
		await buildProject(shop.warehouse, await loadProject(shop.paths));
		const medals = () => shop.warehouse.query('select * from marts.customer_medals order by customer_id');
		const first = [
			{ customer_id: 'C1', medal: 0 },
			{ customer_id: 'C2', medal: 1 },
			{ customer_id: 'C3', medal: 2 },
			{ customer_id: 'C4', medal: 3 }
		];
		expect(await medals()).toEqual(first);
		await shop.warehouse.run(`update raw.shop_order_lines set price = 150 where order_id = 'O2'`);
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths), { vars: { medal_step: 1.5 } });
		expect(result.status).toBe('partial');
		expect(result.models.find((m) => m.model === 'customer_medals')).toMatchObject({ status: 'error', state: 'stale' });
		expect(result.message).toContain('column «medal» (INTEGER) got 1.5, not an integer');
		expect(await medals()).toEqual(first);
		// The rest published: C1 = 250 + 1 × 150.
		const [c1] = await shop.warehouse.query(`select revenue from marts.customer_revenue where customer_id = 'C1'`);
		expect(c1.revenue).toBe(400);
	});

	it('rolls back a runtime error that aborts the transaction and builds again without that model: siblings publish, descendants keep their version', async () => {
		// A sibling of int_order_totals: both read the order lines.
		shop.write('models/marts/sku_quantities.sql', "select sku, sum(qty) as qty\nfrom {{ ref('stg_shop__order_lines') }}\ngroup by 1\n");
		const first = await buildProject(shop.warehouse, await loadProject(shop.paths));
		expect(first.status).toBe('success');
		const [revenueBefore, rankingBefore, totalsBefore] = await marts();

		await shop.warehouse.run(`insert into raw.shop_order_lines values ('O5', 2, 'SKU-D', 7, 10.00)`);
		// 'completed' is no integer: DuckDB fails while running the query, which aborts the transaction.
		shop.write(
			'models/intermediate/int_order_totals.sql',
			fs.readFileSync(`${shop.dir}/models/intermediate/int_order_totals.sql`, 'utf8').replace('orders.status,', 'orders.status,\n\t\tcast(orders.status as integer) as status_code,')
		);
		const events: BuildEvent[] = [];
		const result = await buildProject(shop.warehouse, await loadProject(shop.paths), { onProgress: (e) => void events.push(e) });

		expect(events.filter((e) => e.type === 'restart')).toMatchObject([{ type: 'restart', attempt: 2 }]);
		expect(result.status).toBe('partial');
		expect(result.models.map((m) => [m.model, m.status])).toEqual([
			['stg_shop__customers', 'success'],
			['stg_shop__order_lines', 'success'],
			['sku_quantities', 'success'],
			['stg_shop__orders', 'success'],
			['int_order_totals', 'error'],
			['customer_revenue', 'skipped'],
			['customer_ranking', 'skipped']
		]);
		expect(result.models[4].message).toMatch(/^model «int_order_totals» \(models\/intermediate\/int_order_totals.sql\) failed: Conversion Error: .*'completed'/);
		expect(result.message).toMatch(/^model «int_order_totals» .* failed: Conversion Error/);
		// The sibling has the new line: SKU-D 7.
		const skus = await shop.warehouse.query('select sku, qty from marts.sku_quantities order by sku');
		expect(skus).toEqual([
			{ sku: 'SKU-A', qty: 8 },
			{ sku: 'SKU-B', qty: 5 },
			{ sku: 'SKU-C', qty: 3 },
			{ sku: 'SKU-D', qty: 7 }
		]);
		// The failed model and its descendants are exactly as before (O5 would now be 200 + 70).
		expect(await marts()).toEqual([revenueBefore, rankingBefore, totalsBefore]);
		const kept = await shop.warehouse.query(`select model, state, published_build_id from audit.model_state where state <> 'current' order by model`);
		expect(kept).toEqual([
			{ model: 'customer_ranking', state: 'stale', published_build_id: first.buildId },
			{ model: 'customer_revenue', state: 'stale', published_build_id: first.buildId },
			{ model: 'int_order_totals', state: 'stale', published_build_id: first.buildId }
		]);
	});
});
