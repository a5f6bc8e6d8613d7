import { plainValueConverter, type Row, type Warehouse } from '../warehouse/index.ts';
import type { BoundQuery } from './sql-params.ts';

/** Runs a compiled query with its typed parameters; rows as plain values (numbers, ISO dates). */
export async function runBound<T = Row>(warehouse: Warehouse, query: BoundQuery): Promise<T[]> {
	return warehouse.withConnection(async (connection) => {
		const reader = await connection.runAndReadAll(query.sql, query.values, query.types);
		return reader.convertRowObjects(plainValueConverter) as T[];
	});
}
