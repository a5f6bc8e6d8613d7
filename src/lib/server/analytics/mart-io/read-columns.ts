// Streams a query's result into columns chunk by chunk, so a TS model reads millions of
// rows into typed arrays without building a JS object per row.

import type { DuckDBConnection } from '@duckdb/node-api';

export type ColumnKind = 'text' | 'int' | 'float';

type ColumnOf<K extends ColumnKind> = K extends 'text' ? string[] : K extends 'int' ? Int32Array : Float64Array;

export type Columns<S extends Record<string, ColumnKind>> = { [N in keyof S]: ColumnOf<S[N]> } & { length: number };

/** SQL for a DATE as its day number (days since 1970-01-01, ltv's epochDay), to read as an 'int' column. */
export const dayNumberSql = (date: string) => `date_diff('day', DATE '1970-01-01', ${date})::integer`;

function grow<T extends Int32Array | Float64Array>(array: T, size: number): T {
	if (array.length >= size) return array;
	const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
	next.set(array);
	return next;
}

/**
 * Runs `sql` and returns its columns by the kinds in `spec`, in the query's column order.
 * NULL is an error in 'text' and 'int' columns and NaN in 'float' ones.
 */
export async function readColumns<S extends Record<string, ColumnKind>>(connection: DuckDBConnection, sql: string, spec: S): Promise<Columns<S>> {
	const names = Object.keys(spec);
	const result = await connection.stream(sql);
	if (result.columnCount !== names.length) throw new Error(`query returns ${result.columnCount} columns, expected ${names.join(', ')}`);
	const text: string[][] = names.map(() => []);
	let numeric: (Int32Array | Float64Array)[] = names.map((name) => (spec[name] === 'int' ? new Int32Array(1024) : new Float64Array(1024)));
	let length = 0;
	for (;;) {
		const chunk = await result.fetchChunk();
		if (!chunk || chunk.rowCount === 0) break;
		const rows = chunk.rowCount;
		numeric = numeric.map((array) => grow(array, length + rows));
		names.forEach((name, c) => {
			const values = chunk.getColumnValues(c);
			const kind = spec[name];
			if (kind === 'text') {
				const target = text[c];
				for (let r = 0; r < rows; r++) {
					if (values[r] === null) throw new Error(`column «${name}» is NULL in row ${length + r + 1}`);
					target.push(String(values[r]));
				}
				return;
			}
			const target = numeric[c];
			for (let r = 0; r < rows; r++) {
				const value = values[r];
				if (value === null && kind === 'int') throw new Error(`column «${name}» is NULL in row ${length + r + 1}`);
				target[length + r] = value === null ? Number.NaN : Number(value);
			}
		});
		length += rows;
	}
	const columns: Record<string, unknown> = { length };
	names.forEach((name, c) => {
		columns[name] = spec[name] === 'text' ? text[c] : numeric[c].subarray(0, length);
	});
	return columns as Columns<S>;
}
