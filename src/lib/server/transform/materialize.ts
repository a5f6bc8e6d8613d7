import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent } from '../warehouse/index.ts';
import { TemplateCallError, callPattern } from './errors.ts';
import type { RelationKinds } from './relation-kinds.ts';
import { renderTemplate } from './render.ts';
import { tsModelContext, type TsRunState } from './ts-context.ts';
import type { ModelNode, Project } from './types.ts';

// Kept in relation-kinds.ts: data-requirements, which render.ts reaches, reads it without importing this module.
export { relationKinds, type RelationKinds } from './relation-kinds.ts';

export interface MaterializeOptions {
	vars: Record<string, unknown>;
	fullRefresh: boolean;
	kinds: RelationKinds;
	/** Publish the model's columns with no rows: the data it requires is not loaded. */
	empty?: boolean;
}

export interface Materialized {
	rows: number | null;
	message?: string;
	sql?: string;
}

/** A model file may end with a semicolon; the SQL is wrapped in create/insert statements. */
function statementBody(sql: string): string {
	return sql.trim().replace(/;\s*$/, '');
}

/** The SQL of a model for this build: refs resolve to relations, is_incremental() to the real answer. */
export function compileModel(project: Project, node: ModelNode, vars: Record<string, unknown>, incremental: boolean): string {
	const known = new Set(node.parents);
	return statementBody(
		renderTemplate(node.template ?? '', node.path, {
			ref(name) {
				if (!known.has(name)) {
					throw new TemplateCallError(
						`ref «${name}» appears only in a branch the parse pass did not take, so the graph does not know it: add "-- depends_on: {{ ref('${name}') }}" at the top of the model`,
						callPattern('ref', name)
					);
				}
				return project.models.get(name)!.relation;
			},
			source: (source, table) => project.sources.get(`${source}.${table}`)!.relation,
			config: () => undefined,
			vars,
			isIncremental: incremental,
			self: node.relation,
			owner: `model «${node.name}»`
		})
	);
}

async function count(connection: DuckDBConnection, relation: string): Promise<number> {
	const reader = await connection.runAndReadAll(`select count(*) as n from ${relation}`);
	return Number(reader.getRows()[0][0]);
}

/** Deletes the rows the new ones replace (unique_key), then inserts the new rows by column name. */
async function mergeInto(connection: DuckDBConnection, node: ModelNode, scratch: string): Promise<string> {
	let replaced = 0;
	if (node.config.uniqueKey.length) {
		const on = node.config.uniqueKey.map((k) => `target.${quoteIdent(k)} = fresh.${quoteIdent(k)}`).join(' and ');
		const deleted = await connection.run(`delete from ${node.relation} as target using ${scratch} as fresh where ${on}`);
		replaced = Number(deleted.rowsChanged);
	}
	const inserted = await connection.run(`insert into ${node.relation} by name select * from ${scratch}`);
	await connection.run(`drop table ${scratch}`);
	const added = Number(inserted.rowsChanged) - replaced;
	return `${added} new, ${replaced} replaced`;
}

/**
 * True when the model adds to its existing table (an incremental build) instead of being
 * built anew under a free name: such a change is undone only by rolling the transaction back.
 */
export function mergesInPlace(node: ModelNode, options: MaterializeOptions): boolean {
	return node.config.materialized === 'incremental' && !options.fullRefresh && !options.empty && options.kinds.get(`${node.config.schema}.${node.name}`) === 'BASE TABLE';
}

/**
 * Builds one model inside the build transaction. Unless it merges in place, the caller has
 * freed the model's name first (Asides.setAside), so the new version is created, not replaced.
 */
export async function materialize(connection: DuckDBConnection, project: Project, node: ModelNode, options: MaterializeOptions): Promise<Materialized> {
	await connection.run(`create schema if not exists ${quoteIdent(node.config.schema)}`);
	const key = `${node.config.schema}.${node.name}`;
	const incremental = mergesInPlace(node, options);
	const scratchName = `__oborot_new_${node.name}`;
	const scratch = qualified(node.config.schema, scratchName);

	if (node.kind === 'ts') {
		const state: TsRunState = { rows: null };
		const target = { schema: node.config.schema, table: incremental ? scratchName : node.name };
		await node.definition!.run(tsModelContext(project, node, connection, { vars: options.vars, incremental, target, empty: !!options.empty }, state));
		if (state.rows === null) throw new Error(`model «${node.name}» did not write its table: call ctx.createTable(columns, rows) in run()`);
		if (!incremental) {
			options.kinds.set(key, 'BASE TABLE');
			return { rows: state.rows };
		}
		const message = await mergeInto(connection, node, scratch);
		return { rows: await count(connection, node.relation), message };
	}

	const compiled = compileModel(project, node, options.vars, incremental);
	const sql = options.empty ? `select * from (${compiled}\n) as no_data limit 0` : compiled;
	if (node.config.materialized === 'view') {
		await connection.run(`create or replace view ${node.relation} as (${sql}\n)`);
		options.kinds.set(key, 'VIEW');
		return { rows: null, sql };
	}
	if (incremental) {
		await connection.run(`create or replace table ${scratch} as (${sql}\n)`);
		const message = await mergeInto(connection, node, scratch);
		return { rows: await count(connection, node.relation), message, sql };
	}
	const reader = await connection.runAndReadAll(`create or replace table ${node.relation} as (${sql}\n)`);
	options.kinds.set(key, 'BASE TABLE');
	return { rows: Number(reader.getRows()[0]?.[0] ?? 0), sql };
}
