// The demo company at benchmark scale (≥10M sales lines, ≥1M counterparties), made once and
// cached under bench/out/scale-home/k<scale>:
//   exports-<demo>/              the generated export files (kept: re-ingesting is cheaper than regenerating)
//   raw-<demo>-<ingest>/         warehouse.duckdb after `oborot ingest`, nothing built
//   built-<demo>-<ingest>-<models>/  the same after `oborot build`
// Each key is a content hash of the code and content that made the stage, so a change to the
// generator, the ingest engine/jobs or the models makes that stage (and the ones after) anew.
// Cached warehouses are never opened for writing: benchmarks work on copies (copyWarehouse).
import fs from 'node:fs';
import path from 'node:path';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import type { BenchContext, Measured } from './context.ts';
import { sourceKey } from './source-key.ts';

export const SCALE = {
	seed: 7,
	/** Scale 1 is ~68k sales lines and ~5.2k counterparties; 200 clears 10M and 1M with room. */
	k: Number(process.env.SCALE_K || 200),
	endDate: '2026-10-31',
	minSalesLines: 10_000_000,
	minCounterparties: 1_000_000
};

const root = path.resolve(import.meta.dirname, '..', '..');
export const cacheRoot = path.join(root, 'bench', 'out', 'scale-home', `k${SCALE.k}`);
const STAMP = 'stamp.json';

export interface StageRun {
	seconds: number;
	maxRssMb: number;
	/** Absent when the stage was made before CPU time was measured. */
	cpuSeconds?: number;
}

export interface RawStamp {
	key: string;
	seed: number;
	scale: number;
	endDate: string;
	salesLines: number;
	counterpartyRecords: number;
	generate: StageRun & { exportsMb: number; files: number };
	ingest: StageRun & { rowsLoaded: number; rowsRejected: number };
	rawTableRows: Record<string, number>;
	warehouseMb: number;
	madeAt: string;
}

export interface BuiltStamp {
	key: string;
	raw: RawStamp;
	build: StageRun;
	warehouseMb: number;
	madeAt: string;
}

export interface Cached<T> {
	dir: string;
	file: string;
	stamp: T;
	fromCache: boolean;
}

const SERVER = 'src/lib/server';
export function scaleKeys() {
	const demo = sourceKey(root, [`${SERVER}/demo`, `${SERVER}/jobs/demo.ts`], SCALE);
	const ingest = sourceKey(root, ['ingest', `${SERVER}/ingest`, `${SERVER}/warehouse`, `${SERVER}/xlsx`]);
	const models = sourceKey(root, ['models', 'oborot.yml', `${SERVER}/transform`, `${SERVER}/analytics`]);
	return { demo, ingest, models, raw: `${demo}-${ingest}` };
}

