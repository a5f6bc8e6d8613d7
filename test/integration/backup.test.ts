import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSnapshot } from '../../src/lib/server/backup/index.ts';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { buildAtPaths } from '../../src/lib/server/transform/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { copyDemoHome, repoRoot } from '../helpers/demo-home.ts';
import { fixtureProject, seed, type FixtureProject } from '../fixtures/transform/helpers.ts';
import { linkRepositoryProject, runCli, startServer, type E2eServer } from '../e2e/harness/server.ts';

/**
 * What a restore must bring back, computed here independently of the backup code: per
 * table of marts and app, its rows and an md5 over the sorted md5s of its rows as text.
 */
async function fingerprint(file: string): Promise<Record<string, string>> {
	const warehouse = await Warehouse.open(file, { readOnly: true });
	try {
		const relations = await warehouse.query<{ name: string }>(
			`select schema_name || '.' || table_name as name from duckdb_tables() where schema_name in ('marts', 'app')
			 union all select schema_name || '.' || view_name from duckdb_views() where schema_name = 'marts' and not internal order by 1`
		);
		const prints: Record<string, string> = {};
		for (const { name } of relations) {
			const [row] = await warehouse.query<{ n: number; digest: string | null }>(
				`select count(*) as n, md5(string_agg(h, '' order by h)) as digest from (select md5(t::varchar) as h from ${name} as t)`
			);
			prints[name] = `${row.n} ${row.digest ?? ''}`;
		}
		return prints;
	} finally {
		warehouse.close();
	}
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** `oborot <args>` on `home` with no server, as in a terminal. */
const oborot = (home: string, args: string[]) => runCli({ home, project: repoRoot }, args);

const MAPPING = '# saved on the upload page\nname: Банк выписка\nentity: bank_statements\nheader: [Дата, Сумма]\ncolumns: {Дата: date, Сумма: amount}\n';

describe('oborot backup and restore on the demo warehouse', () => {
	let home: string;
	let paths: OborotPaths;
	let before: Record<string, string>;
	let snapshot: string;

	beforeAll(async () => {
		({ home } = await copyDemoHome());
		paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: repoRoot });
		fs.mkdirSync(path.join(home, 'mappings'));
		fs.writeFileSync(path.join(home, 'mappings', 'bank.yml'), MAPPING);
		before = await fingerprint(paths.warehouse);
	}, 600_000);
	afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

	it('writes one private snapshot file named by time and build, in backups/', async () => {
		const run = await oborot(home, ['backup']);
		expect(run.code, run.stderr).toBe(0);
		const files = fs.readdirSync(path.join(home, 'backups'));
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^\d{8}T\d{6}\.\d{3}Z-build\d+-manual\.duckdb$/);
		snapshot = path.join(home, 'backups', files[0]);
		expect(run.stdout).toContain(`Snapshot written: ${snapshot}`);
		expect(mode(snapshot)).toBe(0o600);
		expect(mode(path.join(home, 'backups'))).toBe(0o700);
		// The demo has marts and users: a snapshot with them in it.
		expect(Object.keys(before).filter((name) => name.startsWith('marts.')).length).toBeGreaterThan(20);
		expect(before['app.users']).toMatch(/^[1-9]\d* /);
	}, 300_000);

	it('restores every mart and app table, and the saved mappings, after data was dropped, altered and a user added', async () => {
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			await warehouse.run('delete from marts.fct_sales where true');
			await warehouse.run('drop table marts.dim_customer');
			await warehouse.run(`update app.users set display_name = 'взломано'`);
			await warehouse.run('alter table marts.fct_deals add column junk integer default 7');
		} finally {
			warehouse.close();
		}
		const added = await oborot(home, ['users', 'add', 'intruder', '--role', 'admin']);
		expect(added.code, added.stderr).toBe(0);
		fs.rmSync(path.join(home, 'mappings', 'bank.yml'));
		fs.writeFileSync(path.join(home, 'mappings', 'other.yml'), 'name: other\n');
		const changed = await fingerprint(paths.warehouse);
		expect(changed).not.toEqual(before);

		// Without --yes it only says what it would do.
		const asked = await oborot(home, ['restore', snapshot]);
		expect(asked.code).toBe(1);
		expect(asked.stdout).toContain('Run again with --yes');
		expect(await fingerprint(paths.warehouse)).toEqual(changed);

		const run = await oborot(home, ['restore', snapshot, '--yes']);
		expect(run.code, run.stderr + run.stdout).toBe(0);
		expect(await fingerprint(paths.warehouse)).toEqual(before);
		expect(fs.readdirSync(path.join(home, 'mappings'))).toEqual(['bank.yml']);
		expect(fs.readFileSync(path.join(home, 'mappings', 'bank.yml'), 'utf8')).toBe(MAPPING);
		expect(mode(paths.warehouse)).toBe(0o600);

		// The replaced warehouse is kept aside, with the intruder in it: the restore can be undone.
		const aside = /The replaced warehouse is (\S+):/.exec(run.stdout)?.[1] ?? '';
		expect(aside).toMatch(/backups\/replaced-.*\.duckdb$/);
		expect(mode(aside)).toBe(0o600);
		const replaced = await Warehouse.open(aside, { readOnly: true });
		try {
			expect(await replaced.query(`select username from app.users where username = 'intruder'`)).toEqual([{ username: 'intruder' }]);
		} finally {
			replaced.close();
		}
		expect(fs.readdirSync(aside.replace(/\.duckdb$/, '.mappings'))).toEqual(['other.yml']);
		// The manifest schema of the snapshot does not come along into the warehouse.
		const restored = await Warehouse.open(paths.warehouse, { readOnly: true });
		try {
			expect(await restored.query(`select schema_name from duckdb_schemas() where schema_name = 'oborot_backup'`)).toEqual([]);
		} finally {
			restored.close();
		}
	}, 600_000);

	it('refuses a truncated snapshot, a damaged one and one changed after it was written, leaving the warehouse as it was', async () => {
		const warehouseSum = sha256(paths.warehouse);
		const bytes = fs.readFileSync(snapshot);

		const truncated = path.join(home, 'truncated.duckdb');
		fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
		// DuckDB's blocks are 256 KiB after a 12 KiB header, each with a checksum: scribble inside every one.
		const damaged = path.join(home, 'damaged.duckdb');
		const scribbled = Buffer.from(bytes);
		for (let offset = 12_288 + 4096; offset < scribbled.length; offset += 262_144) scribbled.fill(0xab, offset, Math.min(offset + 64, scribbled.length));
		fs.writeFileSync(damaged, scribbled);
		// Whole and readable, but a row less than its manifest says.
		const edited = path.join(home, 'edited.duckdb');
		fs.writeFileSync(edited, bytes);
		const editing = await Warehouse.open(edited);
		try {
			await editing.run('delete from app.users where username = (select min(username) from app.users)');
		} finally {
			editing.close();
		}

		for (const [file, words] of [
			[truncated, /cannot be read as a DuckDB database|is damaged/],
			[damaged, /cannot be read as a DuckDB database|is damaged/],
			[edited, /does not match its manifest \(app\.users has \d+ rows, the manifest says \d+\)/]
		] as const) {
			const run = await oborot(home, ['restore', file, '--yes']);
			expect(run.code, run.stdout).toBe(1);
			expect(run.stderr).toMatch(words);
			expect(run.stderr).toContain('Nothing was restored; the warehouse was not touched.');
			expect(sha256(paths.warehouse)).toBe(warehouseSum);
			expect(fs.existsSync(`${paths.warehouse}.restoring`)).toBe(false);
		}
	}, 600_000);
});

