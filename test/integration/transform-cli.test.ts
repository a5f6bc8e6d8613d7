import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import build from '../../src/lib/server/jobs/build.ts';
import docs from '../../src/lib/server/jobs/docs.ts';
import type { Command } from '../../src/lib/server/jobs/command.ts';
import { bufferedOutput } from '../../src/lib/server/jobs/output.ts';
import { runCommandHere } from '../../src/lib/server/jobs/run-command.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';

let shop: FixtureProject;

beforeEach(async () => {
	shop = await fixtureProject('shop');
	await seed(shop);
});
afterEach(() => shop.close());

async function run(command: Command, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const output = bufferedOutput((stream, text) => (stream === 'out' ? (out += text) : (err += text)));
	const paths = resolvePaths({ OBOROT_HOME: shop.dir, OBOROT_PROJECT: shop.dir });
	const code = await runCommandHere(command, argv, { paths, out: output, actor: 'tester', warehouse: async () => shop.warehouse });
	return { code, out, err };
}

describe('oborot build and oborot docs', () => {
	it('prints a line per model and a summary, and exits 0 when published', async () => {
		const { code, out } = await run(build);
		expect(code).toBe(0);
		expect(out).toContain('Building 6 models with 23 tests');
		expect(out).toMatch(/\[1\/6\] stg_shop__customers\s+… view \d+\.\d\ds/);
		expect(out).toMatch(/\[4\/6\] int_order_totals\s+… table 5 rows \d+\.\d\ds/);
		expect(out).toMatch(/Published in \d+\.\d\ds: models 6 ok, 0 no data, 0 failed, 0 skipped; tests 23 passed, 0 warned, 0 failed\./);
		const [logged] = await shop.warehouse.query('select triggered_by, status from audit.builds');
		expect(logged).toEqual({ triggered_by: 'tester', status: 'success' });
	});

	it('exits 1 on a failed test, naming the model, showing the rows and what kept its previous version', async () => {
		expect((await run(build)).code).toBe(0);
		await shop.warehouse.run(`insert into raw.shop_orders values ('O6', 'C9', '2024-04-01', 'completed')`);
		const { code, out, err } = await run(build, '--select', 'stg_shop__orders+');
		expect(code).toBe(1);
		expect(err).toContain('test «relationships_stg_shop__orders_customer_id» on stg_shop__orders.customer_id found 1 failing row:');
		expect(err).toContain('{"from_field":"C9"}');
		expect(err).toContain('not published, what was there stays: stg_shop__orders — test «relationships_stg_shop__orders_customer_id» on «stg_shop__orders» failed');
		expect(out).toMatch(/Published all but what failed in \d+\.\d\ds: models 0 ok, 0 no data, 1 failed, 3 skipped;/);
		const why = 'test «relationships_stg_shop__orders_customer_id» on «stg_shop__orders» failed';
		expect(out).toContain(
			[
				'Kept their previous version:',
				`  stg_shop__orders  failed: ${why}`,
				`  int_order_totals  skipped: ${why}`,
				`  customer_revenue  skipped: ${why}`,
				`  customer_ranking  skipped: ${why}`
			].join('\n')
		);
		expect(err).toMatch(/build \d+ published everything except the models above/);
	});

	it('reads --vars and rejects bad arguments with the usage', async () => {
		const { code } = await run(build, '--vars', '{"vat_rate": 0.25}');
		expect(code).toBe(0);
		// C2: 1200 / 1.25 = 960.00.
		const [c2] = await shop.warehouse.query(`select revenue_ex_vat from marts.customer_revenue where customer_id = 'C2'`);
		expect(c2.revenue_ex_vat).toBe(960);
		const bad = await run(build, '--vars', '[1, 2]');
		expect(bad.code).toBe(2);
		expect(bad.err).toContain('--vars must be a mapping');
		const typo = await run(build, '--select', 'customer_revenu');
		expect(typo.code).toBe(2);
		expect(typo.err).toContain('no model matches «customer_revenu»');
	});

	it('prints project errors with file and line and exits 1', async () => {
		shop.write('models/marts/broken.sql', "select 1\nfrom {{ ref('nope') }}\n");
		const { code, err } = await run(build);
		expect(code).toBe(1);
		expect(err).toContain('models/marts/broken.sql:2: unknown ref «nope»');
	});

	it('documents models as markdown and JSON', async () => {
		await run(build);
		const md = await run(docs, 'customer_ranking');
		expect(md.code).toBe(0);
		expect(md.out).toContain('## customer_ranking');
		expect(md.out).toContain('`marts.customer_ranking` · table (TypeScript) · models/marts/customer_ranking.ts · tags: finance');
		expect(md.out).toContain('| abc_class | VARCHAR | A, B or C. | accepted_values_customer_ranking_abc_class |');
		expect(md.out).toContain('- parents: customer_revenue');
		const json = await run(docs, '--format', 'json');
		const parsed = JSON.parse(json.out) as { models: { name: string; children: string[] }[]; sources: { name: string }[] };
		expect(parsed.models.map((m) => m.name)).toHaveLength(6);
		expect(parsed.models.find((m) => m.name === 'int_order_totals')!.children).toEqual(['customer_revenue']);
		expect(parsed.sources.map((s) => s.name)).toEqual(['shop.customers', 'shop.orders', 'shop.order_lines']);
		expect((await run(docs, 'nope')).code).toBe(2);
	});
});