const mb = (file: string) => Math.round((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20);
const readStamp = <T>(dir: string): T | null => (fs.existsSync(path.join(dir, STAMP)) ? (JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8')) as T) : null);
const writeStamp = (dir: string, stamp: unknown) => fs.writeFileSync(path.join(dir, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);

function dirMb(dir: string): number {
	let bytes = 0;
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
	}
	return Math.round(bytes / 2 ** 20);
}

/** Removes the other cached versions of a stage (disk is shared): `prefix-*` except `keep`. */
function dropOthers(prefix: string, keep: string): void {
	if (!fs.existsSync(cacheRoot)) return;
	for (const name of fs.readdirSync(cacheRoot)) {
		if (name.startsWith(`${prefix}-`) && name !== keep) fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
	}
}

/** Copies a cached warehouse into `home` (a fresh OBOROT_HOME) and returns the file's path. */
export function copyWarehouse(fromDir: string, home: string): string {
	fs.rmSync(home, { recursive: true, force: true });
	fs.mkdirSync(home, { recursive: true });
	for (const name of ['warehouse.duckdb', 'warehouse.duckdb.wal']) {
		if (fs.existsSync(path.join(fromDir, name))) fs.copyFileSync(path.join(fromDir, name), path.join(home, name));
	}
	return path.join(home, 'warehouse.duckdb');
}

function failed(what: string, run: Measured): Error {
	return new Error(`${what} exited with ${run.exitCode}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
}

const env = (home: string) => ({ OBOROT_HOME: home, OBOROT_PROJECT: root, NO_COLOR: '1' });

async function generate(ctx: BenchContext, demoKey: string): Promise<{ dir: string; run: StageRun; manifest: { totals: { sales_lines: number; counterparty_records: number }; files: unknown[] } }> {
	const dir = path.join(cacheRoot, `exports-${demoKey}`);
	const done = path.join(dir, 'generated.json');
	if (fs.existsSync(done)) {
		ctx.log(`reusing the generated exports in ${path.relative(root, dir)}`);
	} else {
		dropOthers('exports', `exports-${demoKey}`);
		fs.rmSync(dir, { recursive: true, force: true });
		ctx.log(`generating the demo company at scale ${SCALE.k} (seed ${SCALE.seed}) into ${path.relative(root, dir)} — a long step`);
		const args = ['demo', '--seed', String(SCALE.seed), '--scale', String(SCALE.k), '--end-date', SCALE.endDate, '--out', dir];
		const run = await ctx.measureNode('bin/oborot.js', args, env(path.join(cacheRoot, 'unused-home')));
		if (run.exitCode !== 0) throw failed('oborot demo', run);
		fs.writeFileSync(done, JSON.stringify({ seconds: run.seconds, maxRssMb: run.maxRssMb, cpuSeconds: run.cpuSeconds }));
	}
	const run = JSON.parse(fs.readFileSync(done, 'utf8')) as StageRun;
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'demo-manifest.json'), 'utf8'));
	return { dir, run, manifest };
}

async function tableRows(file: string, schema: string): Promise<Record<string, number>> {
	const warehouse = await Warehouse.open(file, { readOnly: true });
	try {
		const tables = await warehouse.query<{ table_name: string }>(`select table_name from duckdb_tables() where schema_name = '${schema}' order by 1`);
		const rows: Record<string, number> = {};
		for (const { table_name } of tables) {
			rows[table_name] = (await warehouse.query<{ n: number }>(`select count(*) as n from ${schema}."${table_name}"`))[0].n;
		}
		return rows;
	} finally {
		warehouse.close();
	}
}

/** The newest cached `<prefix>-*` folder with a stamp, as its key. */
function newestKey(prefix: string): string | null {
	if (!fs.existsSync(cacheRoot)) return null;
	const newest = fs
		.readdirSync(cacheRoot)
		.filter((name) => name.startsWith(prefix) && readStamp(path.join(cacheRoot, name)))
		.map((name) => ({ name, at: fs.statSync(path.join(cacheRoot, name, STAMP)).mtimeMs }))
		.sort((a, b) => b.at - a.at)[0];
	return newest ? newest.name.slice(prefix.length) : null;
}

/**
 * SCALE_REUSE=1: in a working tree that changes every few minutes, use the newest cached
 * raw (and built) warehouse of the same generated exports even when the ingest code (or
 * the models) changed since, instead of ingesting (building) again. The figures then say so.
 */
const reuse = () => process.env.SCALE_REUSE === '1';

/** The key of the raw warehouse to use, and the current one. */
export function rawKeyInUse(): { key: string; current: string } {
	const keys = scaleKeys();
	const current = keys.raw;
	if (readStamp(path.join(cacheRoot, `raw-${current}`)) || !reuse()) return { key: current, current };
	return { key: newestKey(`raw-${keys.demo}-`) ? `${keys.demo}-${newestKey(`raw-${keys.demo}-`)}` : current, current };
}

/** The generated and ingested (not built) scale warehouse, made when missing. */
export async function rawScaleWarehouse(ctx: BenchContext): Promise<Cached<RawStamp> & { staleIngest: boolean }> {
	const keys = scaleKeys();
	const inUse = rawKeyInUse();
	const dir = path.join(cacheRoot, `raw-${inUse.key}`);
	const cached = readStamp<RawStamp>(dir);
	if (cached) {
		const stale = inUse.key !== inUse.current;
		ctx.log(`reusing the ingested scale warehouse ${path.relative(root, dir)} (${cached.salesLines.toLocaleString('en-US')} sales lines, ${cached.counterpartyRecords.toLocaleString('en-US')} counterparties)`);
		if (stale) ctx.log(`SCALE_REUSE: it was ingested by older ingest code (key ${inUse.key}, current ${inUse.current})`);
		return { dir, file: path.join(dir, 'warehouse.duckdb'), stamp: cached, fromCache: true, staleIngest: stale };
	}
	const exports = await generate(ctx, keys.demo);
	const { sales_lines: salesLines, counterparty_records: counterpartyRecords } = exports.manifest.totals;
	ctx.log(`generated ${salesLines.toLocaleString('en-US')} sales lines, ${counterpartyRecords.toLocaleString('en-US')} counterparties in ${exports.run.seconds.toFixed(0)}s (peak RSS ${exports.run.maxRssMb.toFixed(0)} MB)`);
	if (salesLines < SCALE.minSalesLines || counterpartyRecords < SCALE.minCounterparties) {
		const message = `scale ${SCALE.k} gives ${salesLines} sales lines and ${counterpartyRecords} counterparties, under 10M / 1M`;
		// A smaller SCALE_K set by hand is a quick trial of the benchmark itself, not its figures.
		if (!process.env.SCALE_K) throw new Error(`${message}: raise SCALE.k`);
		ctx.log(`${message}: a trial run, not the benchmark's scale`);
	}

	dropOthers('raw', `raw-${keys.raw}`);
	const work = path.join(cacheRoot, `making-raw-${process.pid}`);
	fs.rmSync(work, { recursive: true, force: true });
	ctx.log('ingesting the exports (oborot ingest) — a long step');
	const run = await ctx.measureNode('bin/oborot.js', ['ingest', exports.dir], env(work));
	if (run.exitCode !== 0) throw failed('oborot ingest', run);
	const totals = /([\d,]+) rows loaded, ([\d,]+) rejected/.exec(run.stdout);
	const [rowsLoaded, rowsRejected] = (totals?.slice(1) ?? ['0', '0']).map((n) => Number(n.replaceAll(',', '')));
	ctx.log(`ingested ${rowsLoaded.toLocaleString('en-US')} rows (${rowsRejected} rejected) in ${run.seconds.toFixed(0)}s, cpu ${run.cpuSeconds.toFixed(0)}s (peak RSS ${run.maxRssMb.toFixed(0)} MB)`);
	const file = path.join(work, 'warehouse.duckdb');
	const stamp: RawStamp = {
		key: keys.raw,
		seed: SCALE.seed,
		scale: SCALE.k,
		endDate: SCALE.endDate,
		salesLines,
		counterpartyRecords,
		generate: { ...exports.run, exportsMb: dirMb(exports.dir), files: exports.manifest.files.length },
		ingest: { seconds: run.seconds, maxRssMb: run.maxRssMb, cpuSeconds: run.cpuSeconds, rowsLoaded, rowsRejected },
		rawTableRows: await tableRows(file, 'raw'),
		warehouseMb: mb(file),
		madeAt: new Date().toISOString()
	};
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const name of ['warehouse.duckdb', 'warehouse.duckdb.wal']) {
		if (fs.existsSync(path.join(work, name))) fs.renameSync(path.join(work, name), path.join(dir, name));
	}
	fs.rmSync(work, { recursive: true, force: true });
	writeStamp(dir, stamp);
	if (process.env.SCALE_DROP_EXPORTS === '1') fs.rmSync(exports.dir, { recursive: true, force: true });
	return { dir, file: path.join(dir, 'warehouse.duckdb'), stamp, fromCache: false, staleIngest: false };
}

/** `oborot build` of the whole project on `home` (a copy of the raw warehouse), measured. */
export async function buildOnCopy(ctx: BenchContext, home: string): Promise<Measured> {
	const run = await ctx.measureNode('bin/oborot.js', ['build'], env(home));
	if (run.exitCode !== 0) throw failed('oborot build', run);
	return run;
}

/**
 * Keeps a freshly built warehouse (moved out of `home`) as the built cache under `key`
 * (builtKey() taken before the build: models may change while it runs).
 */
export function storeBuilt(home: string, key: string, raw: RawStamp, build: Measured): Cached<BuiltStamp> {
	const dir = path.join(cacheRoot, `built-${key}`);
	dropOthers('built', `built-${key}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const name of ['warehouse.duckdb', 'warehouse.duckdb.wal']) {
		if (fs.existsSync(path.join(home, name))) fs.renameSync(path.join(home, name), path.join(dir, name));
	}
	const file = path.join(dir, 'warehouse.duckdb');
	const stamp: BuiltStamp = { key, raw, build: { seconds: build.seconds, maxRssMb: build.maxRssMb, cpuSeconds: build.cpuSeconds }, warehouseMb: mb(file), madeAt: new Date().toISOString() };
	writeStamp(dir, stamp);
	return { dir, file, stamp, fromCache: false };
}

/** The cache key of a build of the raw warehouse in use by the current models. */
export function builtKey(): string {
	return `${rawKeyInUse().key}-${scaleKeys().models}`;
}

/** The built warehouse to serve: of the current models, or with SCALE_REUSE=1 the newest build of the raw warehouse in use. */
function builtKeyInUse(): { key: string; current: string } {
	const current = builtKey();
	if (readStamp(path.join(cacheRoot, `built-${current}`)) || !reuse()) return { key: current, current };
	const raw = rawKeyInUse().key;
	const models = newestKey(`built-${raw}-`);
	return { key: models ? `${raw}-${models}` : current, current };
}

/** The built scale warehouse of the current models, made (generate, ingest, build) when missing. */
export async function builtScaleWarehouse(ctx: BenchContext): Promise<Cached<BuiltStamp> & { staleModels: boolean }> {
	const inUse = builtKeyInUse();
	const key = inUse.current;
	const dir = path.join(cacheRoot, `built-${inUse.key}`);
	const cached = readStamp<BuiltStamp>(dir);
	if (cached) {
		const stale = inUse.key !== inUse.current;
		ctx.log(`reusing the built scale warehouse ${path.relative(root, dir)} (built ${cached.madeAt})`);
		if (stale) ctx.log(`SCALE_REUSE: it was built by older models or ingest code (key ${inUse.key}, current ${inUse.current})`);
		return { dir, file: path.join(dir, 'warehouse.duckdb'), stamp: cached, fromCache: true, staleModels: stale };
	}
	const raw = await rawScaleWarehouse(ctx);
	const home = path.join(cacheRoot, `making-built-${process.pid}`);
	copyWarehouse(raw.dir, home);
	ctx.log('no built scale warehouse for the current models: building one (oborot build) — a long step');
	const run = await buildOnCopy(ctx, home);
	ctx.log(`built in ${run.seconds.toFixed(0)}s`);
	const stored = storeBuilt(home, key, raw.stamp, run);
	fs.rmSync(home, { recursive: true, force: true });
	return { ...stored, staleModels: false };
}
