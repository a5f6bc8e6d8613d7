import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { privateDir, privateFile } from '../config/private-files.ts';
import { plainValueConverter, type Row } from './convert.ts';
import { migrations } from './migrations.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface OpenOptions {
	readOnly?: boolean;
	/** DuckDB settings such as threads or memory_limit. */
	settings?: Record<string, string>;
}

/** DuckDB's message when another process holds the file for writing. */
export function isLockError(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /Could not set lock on file|Conflicting lock is held/i.test(message);
}

/**
 * The one DuckDB instance of this process. Each call gets its own short-lived
 * connection so concurrent API requests do not queue behind one another; writes
 * that must not interleave (ingest, build) go through `exclusive`.
 */
export class Warehouse {
	readonly file: string;
	readonly readOnly: boolean;
	private readonly instance: DuckDBInstance;
	private writeQueue: Promise<unknown> = Promise.resolve();
	/** Marks code running inside exclusive(), so a nested call joins it instead of deadlocking. */
	private readonly exclusiveScope = new AsyncLocalStorage<boolean>();
	private closed = false;

	private constructor(file: string, instance: DuckDBInstance, readOnly: boolean) {
		this.file = file;
		this.instance = instance;
		this.readOnly = readOnly;
	}

	static async open(file: string, options: OpenOptions = {}): Promise<Warehouse> {
		if (file !== ':memory:') privateDir(path.dirname(file));
		const settings: Record<string, string> = { ...(options.settings ?? {}) };
		if (options.readOnly) settings.access_mode = 'READ_ONLY';
		const instance = await DuckDBInstance.create(file, settings);
		const warehouse = new Warehouse(file, instance, options.readOnly ?? false);
		// DuckDB made the file with the umask's mode; a file an older version left 0644 is fixed here too.
		if (file !== ':memory:') for (const own of [file, `${file}.wal`]) privateFile(own);
		if (!warehouse.readOnly) await warehouse.migrate();
		return warehouse;
	}

	/** A connection the caller owns (appender, streaming, transactions); close it with closeSync(). */
	async connect(): Promise<DuckDBConnection> {
		if (this.closed) throw new Error('warehouse is closed');
		return this.instance.connect();
	}

	async withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
		const connection = await this.connect();
		try {
			return await fn(connection);
		} finally {
			connection.closeSync();
		}
	}

	async query<T = Row>(sql: string, params?: Params): Promise<T[]> {
		return this.withConnection(async (connection) => {
			const reader = await connection.runAndReadAll(sql, params);
			return reader.convertRowObjects(plainValueConverter) as T[];
		});
	}

	/**
	 * One analyst query that cannot change anything: a single SELECT (or EXPLAIN),
	 * run in a transaction that is always rolled back.
	 */
	async readOnlyQuery(sql: string, params?: Params): Promise<{ columns: string[]; rows: Row[] }> {
		return this.withConnection(async (connection) => {
			const statements = await connection.extractStatements(sql);
			if (statements.count !== 1) throw new Error(`expected one statement, got ${statements.count}`);
			const prepared = await statements.prepare(0);
			if (prepared.statementType !== StatementType.SELECT && prepared.statementType !== StatementType.EXPLAIN) {
				throw new Error('only SELECT queries are allowed here');
			}
			if (params) prepared.bind(params);
			await connection.run('begin transaction');
			try {
				const reader = await prepared.runAndReadAll();
				return { columns: reader.columnNames(), rows: reader.convertRowObjects(plainValueConverter) as Row[] };
			} finally {
				await connection.run('rollback');
			}
		});
	}

	async run(sql: string, params?: Params): Promise<void> {
		await this.withConnection(async (connection) => {
			await connection.run(sql, params);
		});
	}

	/** Runs fn inside one transaction on its own connection; rolls back on any error. */
	async transaction<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
		return this.withConnection(async (connection) => {
			await connection.run('begin transaction');
			try {
				const result = await fn(connection);
				await connection.run('commit');
				return result;
			} catch (error) {
				await connection.run('rollback').catch(() => undefined);
				throw error;
			}
		});
	}

	/**
	 * Serialises write jobs of this process (one ingest or build at a time). Re-entrant:
	 * a job that calls another exclusive step (a handed-over `build`) runs it in place.
	 */
	exclusive<T>(fn: () => Promise<T>): Promise<T> {
		if (this.exclusiveScope.getStore()) return fn();
		const scoped = () => this.exclusiveScope.run(true, fn);
		const next = this.writeQueue.then(scoped, scoped);
		this.writeQueue = next.catch(() => undefined);
		return next;
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.instance.closeSync();
	}

	private async migrate(): Promise<void> {
		await this.run(`create schema if not exists audit;
			create table if not exists audit.schema_migrations (
				version integer primary key, name varchar not null, applied_at timestamp not null default current_timestamp)`);
		const applied = new Set(
			(await this.query<{ version: number }>('select version from audit.schema_migrations')).map((r) => r.version)
		);
		for (const migration of migrations) {
			if (applied.has(migration.version)) continue;
			await this.transaction(async (connection) => {
				await connection.run(migration.sql);
				await connection.run('insert into audit.schema_migrations (version, name) values ($1, $2)', [
					migration.version,
					migration.name
				]);
			});
		}
	}
}
