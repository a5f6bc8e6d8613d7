import { parseRequirements } from './data-requirements.ts';
import type { Materialization, ModelConfig } from './types.ts';

/** Where a model lands and how, by its folder: dbt projects set this in dbt_project.yml. */
const FOLDER_DEFAULTS: Record<string, { schema: string; materialized: Materialization }> = {
	staging: { schema: 'staging', materialized: 'view' },
	intermediate: { schema: 'intermediate', materialized: 'table' },
	marts: { schema: 'marts', materialized: 'table' }
};

const MATERIALIZATIONS = new Set<Materialization>(['view', 'table', 'incremental']);
const KNOWN_KEYS = new Set(['materialized', 'schema', 'unique_key', 'tags', 'requires', 'enabled', 'severity', 'description', 'guard']);

/** `guard: true`, or `guard: { junk: "<SQL condition on the model's rows>" }`. */
function parseGuard(value: unknown): { guard: ModelConfig['guard']; errors: string[] } {
	if (value === undefined || value === null || value === false) return { guard: null, errors: [] };
	if (value === true) return { guard: { junk: null }, errors: [] };
	const junk = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).junk : undefined;
	if (typeof junk === 'string' && junk.trim() && Object.keys(value as object).every((k) => k === 'junk')) return { guard: { junk: junk.trim() }, errors: [] };
	return { guard: null, errors: ['guard must be true or { junk: "<SQL condition on the model\'s rows>" }'] };
}

/** `relativePath` is relative to models/, e.g. "marts/finance/receivables.sql". */
export function folderDefaults(relativePath: string): { schema: string; materialized: Materialization } {
	const top = relativePath.split(/[\\/]/)[0];
	return FOLDER_DEFAULTS[top] ?? FOLDER_DEFAULTS.marts;
}

/** dbt passes keyword arguments; nunjucks marks them with __keywords. */
export function keywordArgs(args: unknown[]): Record<string, unknown> {
	const last = args.at(-1);
	if (last && typeof last === 'object' && (last as Record<string, unknown>).__keywords) {
		const { __keywords: _ignored, ...rest } = last as Record<string, unknown>;
		return rest;
	}
	if (args.length === 1 && last && typeof last === 'object' && !Array.isArray(last)) return { ...(last as object) };
	return {};
}

function asList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/**
 * Folder defaults, then YAML `config:`, then the model's own config() call — the
 * order dbt applies them. Returns the config or a list of what is wrong.
 */
export function resolveConfig(
	relativePath: string,
	layers: Record<string, unknown>[]
): { config: ModelConfig; enabled: boolean; errors: string[] } {
	const merged: Record<string, unknown> = {};
	const tags: string[] = [];
	for (const layer of layers) {
		for (const [key, value] of Object.entries(layer)) {
			if (key === 'tags') tags.push(...asList(value));
			else if (value !== undefined) merged[key] = value;
		}
	}
	const errors: string[] = [];
	for (const key of Object.keys(merged)) {
		if (!KNOWN_KEYS.has(key)) errors.push(`unknown config «${key}» (known: ${[...KNOWN_KEYS].join(', ')})`);
	}
	const defaults = folderDefaults(relativePath);
	const materialized = String(merged.materialized ?? defaults.materialized) as Materialization;
	if (!MATERIALIZATIONS.has(materialized)) {
		errors.push(`materialized «${materialized}» must be one of ${[...MATERIALIZATIONS].join(', ')}`);
	}
	const schema = String(merged.schema ?? defaults.schema);
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) errors.push(`schema «${schema}» must be a plain identifier`);
	const uniqueKey = asList(merged.unique_key);
	const { requires, errors: requireErrors } = parseRequirements(merged.requires);
	errors.push(...requireErrors);
	const { guard, errors: guardErrors } = parseGuard(merged.guard);
	errors.push(...guardErrors);
	return {
		config: { materialized, schema, uniqueKey, tags: [...new Set(tags)], requires, guard },
		enabled: merged.enabled !== false,
		errors
	};
}
