import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoUsers, type DemoLogin } from '../../src/lib/server/auth/demo-users.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { generateDemo } from '../../src/lib/server/demo/generate.ts';
import { ingestInbox } from '../../src/lib/server/ingest/index.ts';
import { buildAtPaths } from '../../src/lib/server/transform/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';

/**
 * The demo company as `oborot start` makes it (demo --seed 1 --end-date 2026-10-31, ingest,
 * build, demo logins), built ONCE per change of the code and models that make it and shared
 * by every test file that needs real marts: test/.artifacts/e2e-demo-home. Parallel vitest
 * workers build it once under a lock; each test copies the warehouse into its own temp home
 * (a server opens it for writing) and never writes here.
 */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(repoRoot, 'test', '.artifacts');
export const demoHomeDir = path.join(artifacts, 'e2e-demo-home');
const lockDir = path.join(artifacts, 'e2e-demo-home.lock');

export const DEMO_SEED = 1;
export const DEMO_END_DATE = '2026-10-31';

/** What makes the warehouse: a change to any of these rebuilds it. */
const INPUTS = [
	'models',
	'ingest',
	'oborot.yml',
	'src/lib/server/ingest',
	'src/lib/server/transform',
	'src/lib/server/demo',
	'src/lib/server/analytics',
	'src/lib/server/warehouse',
	'src/lib/server/auth/demo-users.ts',
	'src/lib/server/auth/users.ts',
	'test/helpers/demo-home.ts'
];

export interface DemoHome {
	dir: string;
	warehouse: string;
	/** The demo's planted facts (demo-manifest.json). */
	manifest: string;
	logins: DemoLogin[];
}

function filesUnder(target: string): string[] {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return [];
	if (!stat.isDirectory()) return [target];
	return fs
		.readdirSync(target)
		.sort()
		.flatMap((name) => (name.endsWith('.spec.ts') ? [] : filesUnder(path.join(target, name))));
}

/** sha256 over the inputs' paths and contents (not times: a checkout must not rebuild). */
export function demoHomeKey(): string {
	const hash = crypto.createHash('sha256').update(`seed ${DEMO_SEED} end ${DEMO_END_DATE}\n`);
	for (const file of INPUTS.flatMap((p) => filesUnder(path.join(repoRoot, p)))) {
		hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
	}
	return hash.digest('hex');
}

function readReady(key: string): DemoHome | null {
	try {
		if (fs.readFileSync(path.join(demoHomeDir, 'key'), 'utf8') !== key) return null;
		const logins = JSON.parse(fs.readFileSync(path.join(demoHomeDir, 'logins.json'), 'utf8')) as DemoLogin[];
		return { dir: demoHomeDir, warehouse: path.join(demoHomeDir, 'warehouse.duckdb'), manifest: path.join(demoHomeDir, 'demo-manifest.json'), logins };
	} catch {
		return null;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock<T>(work: () => Promise<T>): Promise<T> {
	fs.mkdirSync(artifacts, { recursive: true });
	for (let waited = 0; ; waited += 500) {
		try {
			fs.mkdirSync(lockDir);
			break;
		} catch {
			// A lock left by a killed run is older than any build takes.
			const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > 10 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
			else if (waited > 10 * 60_000) throw new Error(`waited 10 minutes for ${lockDir}; remove it if no test run is building the demo`);
			await sleep(500);
		}
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Generates, ingests and builds the demo company into `dir` and makes the demo logins. */
async function buildDemoHome(dir: string): Promise<DemoLogin[]> {
	const paths = resolvePaths({ OBOROT_HOME: dir, OBOROT_PROJECT: repoRoot });
	await generateDemo({ seed: DEMO_SEED, scale: 1, years: 3, endDay: parseIsoDay(DEMO_END_DATE), outDir: paths.inbox });
	fs.copyFileSync(path.join(paths.inbox, 'demo-manifest.json'), path.join(dir, 'demo-manifest.json'));
	const warehouse = await Warehouse.open(paths.warehouse);
	try {
		const results = await ingestInbox(warehouse, paths, undefined, { minAgeMs: 0, actor: 'test' });
		const failed = results.filter((r) => r.status === 'failed');
		if (failed.length) throw new Error(`demo ingest failed: ${failed.map((r) => `${r.name}: ${r.message}`).join('; ')}`);
		const build = await buildAtPaths(paths, warehouse, { triggeredBy: 'test' });
		if (build.status !== 'success') throw new Error(`demo build failed: ${build.message}`);
		const managers = await warehouse.query<{ manager: string }>(
			`select distinct manager from (select manager from raw.crm_deals union all select manager from raw.accounting_sales_plan)
			 where manager is not null order by 1`
		);
		return await ensureDemoUsers(warehouse, managers.map((m) => m.manager));
	} finally {
		warehouse.close();
	}
}

/** The shared demo home, built now when missing or out of date. */
export async function demoHome(): Promise<DemoHome> {
	const key = demoHomeKey();
	const ready = readReady(key);
	if (ready) return ready;
	return withLock(async () => {
		const again = readReady(key);
		if (again) return again;
		// Holding the lock, no other build runs: what is left of one is from a killed run.
		for (const name of fs.readdirSync(artifacts)) if (name.startsWith('e2e-demo-home.building-')) fs.rmSync(path.join(artifacts, name), { recursive: true, force: true });
		const building = fs.mkdtempSync(path.join(artifacts, 'e2e-demo-home.building-'));
		try {
			const logins = await buildDemoHome(building);
			fs.rmSync(path.join(building, 'inbox'), { recursive: true, force: true });
			fs.rmSync(path.join(building, 'archive'), { recursive: true, force: true });
			fs.rmSync(path.join(building, 'tmp'), { recursive: true, force: true });
			fs.writeFileSync(path.join(building, 'logins.json'), JSON.stringify(logins, null, 1));
			fs.writeFileSync(path.join(building, 'key'), key);
			fs.rmSync(demoHomeDir, { recursive: true, force: true });
			fs.renameSync(building, demoHomeDir);
		} finally {
			fs.rmSync(building, { recursive: true, force: true });
		}
		const built = readReady(key);
		if (!built) throw new Error(`the demo home at ${demoHomeDir} did not come out readable`);
		return built;
	});
}

/** A private copy of the demo warehouse in `home` (a new temp dir when none is given). */
export async function copyDemoHome(home = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-demo-'))): Promise<{ home: string; demo: DemoHome }> {
	const demo = await demoHome();
	fs.mkdirSync(home, { recursive: true });
	fs.copyFileSync(demo.warehouse, path.join(home, 'warehouse.duckdb'));
	return { home, demo };
}

/** The demo login of a role (the first sales manager for sales_manager). */
export function demoLogin(demo: DemoHome, role: DemoLogin['role']): DemoLogin {
	const login = demo.logins.find((l) => l.role === role);
	if (!login) throw new Error(`the demo has no ${role} login`);
	return login;
}
