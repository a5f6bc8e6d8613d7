import type { DuckDBConnection } from '@duckdb/node-api';

export interface RelationName {
	schema: string;
	name: string;
}

const MAX_CACHED = 500;
const cache = new Map<string, RelationName[] | null>();

/** Every table reference in DuckDB's parse tree of a statement (json_serialize_sql). */
function collect(node: unknown, found: Map<string, RelationName>): void {
	if (Array.isArray(node)) {
		for (const item of node) collect(item, found);
		return;
	}
	if (!node || typeof node !== 'object') return;
	const record = node as Record<string, unknown>;
	if (record.type === 'BASE_TABLE' && typeof record.schema_name === 'string' && record.schema_name && typeof record.table_name === 'string') {
		const relation = { schema: record.schema_name.toLowerCase(), name: record.table_name.toLowerCase() };
		found.set(`${relation.schema}.${relation.name}`, relation);
	}
	for (const value of Object.values(record)) collect(value, found);
}

/**
 * The schema-qualified tables and views a query reads (marts.demand_forecast), found by
 * DuckDB's own parser, so CTEs, subqueries and joins are all seen and nothing has to bind:
 * a query over a mart that was never built is still understood. Names without a schema
 * (CTEs) are left out. Parsed once per query text.
 */
export async function relationsRead(connection: DuckDBConnection, sql: string): Promise<RelationName[]> {
	return (await parsedRelations(connection, sql)) ?? [];
}

/** As relationsRead, but null when DuckDB's parser does not understand the statement (for checks that must fail closed). */
export async function parsedRelations(connection: DuckDBConnection, sql: string): Promise<RelationName[] | null> {
	if (cache.has(sql)) return cache.get(sql) as RelationName[] | null;
	const reader = await connection.runAndReadAll('select json_serialize_sql($1::varchar) as tree', [sql]);
	const tree = JSON.parse(String(reader.getRows()[0][0])) as { error?: boolean; statements?: unknown[] };
	const found = new Map<string, RelationName>();
	if (!tree.error) collect(tree.statements, found);
	const relations = tree.error ? null : [...found.values()];
	cache.set(sql, relations);
	if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
	return relations;
}
