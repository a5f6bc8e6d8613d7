import type { DuckDBConnection } from '@duckdb/node-api';
import type { RelationKinds } from './relation-kinds.ts';
import type { Project } from './types.ts';

/**
 * What a model needs loaded (config `requires`): each entry is a list of source tables of
 * which at least one must hold rows. `requires: [raw.stock_balances]` is [["raw.stock_balances"]];
 * `requires: [{any: [raw.crm_deals, raw.accounting_sales]}]` is one entry with two tables.
 */
export type DataRequirements = string[][];

/** Reads `requires` as written in YAML or config(): a table, a list of tables, or {any: [...]}, per entry. */
export function parseRequirements(value: unknown): { requires: DataRequirements; errors: string[] } {
	if (value === undefined || value === null) return { requires: [], errors: [] };
	const entries = Array.isArray(value) ? value : [value];
	const errors: string[] = [];
	const requires: DataRequirements = [];
	for (const entry of entries) {
		const group = typeof entry === 'string' ? [entry] : Array.isArray(entry) ? entry : (entry as { any?: unknown })?.any;
		if (!Array.isArray(group) || group.length === 0 || group.some((t) => typeof t !== 'string' || !/^[^.\s]+\.[^.\s]+$/.test(t))) {
			errors.push(`requires entry ${JSON.stringify(entry)} must be a source table such as raw.stock_balances, or {any: [raw.crm_deals, raw.accounting_sales]}`);
			continue;
		}
		requires.push(group as string[]);
	}
	return { requires, errors };
}

/**
 * Answers "does this source table hold rows?" once per build: a table never created
 * (nothing loaded, no ingest job) counts as empty.
 */
export class SourceRows {
	private readonly known = new Map<string, boolean>();

	constructor(
		private readonly connection: DuckDBConnection,
		private readonly project: Project,
		private readonly kinds: RelationKinds
	) {}

	async has(key: string): Promise<boolean> {
		const cached = this.known.get(key);
		if (cached !== undefined) return cached;
		const source = this.project.sources.get(key)!;
		let found = false;
		if (this.kinds.has(`${source.schema}.${source.identifier}`)) {
			const reader = await this.connection.runAndReadAll(`select exists (select 1 from ${source.relation}) as found`);
			found = reader.getRows()[0][0] === true;
		}
		this.known.set(key, found);
		return found;
	}

	/** The source tables of the first unmet entry (every table of it is empty), or null when all are met. */
	async unmet(requires: DataRequirements): Promise<string[] | null> {
		for (const group of requires) {
			let met = false;
			for (const key of group) if ((met = await this.has(key))) break;
			if (!met) return group;
		}
		return null;
	}
}

/** "no data loaded: raw.stock_balances is empty", with the source family's words when the caller knows them. */
export function missingDataMessage(tables: string[], label?: (table: string) => string | null): string {
	const families = [...new Set(tables.map((t) => label?.(t) ?? null).filter((l): l is string => !!l))];
	const what = families.length ? `no ${families.join(' or ')} exports loaded` : 'no data loaded';
	const empty = tables.length === 1 ? `${tables[0]} is empty` : `${tables.join(', ')} are all empty`;
	return `${what}: ${empty}`;
}