describe('a snapshot before each publish', () => {
	let shop: FixtureProject;
	let paths: OborotPaths;

	beforeAll(async () => {
		shop = await fixtureProject('shop');
		await seed(shop);
		shop.warehouse.close();
		paths = resolvePaths({ OBOROT_HOME: shop.dir, OBOROT_PROJECT: shop.dir });
	});
	afterAll(() => fs.rmSync(shop.dir, { recursive: true, force: true }));

	const automatic = () => fs.readdirSync(path.join(shop.dir, 'backups')).filter((name) => name.endsWith('-before-publish.duckdb')).sort();

	it('takes one before every build that publishes and keeps the last backups.keep of them, never the manual ones', async () => {
		fs.appendFileSync(paths.projectConfig, '\nbackups:\n  keep: 2\n');
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			const manual = await writeSnapshot(warehouse, paths, { kind: 'manual' });
			const seen: string[][] = [];
			for (let build = 1; build <= 3; build++) {
				const result = await buildAtPaths(paths, warehouse, { triggeredBy: 'test' });
				expect(result.committed).toBe(true);
				seen.push(automatic());
			}
			expect(seen.map((names) => names.length)).toEqual([1, 2, 2]);
			// The third build pruned the first build's snapshot; those of builds 2 and 3 remain.
			expect(seen[2][0]).toBe(seen[1][1]);
			expect(seen[1][0]).toBe(seen[0][0]);
			expect(seen[2]).not.toContain(seen[0][0]);
			expect(fs.existsSync(manual.file)).toBe(true);
			// Each holds the warehouse as it was before its build: the one before build 3 has builds 1 and 2 published.
			const newest = await Warehouse.open(path.join(shop.dir, 'backups', seen[2][1]), { readOnly: true });
			try {
				expect(await newest.query(`select build_id, status from audit.builds order by build_id`)).toEqual([
					{ build_id: 1, status: 'success' },
					{ build_id: 2, status: 'success' }
				]);
				expect(await newest.query('select count(*) as n from marts.customer_revenue')).toEqual(await warehouse.query('select count(*) as n from marts.customer_revenue'));
			} finally {
				newest.close();
			}
			expect(seen[2][1]).toMatch(/-build2-before-publish\.duckdb$/);
		} finally {
			warehouse.close();
		}
	}, 300_000);

	it('takes none with backups.keep: 0', async () => {
		fs.writeFileSync(paths.projectConfig, fs.readFileSync(paths.projectConfig, 'utf8').replace('keep: 2', 'keep: 0'));
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			const beforeBuild = automatic();
			expect((await buildAtPaths(paths, warehouse, { triggeredBy: 'test' })).committed).toBe(true);
			expect(automatic()).toEqual(beforeBuild);
		} finally {
			warehouse.close();
		}
	}, 300_000);
});

