import type { TsModelDefinition } from './types.ts';

/**
 * Declares a TypeScript model (the counterpart of a dbt Python model) for what SQL
 * cannot do, such as a maximum-likelihood fit. The file's default export:
 *
 *   export default defineModel({
 *     refs: ['fct_sales'],
 *     async run(ctx) {
 *       const rows = await ctx.query(`select ... from ${ctx.ref('fct_sales')}`);
 *       await ctx.createTable({ customer_id: 'VARCHAR', value: 'DOUBLE' }, rows.map(...));
 *     }
 *   });
 */
export function defineModel(definition: TsModelDefinition): TsModelDefinition {
	return definition;
}

/** Checks the default export of a model file; returns what is wrong, if anything. */
export function checkDefinition(value: unknown): string | null {
	if (!value || typeof value !== 'object') return 'the file must default-export defineModel({ refs, run })';
	const definition = value as Partial<TsModelDefinition>;
	if (typeof definition.run !== 'function') return 'the model has no run(ctx) function';
	if (!Array.isArray(definition.refs) || definition.refs.some((r) => typeof r !== 'string')) {
		return 'refs must be a list of model names (use [] when the model reads only sources)';
	}
	const sources = definition.sources ?? [];
	if (!Array.isArray(sources)) return 'sources must be a list such as ["raw.crm_deals"]';
	for (const source of sources) {
		const ok = typeof source === 'string' ? /^[^.]+\.[^.]+$/.test(source) : Array.isArray(source) && source.length === 2;
		if (!ok) return `source ${JSON.stringify(source)} must be "source.table" or ["source", "table"]`;
	}
	return null;
}

export function sourceKey(source: string | [string, string]): string {
	return typeof source === 'string' ? source : `${source[0]}.${source[1]}`;
}
