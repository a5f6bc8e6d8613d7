import type { DuckDBConnection } from '@duckdb/node-api';
import { plainValueConverter, type Row } from '../warehouse/index.ts';
import { appendRows, createEmptyTable } from './append-rows.ts';
import { sourceKey } from './define-model.ts';
import type { ModelContext, ModelNode, Project } from './types.ts';

export interface TsRunState {
	/** Rows written by createTable, or null when the model never called it. */
	rows: number | null;
}

/**
 * The ctx a TypeScript model's run() gets. `target` is where createTable writes: the
 * model's own table, or a scratch table an incremental model's new rows are merged from;
 * `empty` makes createTable write the columns and no rows.
 */
export function tsModelContext(
	project: Project,
	node: ModelNode,
	connection: DuckDBConnection,
	options: { vars: Record<string, unknown>; incremental: boolean; target: { schema: string; table: string }; empty?: boolean },
	state: TsRunState
): ModelContext {
	const refs = new Set(node.parents);
	const sources = new Set((node.definition?.sources ?? []).map(sourceKey));
	return {
		this: node.relation,
		name: node.name,
		connection,
		ref(name) {
			if (!refs.has(name)) throw new Error(`model «${node.name}» reads «${name}» but does not list it in refs: add it so the graph builds it first`);
			return project.models.get(name)!.relation;
		},
		source(source, table) {
			const key = `${source}.${table}`;
			if (!sources.has(key)) throw new Error(`model «${node.name}» reads source «${key}» but does not list it in sources`);
			return project.sources.get(key)!.relation;
		},
		var<T>(name: string, ...fallback: [T?]): T {
			if (Object.hasOwn(options.vars, name)) return options.vars[name] as T;
			if (fallback.length) return fallback[0] as T;
			throw new Error(`variable «${name}» used by model «${node.name}» is not set: add it under vars: in oborot.yml or pass --vars`);
		},
		isIncremental: () => options.incremental,
		async query<T = Row>(sql: string, params?: Parameters<DuckDBConnection['runAndReadAll']>[1]) {
			const reader = await connection.runAndReadAll(sql, params);
			return reader.convertRowObjects(plainValueConverter) as T[];
		},
		async createTable(columns, rows) {
			if (state.rows !== null) throw new Error(`model «${node.name}» called createTable twice`);
			await createEmptyTable(connection, options.target.schema, options.target.table, columns);
			// Without its required data the model publishes its columns only: the rows are never read.
			state.rows = options.empty ? 0 : await appendRows(connection, options.target.schema, options.target.table, columns, rows);
			return state.rows;
		}
	};
}
