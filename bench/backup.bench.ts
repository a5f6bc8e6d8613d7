// `oborot backup` and `oborot restore` on the demo warehouse and on the scale warehouse
// (SCALE_K, see bench/README.md), against a plain copy of the same file in the same run; and a
// demo build with and without the snapshot it takes before publishing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreSnapshot, writeSnapshot } from '../src/lib/server/backup/index.ts';
import { resolvePaths } from '../src/lib/server/config/paths.ts';
import { buildAtPaths } from '../src/lib/server/transform/index.ts';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import { demoHome } from '../test/helpers/demo-home.ts';
import type { BenchContext, Benchmark } from './lib/context.ts';
import { loadAverage, round } from './lib/figures.ts';
import { builtScaleWarehouse, SCALE } from './lib/scale-warehouse.ts';

const root = path.resolve(import.meta.dirname, '..');
const mb = (file: string) => round(fs.statSync(file).size / 2 ** 20, 1);

/** CPU of this process since `since`, DuckDB's threads included. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1e6;
}

/** Backup and restore of `source` in a scratch home, and `cp` of the same file as the baseline. */
async function backupAndRestore(ctx: BenchContext, label: string, source: string) {
	const home = path.join(ctx.workDir, label);
	fs.mkdirSync(home, { recursive: true });
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: root });
	fs.copyFileSync(source, paths.warehouse);
	const cp = await ctx.time(async () => fs.copyFileSync(paths.warehouse, path.join(home, 'cp-baseline.duckdb')));
	fs.rmSync(path.join(home, 'cp-baseline.duckdb'));
	const warehouse = await Warehouse.open(paths.warehouse);
	let snapshot;
	let cpu = process.cpuUsage();
	try {
		snapshot = await writeSnapshot(warehouse, paths, { kind: 'manual' });
	} finally {
		warehouse.close();
	}
	const backupCpu = cpuSeconds(cpu);
	cpu = process.cpuUsage();
	const restore = await ctx.time(() => restoreSnapshot(paths, snapshot.file));
	const restoreCpu = cpuSeconds(cpu);
	const figures = {
		warehouseMb: mb(source),
		snapshotMb: round(snapshot.bytes / 2 ** 20, 1),
		tables: snapshot.tables,
		rows: snapshot.rows,
		cpSeconds: round(cp.seconds, 3),
		backupSeconds: round(snapshot.seconds),
		backupCpuSeconds: round(backupCpu),
		backupWritesWaitedSeconds: round(snapshot.lockedSeconds, 3),
		backupToCp: round(snapshot.seconds / cp.seconds, 1),
		restoreSeconds: round(restore.seconds),
		restoreCpuSeconds: round(restoreCpu),
		restoreToCp: round(restore.seconds / cp.seconds, 1),
		loadAverage: loadAverage()
	};
	ctx.log(`${label}: ${JSON.stringify(figures)}`);
	fs.rmSync(home, { recursive: true, force: true });
	return figures;
}

/** Full builds of the demo warehouse: one without a snapshot (backups.keep 0), then one with. */
async function demoBuilds(ctx: BenchContext, source: string) {
	// Outside the repository: svelte-check would follow the symlinks and type-check the models again from there.
	const project = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-backup-bench-'));
	for (const name of ['models', 'ingest', 'dashboards']) fs.symlinkSync(path.join(root, name), path.join(project, name));
	const config = fs.readFileSync(path.join(root, 'oborot.yml'), 'utf8');
	const runs: { snapshot: boolean; seconds: number; snapshotSeconds: number | null }[] = [];
	for (const snapshot of [false, true]) {
		fs.writeFileSync(path.join(project, 'oborot.yml'), `${config}\nbackups:\n  keep: ${snapshot ? 5 : 0}\n`);
		const home = path.join(ctx.workDir, 'build-home');
		fs.rmSync(home, { recursive: true, force: true });
		fs.mkdirSync(home, { recursive: true });
		const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project });
		fs.copyFileSync(source, paths.warehouse);
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			let snapshotSeconds: number | null = null;
			const run = await ctx.time(() =>
				buildAtPaths(paths, warehouse, {
					triggeredBy: 'bench',
					onSnapshot: (report) => {
						if (report.status === 'taken') snapshotSeconds = round(report.snapshot.seconds);
					}
				})
			);
			if (run.value.status !== 'success') throw new Error(`demo build failed: ${run.value.message}`);
			runs.push({ snapshot, seconds: round(run.seconds), snapshotSeconds });
			ctx.log(`demo build ${snapshot ? 'with' : 'without'} snapshot: ${run.seconds.toFixed(1)}s${snapshotSeconds === null ? '' : ` (snapshot ${snapshotSeconds}s)`}`);
		} finally {
			warehouse.close();
		}
	}
	fs.rmSync(project, { recursive: true, force: true });
	const [without, withSnapshot] = runs;
	return { withoutSnapshotSeconds: without.seconds, withSnapshotSeconds: withSnapshot.seconds, snapshotSeconds: withSnapshot.snapshotSeconds, loadAverage: loadAverage() };
}

const bench: Benchmark = {
	name: 'backup',
	description: 'oborot backup / restore on the demo and scale warehouses against cp of the same file; demo build with and without its before-publish snapshot',
	async run(ctx) {
		const demo = await demoHome();
		const demoFigures = await backupAndRestore(ctx, 'demo', demo.warehouse);
		const builds = await demoBuilds(ctx, demo.warehouse);
		const scale = await builtScaleWarehouse(ctx);
		const scaleFigures = await backupAndRestore(ctx, `scale-k${SCALE.k}`, scale.file);
		return {
			demo: demoFigures,
			demoBuild: builds,
			scale: { k: SCALE.k, salesLines: scale.stamp.raw.salesLines, counterparties: scale.stamp.raw.counterpartyRecords, ...scaleFigures }
		};
	}
};

export default bench;
