import { plainValueConverter, type Warehouse } from '../warehouse/index.ts';
import type { BoundQuery } from '../segments/index.ts';

/**
 * Runs a query as a DuckDB streaming result and hands it over one data chunk
 * (≈2,048 rows) at a time, awaiting each hand-over: only the chunk in flight is in
 * JavaScript memory, however many rows the query returns. Chunks are read column by
 * column (DuckDB's layout), several times faster than row by row, then turned into rows.
 */
export async function streamRows(warehouse: Warehouse, query: BoundQuery, onRows: (rows: unknown[][]) => Promise<void>): Promise<number> {
	const connection = await warehouse.connect();
	try {
		const result = await connection.stream(query.sql, query.values, query.types);
		let count = 0;
		for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
			const columns = chunk.convertColumns(plainValueConverter);
			const rows: unknown[][] = new Array(chunk.rowCount);
			for (let r = 0; r < rows.length; r++) {
				const row = new Array(columns.length);
				for (let c = 0; c < columns.length; c++) row[c] = columns[c][r];
				rows[r] = row;
			}
			count += rows.length;
			await onRows(rows);
		}
		return count;
	} finally {
		connection.closeSync();
	}
}
