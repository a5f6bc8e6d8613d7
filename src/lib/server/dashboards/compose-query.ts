import type { Dashboard, QueryBlock } from '../../dashboards/contract.ts';
import { sqlCode } from './sql-params.ts';

/**
 * A dashboard query as the engine runs it: the queries it selects from (`${name}`) inlined
 * as CTEs, and each one's declared filters and manager scope applied to its rows as a
 * WHERE around it. Only the declared column names (checked as identifiers) become SQL
 * text; every value stays a bound parameter ($channel, $manager_scope).
 */
export interface ComposedQuery {
	sql: string;
	/** Where each query's own text sits in `sql`, to put DuckDB's "LINE n" back into the file. */
	segments: { query: string; from: number; lines: number }[];
}

/** `${name}`: another query of the file, read as a table. */
const QUERY_REFERENCE = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

/** The queries a query selects from, by the `${name}` references in its code (not in literals or comments). */
export function queryReferences(sql: string): string[] {
	return [...new Set([...sqlCode(sql).matchAll(QUERY_REFERENCE)].map((m) => m[1]))];
}

const ident = (name: string) => `"${name}"`;

/** The query's own text with its references as CTE names and no trailing semicolon. */
export function ownSql(block: QueryBlock): string {
	const code = sqlCode(block.sql);
	let out = '';
	let last = 0;
	for (const m of code.matchAll(QUERY_REFERENCE)) {
		// Keep the line count: a reference never spans lines in the output.
		out += block.sql.slice(last, m.index) + ident(m[1]);
		last = m.index + m[0].length;
	}
	out += block.sql.slice(last);
	return out.replace(/;\s*$/, '');
}

/** The WHERE the engine puts around a query: its filters (NULL: not chosen) and its manager scope. */
export function rowPredicate(block: QueryBlock): string | null {
	const terms = Object.entries(block.filters).map(([filter, column]) => `($${filter} is null or ${ident(column as string)} = $${filter})`);
	// The scope is bound trimmed and in lower case (access.ts scopeOf); CRM exports differ in both.
	for (const column of block.scope) terms.push(`($manager_scope is null or lower(trim(${ident(column)})) = $manager_scope)`);
	return terms.length ? terms.join(' and ') : null;
}

/** The queries `name` reads through references, each before the queries that read it; `name` itself last. */
export function queryOrder(dashboard: Dashboard, name: string): string[] {
	const order: string[] = [];
	const seen = new Set<string>();
	const visit = (query: string) => {
		// A cycle is a file problem (check-dashboard); seen keeps this walk finite anyway.
		if (seen.has(query)) return;
		seen.add(query);
		for (const used of dashboard.queries[query]?.uses ?? []) visit(used);
		order.push(query);
	};
	visit(name);
	return order;
}

interface Piece {
	text: string;
	query?: string;
}

/** One query's rows: its own text, with the declared WHERE around it when it has one. */
function rowsOf(block: QueryBlock): Piece[] {
	const predicate = rowPredicate(block);
	const own = { text: ownSql(block), query: block.name };
	// A WHERE over a single subquery keeps its row order (DuckDB's order preservation), so an ORDER BY inside holds.
	return predicate ? [{ text: 'select * from (' }, own, { text: `) where ${predicate}` }] : [own];
}

/** A WITH at the start of the main query's code (after blanks and comments), to join the inlined CTEs to. */
const LEADING_WITH = /^\s*with\b(\s+recursive\b)?/i;

export function composeQuery(dashboard: Dashboard, name: string): ComposedQuery {
	const order = queryOrder(dashboard, name);
	const main = rowsOf(dashboard.queries[name]);
	const pieces: Piece[] = [];
	if (order.length > 1) {
		const leading = main.length === 1 ? LEADING_WITH.exec(sqlCode(main[0].text)) : null;
		pieces.push({ text: leading?.[1] ? 'with recursive' : 'with' });
		order.slice(0, -1).forEach((query, i) => {
			pieces.push({ text: `${ident(query)} as (` }, ...rowsOf(dashboard.queries[query]), { text: i < order.length - 2 || leading ? '),' : ')' });
		});
		if (leading) {
			// The main query's own WITH continues the list: its keyword becomes blanks, its lines stay where they were.
			main[0] = { ...main[0], text: ' '.repeat(leading[0].length) + main[0].text.slice(leading[0].length) };
		}
	}
	pieces.push(...main);
	const segments: ComposedQuery['segments'] = [];
	let line = 1;
	for (const piece of pieces) {
		const lines = piece.text.split('\n').length;
		if (piece.query) segments.push({ query: piece.query, from: line, lines });
		line += lines;
	}
	return { sql: pieces.map((p) => p.text).join('\n'), segments };
}

/** The query and its own line that a line of the composed SQL came from (null: a line the engine wrote). */
export function sourceLine(composed: ComposedQuery, line: number): { query: string; line: number } | null {
	const segment = composed.segments.find((s) => line >= s.from && line < s.from + s.lines);
	return segment ? { query: segment.query, line: line - segment.from + 1 } : null;
}
