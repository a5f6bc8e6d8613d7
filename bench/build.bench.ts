// `oborot build` of the whole project on the demo company at benchmark scale (≥10M sales
// lines, ≥1M counterparties): total and per-model seconds, peak RSS, rows per mart, and the
// ratio of the build to one full aggregate scan of marts.fct_sales timed in the same run.
import path from 'node:path';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import type { Benchmark } from './lib/context.ts';
import { buildOnCopy, builtKey, copyWarehouse, rawScaleWarehouse, storeBuilt } from './lib/scale-warehouse.ts';
import { round, loadAverage } from './lib/figures.ts';

const SCAN_SQL = 'select sum(revenue) as revenue, sum(cost) as cost, count(*) as lines, count(distinct customer_id) as customers from marts.fct_sales';
const SCAN_RUNS = 3;

interface ModelRow {
	model: string;
	materialized: string | null;
	status: string;
	rows: number | null;
	seconds: number;
}


/** "Published in 812.30s: models 60 ok, 0 failed, 0 skipped; tests 412 passed, 3 warned, 0 failed." */
function summaryOf(stdout: string): Record<string, number> {
	const line = /Published in .*$/m.exec(stdout)?.[0] ?? '';
	const pairs = [...line.matchAll(/(\d+) (ok|failed|skipped|passed|warned)/g)];
	const models = Object.fromEntries(pairs.slice(0, 3).map((m) => [`models_${m[2]}`, Number(m[1])]));
	const tests = Object.fromEntries(pairs.slice(3).map((m) => [`tests_${m[2]}`, Number(m[1])]));
	return { ...models, ...tests };
}

