// Identity resolution at scale: synthetic exports with 1,000,000 counterparty cards and
// 10,000,000 sales lines (IDENTITY_BENCH_COUNTERPARTIES, IDENTITY_BENCH_SALES_LINES
// override), then the real models from staging to dim_customer, dim_contact, dq_* and
// fct_sales, timed model by model, beside one aggregate scan of the sales lines.
import fs from 'node:fs';
import path from 'node:path';
import type { Benchmark } from './lib/context.ts';
import { writeSyntheticExports } from './identity-data.ts';
import { resolvePaths } from '../src/lib/server/config/paths.ts';
import { ensureRawTables, loadJobs } from '../src/lib/server/ingest/index.ts';
import { buildProject, loadProject, projectPaths } from '../src/lib/server/transform/index.ts';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import { round } from './lib/figures.ts';


const IDENTITY_MODELS = /^(int_counterparty_|int_identity_|int_customer_(records|attributes|activity)$|int_(sales|invoice|payment|deal)_customers$|dim_customer$|dim_contact$|dq_)/;

const benchmark: Benchmark = {
	name: 'identity',
	description: 'identity resolution (records → keys → union-find → customers, dq marts, fact maps) on 1M cards and 10M sales lines',
	async run(ctx) {
		const counterparties = Number(process.env.IDENTITY_BENCH_COUNTERPARTIES ?? 1_000_000);
		const salesLines = Number(process.env.IDENTITY_BENCH_SALES_LINES ?? 10_000_000);
		const paths = resolvePaths({ OBOROT_HOME: ctx.workDir, OBOROT_PROJECT: path.resolve(import.meta.dirname, '..') });
		fs.mkdirSync(paths.home, { recursive: true });
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			await ensureRawTables(warehouse, loadJobs(paths.ingestJobs));
			ctx.log(`writing ${counterparties} cards and ${salesLines} sales lines`);
			const generated = await ctx.time(() => writeSyntheticExports(warehouse, { counterparties, salesLines }));
			ctx.log(`written in ${generated.seconds.toFixed(1)} s; building`);
			const project = await loadProject(projectPaths(paths));
			const build = await ctx.time(() =>
				buildProject(warehouse, project, {
					select: ['+dim_customer', '+dim_contact', '+dq_duplicates', '+dq_records', '+int_payment_customers', '+fct_sales'],
					triggeredBy: 'bench'
				})
			);
			const result = build.value;
			if (result.status !== 'success') throw new Error(`build failed: ${result.message}`);
			const scan = await ctx.time(() => warehouse.query('select customer_id, sum(revenue), count(*) from marts.fct_sales group by 1 order by 2 desc limit 1'));
			const figures = await warehouse.query<Record<string, number>>(`
				select
					(select count(*) from intermediate.int_counterparty_records) as records,
					(select count(*) from marts.dim_customer) as customers,
					(select count(*) from marts.dq_duplicates where status = 'merged') as merged_clusters,
					(select max(record_count) from marts.dq_duplicates where status = 'merged') as largest_cluster,
					(select count(*) from marts.dq_duplicates where status = 'suggested') as suggestions,
					(select count(*) filter (where is_dead_soul) from marts.dim_customer) as dead_souls,
					(select count(*) from marts.dq_records) as dq_records,
					(select count(*) from intermediate.int_identity_links) as link_rows`);
			const models = Object.fromEntries(result.models.filter((m) => m.materialized !== 'view').map((m) => [m.model, round(m.seconds)]));
			const identitySeconds = result.models.filter((m) => IDENTITY_MODELS.test(m.model)).reduce((sum, m) => sum + m.seconds, 0);
			return {
				counterparties,
				salesLines,
				generateSeconds: round(generated.seconds),
				buildSeconds: round(build.seconds),
				identityModelsSeconds: round(identitySeconds),
				fctSalesScanSeconds: round(scan.seconds, 3),
				buildToScanRatio: round(build.seconds / scan.seconds, 1),
				testsPassed: result.summary.testsPassed,
				testsWarned: result.summary.testsWarned,
				...figures[0],
				models,
				testsSeconds: round(result.tests.reduce((sum, t) => sum + t.seconds, 0)),
				slowestTests: Object.fromEntries([...result.tests].sort((a, b) => b.seconds - a.seconds).slice(0, 5).map((t) => [t.name, round(t.seconds)])),
				peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0)
			};
		} finally {
			warehouse.close();
		}
	}
};

export default benchmark;
