/** Quoting helpers for SQL we assemble from names we do not control (headers, model names). */

export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/** schema.table with both parts quoted. */
export function qualified(schema: string, table: string): string {
	return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
