import fs from 'node:fs';
import path from 'node:path';
import type { OborotPaths } from '../config/paths.ts';
import { savedMappingsDir } from '../ingest/saved-mappings.ts';
import { isLockError, quoteIdent, Warehouse } from '../warehouse/index.ts';
import { compareDigests, digestTables, MANIFEST_SCHEMA, readManifest, type Manifest, type TableDigest } from './manifest.ts';
import { backupsDir, compactTime, privateDir } from './snapshot-files.ts';

/** A snapshot that cannot be restored; the warehouse was not touched. */
export class RestoreError extends Error {}

export interface SnapshotCheck {
	manifest: Manifest | null;
	tables: TableDigest[];
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** The database name DuckDB gives an opened file (its name without the extension). */
async function databaseName(warehouse: Warehouse): Promise<string> {
	const [row] = await warehouse.query<{ db: string }>('select current_database() as db');
	return row.db;
}

/**
 * Opens `file` read-only and reads every table in full against its manifest: a truncated or
 * damaged file fails to open or fails a block checksum, a changed one differs from the manifest.
 * A file without a manifest (a warehouse set aside by an earlier restore) is checked only by
 * reading all of it.
 */
export async function checkSnapshot(file: string): Promise<SnapshotCheck> {
	if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new RestoreError(`no snapshot at ${file}`);
	let snapshot: Warehouse;
	try {
		snapshot = await Warehouse.open(file, { readOnly: true });
	} catch (error) {
		throw new RestoreError(`${file} cannot be read as a DuckDB database, it is damaged or not a snapshot (${firstLine(error)})`);
	}
	try {
		const db = await databaseName(snapshot);
		return await snapshot.withConnection(async (connection) => {
			let manifest: Manifest | null;
			let tables: TableDigest[];
			try {
				manifest = await readManifest(connection, db);
				tables = await digestTables(connection, db);
			} catch (error) {
				throw new RestoreError(`${file} is damaged: reading it failed (${firstLine(error)})`);
			}
			if (manifest) {
				const problems = compareDigests(manifest.tables, tables);
				if (problems.length) {
					const shown = problems.slice(0, 5).join('; ');
					throw new RestoreError(`${file} does not match its manifest (${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}): it was changed or damaged after it was written`);
				}
			} else if (!tables.some((t) => t.schema === 'audit' && t.table === 'schema_migrations')) {
				throw new RestoreError(`${file} is a DuckDB file but not an oborot warehouse or snapshot (no audit.schema_migrations)`);
			}
			return { manifest, tables };
		});
	} finally {
		snapshot.close();
	}
}

export interface RestoreResult {
	check: SnapshotCheck;
	/** Where the replaced warehouse (and its saved mappings) now are; null when there was none. */
	replacedAside: string | null;
	mappingsAside: string | null;
	/** Rows per table of the warehouse in place after the swap, checked against the snapshot. */
	rowsAfter: number;
	seconds: number;
}

function renameIfExists(from: string, to: string): boolean {
	if (!fs.existsSync(from)) return false;
	fs.renameSync(from, to);
	return true;
}

/** Refuses when another process has the warehouse open for writing (a non-server `oborot ingest`, say). */
async function ensureNotLocked(paths: OborotPaths): Promise<void> {
	if (!fs.existsSync(paths.warehouse)) return;
	try {
		(await Warehouse.open(paths.warehouse, { readOnly: true })).close();
	} catch (error) {
		if (isLockError(error)) throw new RestoreError(`another process has ${paths.warehouse} open: stop it, then restore`);
		// A warehouse that does not open is what a restore is for: go on.
	}
}

/**
 * Replaces the warehouse with a snapshot. Runs only where no server holds the file (the
 * command checks): the snapshot is checked, copied beside the warehouse and opened there
 * (migrations bring an older snapshot up to date, the manifest schema is dropped), and only
 * then swapped in by rename. The replaced warehouse and mappings are kept in backups/ as
 * replaced-<time>: restoring that file undoes the restore.
 */
export async function restoreSnapshot(paths: OborotPaths, file: string, now = new Date()): Promise<RestoreResult> {
	const started = performance.now();
	const check = await checkSnapshot(file);
	await ensureNotLocked(paths);
	fs.mkdirSync(paths.home, { recursive: true });
	const incoming = `${paths.warehouse}.restoring`;
	const incomingMappings = `${savedMappingsDir(paths)}.restoring`;
	for (const stale of [incoming, `${incoming}.wal`, incomingMappings]) fs.rmSync(stale, { recursive: true, force: true });
	try {
		fs.copyFileSync(file, incoming);
		fs.chmodSync(incoming, 0o600);
		const warehouse = await Warehouse.open(incoming);
		try {
			await warehouse.run(`drop schema if exists ${quoteIdent(MANIFEST_SCHEMA)} cascade`);
			await warehouse.run('checkpoint');
		} finally {
			warehouse.close();
		}
		if (check.manifest) {
			privateDir(incomingMappings);
			for (const saved of check.manifest.files) {
				const target = path.resolve(paths.home, saved.path);
				// Only the mappings folder: a crafted path must not write elsewhere in the home.
				if (path.dirname(target) !== savedMappingsDir(paths)) continue;
				fs.writeFileSync(path.join(incomingMappings, path.basename(target)), saved.content, { mode: 0o600 });
			}
		}

		const asideBase = path.join(privateDir(backupsDir(paths)), `replaced-${compactTime(now)}`);
		const replacedAside = renameIfExists(paths.warehouse, `${asideBase}.duckdb`) ? `${asideBase}.duckdb` : null;
		if (replacedAside) fs.chmodSync(replacedAside, 0o600);
		renameIfExists(`${paths.warehouse}.wal`, `${asideBase}.duckdb.wal`);
		fs.renameSync(incoming, paths.warehouse);
		let mappingsAside: string | null = null;
		if (check.manifest) {
			mappingsAside = renameIfExists(savedMappingsDir(paths), `${asideBase}.mappings`) ? `${asideBase}.mappings` : null;
			fs.renameSync(incomingMappings, savedMappingsDir(paths));
		}

		const restored = await Warehouse.open(paths.warehouse, { readOnly: true });
		let rowsAfter = 0;
		try {
			const after = await restored.withConnection(async (connection) => digestTables(connection, await databaseName(restored), { hash: false }));
			const expected = check.manifest?.tables ?? check.tables;
			const counts = new Map(after.map((t) => [`${t.schema}.${t.table}`, t.rows]));
			const wrong = expected.filter((t) => counts.get(`${t.schema}.${t.table}`) !== t.rows);
			if (wrong.length) throw new Error(`after the restore ${wrong.map((t) => `${t.schema}.${t.table}`).join(', ')} do not have the snapshot's rows; the replaced warehouse is ${replacedAside}`);
			rowsAfter = after.reduce((sum, t) => sum + t.rows, 0);
		} finally {
			restored.close();
		}
		return { check, replacedAside, mappingsAside, rowsAfter, seconds: (performance.now() - started) / 1000 };
	} finally {
		for (const leftover of [incoming, `${incoming}.wal`, incomingMappings]) fs.rmSync(leftover, { recursive: true, force: true });
	}
}
