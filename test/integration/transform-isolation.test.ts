import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProject, loadProject, type BuildEvent } from '../../src/lib/server/transform/index.ts';
import { fixtureProject, type FixtureProject } from '../fixtures/transform/helpers.ts';

let big: FixtureProject;

// 1,000,000 sales: customer = i % 1000, amount = i % 100 + 1.
const RAW = (factor: number) => `create or replace table raw.big_sales as
	select range as sale_id, 'C' || (range % 1000) as customer_id, cast((range % 100 + 1) * ${factor} as decimal(18, 2)) as amount
	from range(1000000)`;

beforeEach(async () => {
	big = await fixtureProject(null);
	big.write('models/staging/_sources.yml', 'sources:\n  - name: big\n    schema: raw\n    tables:\n      - name: big_sales\n');
	big.write('models/staging/stg_big__sales.sql', "select sale_id, customer_id, amount from {{ source('big', 'big_sales') }}\n");
	big.write(
		'models/marts/big_customer_totals.sql',
		"select customer_id, count(*) as sales, sum(amount) as total\nfrom {{ ref('stg_big__sales') }}\ngroup by 1\n"
	);
	big.write('models/marts/_marts.yml', 'models:\n  - name: big_customer_totals\n    columns:\n      - name: customer_id\n        tests: [unique, not_null]\n');
	await big.warehouse.run(RAW(1));
});
afterEach(() => big.close());

describe('one transaction per build', () => {
	it('lets readers on other connections see only the previous build while a build runs', async () => {
		const first = await buildProject(big.warehouse, await loadProject(big.paths));
		expect(first.status).toBe('success');
		const totals = () => big.warehouse.query<{ customers: number; sales: number; total: number }>(
			'select count(*) as customers, sum(sales) as sales, sum(total) as total from marts.big_customer_totals'
		);
		// Each residue of i % 100 occurs 10,000 times: 10,000 × (1 + … + 100) = 10,000 × 5,050 = 50,500,000.
		expect(await totals()).toEqual([{ customers: 1000, sales: 1_000_000, total: 50_500_000 }]);

		await big.warehouse.run(RAW(2));
		big.write('models/marts/big_top_customers.sql', "select * from {{ ref('big_customer_totals') }} order by total desc limit 10\n");
		const seenDuringBuild: unknown[] = [];
		const onProgress = async (event: BuildEvent) => {
			if (event.type !== 'model-done') return;
			const [build] = await big.warehouse.query('select status from audit.builds order by build_id desc limit 1');
			const top = await big.warehouse.query(`select count(*) as n from information_schema.tables where table_name = 'big_top_customers'`);
			seenDuringBuild.push({ model: event.run.model, totals: await totals(), build: build.status, topExists: top[0].n });
		};
		const second = await buildProject(big.warehouse, await loadProject(big.paths), { onProgress });
		expect(second.status).toBe('success');
		// While the build ran — after the mart was replaced inside it — others saw the old figures,
		// no new table, and the build logged as running (audit is written outside the transaction).
		const old = [{ customers: 1000, sales: 1_000_000, total: 50_500_000 }];
		expect(seenDuringBuild).toEqual([
			{ model: 'stg_big__sales', totals: old, build: 'running', topExists: 0 },
			{ model: 'big_customer_totals', totals: old, build: 'running', topExists: 0 },
			{ model: 'big_top_customers', totals: old, build: 'running', topExists: 0 }
		]);
		// After the commit, all of it at once: amounts doubled, 101,000,000.
		expect(await totals()).toEqual([{ customers: 1000, sales: 1_000_000, total: 101_000_000 }]);
		const top = await big.warehouse.query('select count(*) as n from marts.big_top_customers');
		expect(top).toEqual([{ n: 10 }]);
	});

	it('keeps readers on the previous build through a rolled-back attempt, then shows every mart that published', async () => {
		await buildProject(big.warehouse, await loadProject(big.paths));
		const totals = () => big.warehouse.query<{ total: number }>('select sum(total) as total from marts.big_customer_totals');
		// A sibling that fails at run time ('C0' is no integer): DuckDB aborts the transaction, the runner starts again without it.
		big.write('models/marts/big_bad.sql', "select cast(customer_id as integer) as n from {{ ref('stg_big__sales') }}\n");
		await big.warehouse.run(RAW(2));
		const seen: number[] = [];
		const events: string[] = [];
		const onProgress = async (event: BuildEvent) => {
			events.push(event.type);
			if (event.type === 'model-done') seen.push((await totals())[0].total);
		};
		const result = await buildProject(big.warehouse, await loadProject(big.paths), { onProgress });
		expect(events).toContain('restart');
		expect(Object.fromEntries(result.models.map((m) => [m.model, m.status]))).toEqual({ big_bad: 'error', big_customer_totals: 'success', stg_big__sales: 'success' });
		// Through both attempts others saw the first build's 50,500,000; after the commit, the doubled amounts.
		expect(new Set(seen)).toEqual(new Set([50_500_000]));
		expect(await totals()).toEqual([{ total: 101_000_000 }]);
		expect(await big.warehouse.query(`select count(*) as n from information_schema.tables where table_name = 'big_bad'`)).toEqual([{ n: 0 }]);
	});
});
