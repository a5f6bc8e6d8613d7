import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent } from '../warehouse/index.ts';
import type { RowInput } from './types.ts';

type Append = (appender: DuckDBAppender, value: unknown, column: string) => void;

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|INT2|INT4|INT8|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|LONG|SHORT)$/;
const FLOAT = /^(DOUBLE|FLOAT|FLOAT4|FLOAT8|REAL|DECIMAL|NUMERIC)\b/;
const TEMPORAL = /^(DATE|TIMESTAMP|DATETIME|TIME|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE)\b/;

/** How a JS value goes into a column of `type`: DuckDB casts text and doubles to the column's type. */
function appenderFor(type: string): Append {
	const upper = type.trim().toUpperCase();
	if (INTEGER.test(upper)) {
		return (appender, value, column) => {
			const n = typeof value === 'bigint' ? value : Number(value);
			if (typeof n === 'number' && !Number.isInteger(n)) throw new Error(`column «${column}» (${type}) got ${String(value)}, not an integer`);
			appender.appendBigInt(BigInt(n));
		};
	}
	if (FLOAT.test(upper)) {
		return (appender, value, column) => {
			const n = Number(value);
			if (Number.isNaN(n) && typeof value !== 'number') throw new Error(`column «${column}» (${type}) got ${String(value)}, not a number`);
			appender.appendDouble(n);
		};
	}
	if (upper === 'BOOLEAN' || upper === 'BOOL') {
		// 'false' as text must stay false: let DuckDB cast strings.
		return (appender, value) => (typeof value === 'string' ? appender.appendVarchar(value) : appender.appendBoolean(Boolean(value)));
	}
	if (TEMPORAL.test(upper)) {
		return (appender, value) => {
			if (value instanceof Date) {
				const iso = value.toISOString();
				appender.appendVarchar(upper === 'DATE' ? iso.slice(0, 10) : iso.replace('T', ' ').replace('Z', ''));
			} else appender.appendVarchar(String(value));
		};
	}
	// Text, JSON, lists and anything else: text that DuckDB casts to the column's type.
	return (appender, value) => appender.appendVarchar(typeof value === 'string' ? value : JSON.stringify(value));
}

function isAsyncIterable(rows: unknown): rows is AsyncIterable<RowInput> {
	return typeof (rows as AsyncIterable<RowInput>)[Symbol.asyncIterator] === 'function';
}

/** `create table` with the declared columns; the caller has dropped or replaced what was there. */
export async function createEmptyTable(connection: DuckDBConnection, schema: string, table: string, columns: Record<string, string>): Promise<void> {
	const entries = Object.entries(columns);
	if (entries.length === 0) throw new Error('createTable needs at least one column');
	const list = entries.map(([name, type]) => `${quoteIdent(name)} ${type}`).join(', ');
	await connection.run(`create or replace table ${qualified(schema, table)} (${list})`);
}

/**
 * Writes rows through DuckDB's appender on the given connection (inside the build
 * transaction). Objects are matched to columns by key, arrays by position.
 */
export async function appendRows(
	connection: DuckDBConnection,
	schema: string,
	table: string,
	columns: Record<string, string>,
	rows: Iterable<RowInput> | AsyncIterable<RowInput>
): Promise<number> {
	const names = Object.keys(columns);
	const appenders = names.map((name) => appenderFor(columns[name]));
	const appender = await connection.createAppender(table, schema);
	let count = 0;
	const append = (row: RowInput) => {
		if (count === 0 && !Array.isArray(row)) {
			const unknown = Object.keys(row).filter((key) => !(key in columns));
			if (unknown.length) throw new Error(`rows have keys that are not columns: ${unknown.join(', ')} (columns: ${names.join(', ')})`);
		}
		for (let i = 0; i < names.length; i++) {
			const value = Array.isArray(row) ? row[i] : (row as Record<string, unknown>)[names[i]];
			// NaN from a failed computation is "unknown", which SQL spells NULL.
			if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) appender.appendNull();
			else appenders[i](appender, value, names[i]);
		}
		appender.endRow();
		count++;
	};
	try {
		if (isAsyncIterable(rows)) for await (const row of rows) append(row);
		else for (const row of rows) append(row);
		appender.closeSync();
	} catch (error) {
		// The build is rolled back anyway; closing a half-written appender must not hide the cause.
		try {
			appender.closeSync();
		} catch {
			/* already failing */
		}
		throw error;
	}
	return count;
}
