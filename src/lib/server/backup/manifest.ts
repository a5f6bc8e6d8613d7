import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../warehouse/index.ts';

/** The schema inside a snapshot file that describes it; dropped from the warehouse a restore makes. */
export const MANIFEST_SCHEMA = 'oborot_backup';

/** One table of the snapshot: its rows and an order-independent hash of them (sum of row hashes, as text: it is a HUGEINT). */
export interface TableDigest {
	schema: string;
	table: string;
	rows: number;
	hash: string;
}

async function rowsOf<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
	return (await connection.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
}

/** Every base table of database `db` except the manifest's own. */
async function tablesOf(connection: DuckDBConnection, db: string): Promise<{ schema: string; table: string }[]> {
	return rowsOf(
		connection,
		`select schema_name as schema, table_name as "table" from duckdb_tables()
		 where database_name = ${quoteLiteral(db)} and not temporary and schema_name <> ${quoteLiteral(MANIFEST_SCHEMA)}
		 order by 1, 2`
	);
}

/**
 * Rows and hash of every table of `db`, read in full: a damaged block fails its checksum
 * here, so computing the digest is also the check that the file reads. Without `hash`: counts only.
 */
export async function digestTables(connection: DuckDBConnection, db: string, options: { hash: boolean } = { hash: true }): Promise<TableDigest[]> {
	const tables = await tablesOf(connection, db);
	if (!tables.length) return [];
	const parts = tables.map(
		({ schema, table }) =>
			`select ${quoteLiteral(schema)} as schema, ${quoteLiteral(table)} as "table", count(*) as rows, ${options.hash ? 'coalesce(sum(hash(t)), 0)::varchar' : "''"} as hash
			 from ${quoteIdent(db)}.${quoteIdent(schema)}.${quoteIdent(table)} as t`
	);
	const rows = await rowsOf<{ schema: string; table: string; rows: string; hash: string }>(connection, parts.join('\nunion all\n'));
	return rows.map((r) => ({ schema: r.schema, table: r.table, rows: Number(r.rows), hash: r.hash })).sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`));
}

export interface SnapshotInfo {
	createdAt: string;
	kind: string;
	buildId: number | null;
	source: string;
}

export interface Manifest {
	info: SnapshotInfo;
	tables: TableDigest[];
	/** Files of OBOROT_HOME kept with the warehouse (saved mappings), path relative to it → content. */
	files: { path: string; content: string }[];
}

/** Writes the manifest into database `db` (the snapshot, attached for writing). */
export async function writeManifest(connection: DuckDBConnection, db: string, manifest: Manifest): Promise<void> {
	const schema = `${quoteIdent(db)}.${quoteIdent(MANIFEST_SCHEMA)}`;
	await connection.run(`create schema ${schema};
		create table ${schema}.info (created_at varchar, kind varchar, build_id bigint, source varchar);
		create table ${schema}.tables (schema_name varchar, table_name varchar, rows bigint, hash varchar);
		create table ${schema}.files (path varchar, content varchar)`);
	const { info } = manifest;
	await connection.run(`insert into ${schema}.info values ($1, $2, $3, $4)`, [info.createdAt, info.kind, info.buildId, info.source]);
	// A few hundred rows at most: one multi-row insert each, bound rather than spliced.
	if (manifest.tables.length) {
		await connection.run(
			`insert into ${schema}.tables select * from (values ${manifest.tables.map((_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}::bigint, $${4 * i + 4})`).join(', ')})`,
			manifest.tables.flatMap((t) => [t.schema, t.table, t.rows, t.hash])
		);
	}
	if (manifest.files.length) {
		await connection.run(
			`insert into ${schema}.files select * from (values ${manifest.files.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')})`,
			manifest.files.flatMap((f) => [f.path, f.content])
		);
	}
}

/** The manifest of database `db`, or null when it has none (a plain warehouse file). */
export async function readManifest(connection: DuckDBConnection, db: string): Promise<Manifest | null> {
	const [present] = await rowsOf<{ n: string }>(
		connection,
		`select count(*) as n from duckdb_tables() where database_name = ${quoteLiteral(db)} and schema_name = ${quoteLiteral(MANIFEST_SCHEMA)} and table_name = 'tables'`
	);
	if (Number(present.n) === 0) return null;
	const schema = `${quoteIdent(db)}.${quoteIdent(MANIFEST_SCHEMA)}`;
	const [info] = await rowsOf<{ created_at: string; kind: string; build_id: string | null; source: string }>(connection, `select * from ${schema}.info`);
	const tables = await rowsOf<{ schema_name: string; table_name: string; rows: string; hash: string }>(connection, `select * from ${schema}.tables order by 1, 2`);
	const files = await rowsOf<{ path: string; content: string }>(connection, `select * from ${schema}.files order by 1`);
	return {
		info: { createdAt: info?.created_at ?? '', kind: info?.kind ?? '', buildId: info?.build_id == null ? null : Number(info.build_id), source: info?.source ?? '' },
		tables: tables.map((t) => ({ schema: t.schema_name, table: t.table_name, rows: Number(t.rows), hash: t.hash })),
		files
	};
}

/** What differs between the manifest and what the file holds, in words (empty: they agree). */
export function compareDigests(expected: TableDigest[], actual: TableDigest[]): string[] {
	const found = new Map(actual.map((t) => [`${t.schema}.${t.table}`, t]));
	const problems: string[] = [];
	for (const want of expected) {
		const name = `${want.schema}.${want.table}`;
		const got = found.get(name);
		if (!got) problems.push(`${name} is missing`);
		else if (got.rows !== want.rows) problems.push(`${name} has ${got.rows} rows, the manifest says ${want.rows}`);
		else if (got.hash !== want.hash) problems.push(`${name} has ${got.rows} rows as expected but different contents`);
		found.delete(name);
	}
	for (const name of found.keys()) problems.push(`${name} is not in the manifest`);
	return problems;
}
