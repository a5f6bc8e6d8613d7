import { DuckDBTypeId, StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBType } from '@duckdb/node-api';
import { plainValueConverter, type Warehouse } from '../warehouse/index.ts';
import type { ColumnKind, QueryColumn } from '../../dashboards/contract.ts';

/** A dashboard query that failed: the DuckDB message, and its line in the query when DuckDB names one. */
export class QueryError extends Error {
	constructor(
		message: string,
		readonly queryLine: number | null,
		readonly timedOut = false
	) {
		super(message);
	}
}

export interface RunOptions {
	/** Stop reading after this many rows (the result says it was truncated). */
	maxRows?: number;
	timeoutMs?: number;
	/** Reads more in the query's own read-only transaction, so it describes the same version of the data. */
	alongside?: (connection: DuckDBConnection) => Promise<unknown>;
}

export interface RawQueryResult {
	columns: QueryColumn[];
	rows: Record<string, unknown>[];
	truncated: boolean;
	/** What options.alongside read. */
	alongside?: unknown;
}

function columnKind(type: DuckDBType): ColumnKind {
	switch (type.typeId) {
		case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: case DuckDBTypeId.INTEGER: case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.HUGEINT: case DuckDBTypeId.UTINYINT: case DuckDBTypeId.USMALLINT: case DuckDBTypeId.UINTEGER:
		case DuckDBTypeId.UBIGINT: case DuckDBTypeId.UHUGEINT: case DuckDBTypeId.FLOAT: case DuckDBTypeId.DOUBLE: case DuckDBTypeId.DECIMAL:
			return 'number';
		case DuckDBTypeId.VARCHAR: case DuckDBTypeId.ENUM: case DuckDBTypeId.UUID:
			return 'text';
		case DuckDBTypeId.DATE:
			return 'date';
		case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS: case DuckDBTypeId.TIMESTAMP_NS: case DuckDBTypeId.TIMESTAMP_TZ:
			return 'timestamp';
		case DuckDBTypeId.BOOLEAN:
			return 'boolean';
		default:
			return 'other';
	}
}

function queryError(error: unknown, timedOut: boolean, timeoutMs: number): QueryError {
	if (timedOut) return new QueryError(`the query took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`, null, true);
	const message = error instanceof Error ? error.message : String(error);
	const line = /LINE (\d+):/.exec(message);
	// DuckDB repeats the SQL with a caret under the error; the page shows the line instead.
	return new QueryError(message.split(/\n\s*\nLINE \d+:/)[0].trim(), line ? Number(line[1]) : null);
}

/** Prepares one SELECT; anything else (or several statements) is refused before it runs. */
export async function prepareSelect(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
	const statements = await connection.extractStatements(sql);
	if (statements.count !== 1) throw new QueryError(`a dashboard query is one SELECT statement; this one has ${statements.count}`, null);
	const prepared = await statements.prepare(0);
	if (prepared.statementType !== StatementType.SELECT) throw new QueryError('a dashboard query may only read (SELECT or WITH … SELECT)', null);
	return prepared;
}

/** Binds every parameter the statement names from `values` (a missing name binds NULL). */
export function bindByName(prepared: DuckDBPreparedStatement, values: Record<string, string | null>): void {
	for (let index = 1; index <= prepared.parameterCount; index++) {
		const value = values[prepared.parameterName(index).toLowerCase()] ?? null;
		if (value === null) prepared.bindNull(index);
		else prepared.bindVarchar(index, value);
	}
}

/**
 * Runs a dashboard query: one SELECT, parameters bound by name (values are data, never
 * SQL text), inside a read-only transaction that is rolled back, stopped after a timeout.
 */
export async function runSelect(warehouse: Warehouse, sql: string, values: Record<string, string | null>, options: RunOptions = {}): Promise<RawQueryResult> {
	const timeoutMs = options.timeoutMs ?? 60_000;
	return warehouse.withConnection(async (connection) => {
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			connection.interrupt();
		}, timeoutMs);
		try {
			const prepared = await prepareSelect(connection, sql);
			bindByName(prepared, values);
			await connection.run('begin transaction read only');
			try {
				const reader = options.maxRows === undefined ? await prepared.streamAndReadAll() : await prepared.streamAndReadUntil(options.maxRows + 1);
				const names = reader.columnNames();
				const types = reader.columnTypes();
				const rows = reader.convertRowObjects(plainValueConverter) as Record<string, unknown>[];
				const truncated = options.maxRows !== undefined && rows.length > options.maxRows;
				return {
					columns: names.map((name, i) => ({ name, type: types[i].toString(), kind: columnKind(types[i]) })),
					rows: truncated ? rows.slice(0, options.maxRows) : rows,
					truncated,
					...(options.alongside ? { alongside: await options.alongside(connection) } : {})
				};
			} finally {
				await connection.run('rollback').catch(() => undefined);
			}
		} catch (error) {
			throw error instanceof QueryError ? error : queryError(error, timedOut, timeoutMs);
		} finally {
			clearTimeout(timer);
		}
	});
}

/** Checks a query against the warehouse without running it (missing tables, columns, syntax). */
export async function checkSelect(warehouse: Warehouse, sql: string): Promise<QueryError | null> {
	return warehouse.withConnection(async (connection) => {
		try {
			await prepareSelect(connection, sql);
			return null;
		} catch (error) {
			return error instanceof QueryError ? error : queryError(error, false, 0);
		}
	});
}
