import { plainValueConverter, type Warehouse } from '../warehouse/index.ts';
import type { BoundQuery } from '../segments/index.ts';

/**
 * Runs a query as a DuckDB streaming result and hands it over one data chunk
 * (≈2,048 rows) at a time, awaiting each hand-over: only the chunk in flight is in
 * JavaScript memory, however many rows the query returns.
 */
export async function streamRows(warehouse: Warehouse, query: BoundQuery, onRows: (rows: unknown[][]) => Promise<void>): Promise<number> {
	const connection = await warehouse.connect();
	try {
		const result = await connection.stream(query.sql, query.values, query.types);
		let count = 0;
		for await (const rows of result.yieldConvertedRows(plainValueConverter)) {
			count += rows.length;
			await onRows(rows);
		}
		return count;
	} finally {
		connection.closeSync();
	}
}