async function inspect(file: string) {
	const warehouse = await Warehouse.open(file, { readOnly: true });
	try {
		const [build] = await warehouse.query<{ build_id: number; status: string }>('select build_id, status from audit.builds order by build_id desc limit 1');
		const models = await warehouse.query<ModelRow>(
			'select model, materialized, status, rows, seconds from audit.build_models where build_id = $1 order by seconds desc',
			[build.build_id]
		);
		const tables = await warehouse.query<{ name: string }>("select table_name as name from duckdb_tables() where schema_name = 'marts' union all select view_name from duckdb_views() where schema_name = 'marts' order by 1");
		const martRows: Record<string, number> = {};
		for (const { name } of tables) martRows[name] = (await warehouse.query<{ n: number }>(`select count(*) as n from marts."${name}"`))[0].n;
		const scans: { seconds: number; cpuSeconds: number }[] = [];
		let scanResult: Record<string, unknown> = {};
		for (let i = 0; i < SCAN_RUNS; i++) {
			const started = performance.now();
			const cpu = process.cpuUsage();
			scanResult = (await warehouse.query(SCAN_SQL))[0];
			const used = process.cpuUsage(cpu);
			scans.push({ seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
		}
		const [settings] = await warehouse.query<{ threads: string; memory_limit: string }>(
			"select current_setting('threads')::varchar as threads, current_setting('memory_limit') as memory_limit"
		);
		return { build, models, martRows, scans, scanResult, settings };
	} finally {
		warehouse.close();
	}
}

const bench: Benchmark = {
	name: 'build',
	description: 'oborot build of every model on the demo company at ≥10M sales lines / ≥1M counterparties, against one full aggregate scan of marts.fct_sales',
	async run(ctx) {
		const raw = await rawScaleWarehouse(ctx);
		const key = builtKey();
		const home = path.join(ctx.workDir, 'home');
		copyWarehouse(raw.dir, home);
		const loadBefore = loadAverage();
		ctx.log(`building on a copy of the raw warehouse (${raw.stamp.warehouseMb} MB), load average ${loadBefore.join(' ')} — a long step`);
		const run = await buildOnCopy(ctx, home);
		const loadAfterBuild = loadAverage();
		ctx.log(`built in ${run.seconds.toFixed(1)}s (cpu ${run.cpuSeconds.toFixed(1)}s), peak RSS ${run.maxRssMb.toFixed(0)} MB`);
		const found = await inspect(path.join(home, 'warehouse.duckdb'));
		const scanSeconds = Math.min(...found.scans.map((s) => s.seconds));
		const scanCpuSeconds = Math.min(...found.scans.map((s) => s.cpuSeconds));
		const modelsSum = found.models.reduce((sum, m) => sum + (m.seconds ?? 0), 0);
		const slowest = found.models.slice(0, 10);
		ctx.log('10 slowest models:');
		for (const m of slowest) ctx.log(`  ${m.model.padEnd(36)} ${m.seconds.toFixed(2).padStart(8)}s  ${(m.rows ?? 0).toLocaleString('en-US').padStart(12)} rows  ${m.materialized ?? ''}`);
		ctx.log(`fct_sales scan: ${found.scans.map((s) => s.seconds.toFixed(3)).join(', ')}s → build / scan = ${(run.seconds / scanSeconds).toFixed(0)} (by cpu ${(run.cpuSeconds / scanCpuSeconds).toFixed(0)})`);
		const stored = storeBuilt(home, key, raw.stamp, run);
		ctx.log(`built warehouse kept for the dashboards benchmark in ${path.relative(process.cwd(), stored.dir)}`);

		return {
			scale: { k: raw.stamp.scale, seed: raw.stamp.seed, endDate: raw.stamp.endDate, salesLines: raw.stamp.salesLines, counterpartyRecords: raw.stamp.counterpartyRecords },
			preparation: {
				note: `${raw.fromCache ? `measured when the cached warehouse was made (${raw.stamp.madeAt})` : 'measured in this run'}${raw.staleIngest ? '; SCALE_REUSE: ingested by older ingest code' : ''}`,
				generateSeconds: round(raw.stamp.generate.seconds, 1),
				generateCpuSeconds: raw.stamp.generate.cpuSeconds === undefined ? null : round(raw.stamp.generate.cpuSeconds, 1),
				generatePeakRssMb: Math.round(raw.stamp.generate.maxRssMb),
				exportsMb: raw.stamp.generate.exportsMb,
				exportFiles: raw.stamp.generate.files,
				ingestSeconds: round(raw.stamp.ingest.seconds, 1),
				ingestCpuSeconds: raw.stamp.ingest.cpuSeconds === undefined ? null : round(raw.stamp.ingest.cpuSeconds, 1),
				ingestPeakRssMb: Math.round(raw.stamp.ingest.maxRssMb),
				ingestRowsLoaded: raw.stamp.ingest.rowsLoaded,
				ingestRowsRejected: raw.stamp.ingest.rowsRejected,
				rawWarehouseMb: raw.stamp.warehouseMb,
				rawTableRows: raw.stamp.rawTableRows
			},
			buildId: found.build.build_id,
			buildStatus: found.build.status,
			buildSeconds: round(run.seconds, 1),
			buildCpuSeconds: round(run.cpuSeconds, 1),
			buildPeakRssMb: Math.round(run.maxRssMb),
			builtWarehouseMb: stored.stamp.warehouseMb,
			duckdb: found.settings,
			summary: summaryOf(run.stdout),
			modelsSecondsSum: round(modelsSum, 1),
			testsAndOverheadSeconds: round(run.seconds - modelsSum, 1),
			slowestModels: slowest.map((m) => ({ model: m.model, seconds: round(m.seconds), rows: m.rows, materialized: m.materialized })),
			perModelSeconds: Object.fromEntries(found.models.map((m) => [m.model, round(m.seconds)])),
			martRows: found.martRows,
			fctSalesScan: {
				sql: SCAN_SQL,
				secondsEach: found.scans.map((s) => round(s.seconds, 3)),
				cpuSecondsEach: found.scans.map((s) => round(s.cpuSeconds, 3)),
				seconds: round(scanSeconds, 3),
				result: found.scanResult
			},
			ratioBuildToScan: Math.round(run.seconds / scanSeconds),
			ratioBuildToScanByCpu: Math.round(run.cpuSeconds / scanCpuSeconds),
			loadAverage: { beforeBuild: loadBefore, afterBuild: loadAfterBuild, atEnd: loadAverage() }
		};
	}
};

export default bench;
