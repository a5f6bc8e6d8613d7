import type { DuckDBConnection } from '@duckdb/node-api';

export interface IntPairs {
	first: Int32Array;
	second: Int32Array;
	length: number;
}

function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
	if (array.length >= size) return array;
	const next = new Int32Array(Math.max(size, array.length * 2));
	next.set(array);
	return next;
}

/**
 * Streams a two-column integer query into typed arrays chunk by chunk: millions of pairs
 * without a JS object per row. NULLs are an error (filter them in SQL).
 */
export async function readIntPairs(connection: DuckDBConnection, sql: string): Promise<IntPairs> {
	const result = await connection.stream(sql);
	if (result.columnCount !== 2) throw new Error(`query must return two integer columns, it returns ${result.columnCount}`);
	let first: Int32Array<ArrayBuffer> = new Int32Array(4096);
	let second: Int32Array<ArrayBuffer> = new Int32Array(4096);
	let length = 0;
	for (;;) {
		const chunk = await result.fetchChunk();
		if (!chunk || chunk.rowCount === 0) break;
		const rows = chunk.rowCount;
		first = grow(first, length + rows);
		second = grow(second, length + rows);
		const a = chunk.getColumnValues(0);
		const b = chunk.getColumnValues(1);
		for (let r = 0; r < rows; r++) {
			if (a[r] === null || b[r] === null) throw new Error(`row ${length + r + 1} has a NULL`);
			first[length + r] = Number(a[r]);
			second[length + r] = Number(b[r]);
		}
		length += rows;
	}
	return { first: first.subarray(0, length), second: second.subarray(0, length), length };
}
