import type { DuckDBConnection } from '@duckdb/node-api';

/** What exists in the warehouse now, "schema.name" → BASE TABLE | VIEW; kept current during a build. */
export type RelationKinds = Map<string, string>;

export async function relationKinds(connection: DuckDBConnection): Promise<RelationKinds> {
	const reader = await connection.runAndReadAll(
		`select table_schema, table_name, table_type from information_schema.tables where table_catalog = current_database()`
	);
	return new Map(reader.getRowObjectsJS().map((r) => [`${r.table_schema}.${r.table_name}`, String(r.table_type)]));
}