describe('oborot backup while oborot serve holds the warehouse', () => {
	let server: E2eServer;
	let demoPrint: Record<string, string>;

	beforeAll(async () => {
		server = await startServer(async ({ home, project }) => {
			linkRepositoryProject(project);
			const { demo } = await copyDemoHome(home);
			demoPrint = await fingerprint(demo.warehouse);
		});
	}, 900_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('is written by the server while it answers queries, and holds the served warehouse', async () => {
		const query = ['sql', 'select count(*) as n, sum(revenue) as revenue from marts.fct_sales', '--format', 'json'];
		const target = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-backup-to-'));
		const [backup, ...reads] = await Promise.all([runCli(server, ['backup', '--to', target]), runCli(server, query), runCli(server, query), runCli(server, query)]);
		expect(backup.code, backup.stderr).toBe(0);
		expect(backup.stderr).toContain(`running on the oborot server at http://localhost:${new URL(server.url).port}`);
		for (const read of reads) {
			expect(read.code, read.stderr).toBe(0);
			expect(JSON.parse(read.stdout)[0].n).toBeGreaterThan(0);
		}
		const [file] = fs.readdirSync(target);
		expect(file).toMatch(/-manual\.duckdb$/);
		expect(mode(path.join(target, file))).toBe(0o600);
		expect(await fingerprint(path.join(target, file))).toEqual(demoPrint);
		fs.rmSync(target, { recursive: true, force: true });
	}, 300_000);

	it('restore refuses while the server runs, saying to stop it', async () => {
		const run = await runCli(server, ['restore', '/nonexistent.duckdb', '--yes']);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/the oborot server \(pid \d+, port \d+\) has the warehouse open: stop it, run `oborot restore` again/);
	}, 60_000);
});
