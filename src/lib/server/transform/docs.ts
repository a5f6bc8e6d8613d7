import type { Warehouse } from '../warehouse/index.ts';
import type { Project } from './types.ts';

export interface ColumnDocs {
	name: string;
	/** The type in the built relation, else the YAML data_type, else null. */
	type: string | null;
	description: string;
	/** false for a column of the built relation that the YAML does not describe. */
	documented: boolean;
	tests: string[];
}

export interface ModelDocs {
	name: string;
	path: string;
	kind: 'sql' | 'ts';
	relation: string;
	schema: string;
	materialized: string;
	tags: string[];
	description: string;
	built: boolean;
	columns: ColumnDocs[];
	/** Tests on the model as a whole (and singular tests about it). */
	tests: string[];
	parents: string[];
	sources: string[];
	children: string[];
	/** The data it needs (config requires): each entry any one of its source tables. */
	requires: string[][];
}

export interface SourceDocs {
	name: string;
	relation: string;
	description: string;
	columns: ColumnDocs[];
	/** Models reading the source directly. */
	children: string[];
}

export interface ProjectDocs {
	models: ModelDocs[];
	sources: SourceDocs[];
}

type BuiltColumns = Map<string, { name: string; type: string }[]>;

async function builtColumns(warehouse: Warehouse | undefined): Promise<BuiltColumns> {
	const columns: BuiltColumns = new Map();
	if (!warehouse) return columns;
	const rows = await warehouse.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
		`select table_schema, table_name, column_name, data_type from information_schema.columns
		 where table_catalog = current_database() order by table_schema, table_name, ordinal_position`
	);
	for (const row of rows) {
		const key = `${row.table_schema}.${row.table_name}`;
		columns.set(key, [...(columns.get(key) ?? []), { name: row.column_name, type: row.data_type }]);
	}
	return columns;
}

/** Documented columns first (YAML order), then built columns the YAML does not mention. */
function mergeColumns(documented: { name: string; description: string; dataType?: string }[], built: { name: string; type: string }[] | undefined, testsOf: (column: string) => string[]): ColumnDocs[] {
	const types = new Map((built ?? []).map((c) => [c.name.toLowerCase(), c.type]));
	const named = new Set(documented.map((c) => c.name.toLowerCase()));
	return [
		...documented.map((c) => ({ name: c.name, type: types.get(c.name.toLowerCase()) ?? c.dataType ?? null, description: c.description, documented: true, tests: testsOf(c.name) })),
		...(built ?? []).filter((c) => !named.has(c.name.toLowerCase())).map((c) => ({ name: c.name, type: c.type, description: '', documented: false, tests: [] }))
	];
}

/**
 * Everything a reader needs to understand the models: descriptions, columns with
 * types from the warehouse when built, tests and lineage. JSON-ready for a web page.
 */
export async function projectDocs(project: Project, warehouse?: Warehouse): Promise<ProjectDocs> {
	const built = await builtColumns(warehouse);
	const models = project.order.map((name): ModelDocs => {
		const model = project.models.get(name)!;
		const tests = project.tests.filter((t) => t.model === name);
		const columns = built.get(`${model.config.schema}.${name}`);
		return {
			name,
			path: model.path,
			kind: model.kind,
			relation: `${model.config.schema}.${name}`,
			schema: model.config.schema,
			materialized: model.config.materialized,
			tags: model.config.tags,
			description: model.description,
			built: columns !== undefined,
			columns: mergeColumns(model.columns, columns, (column) => tests.filter((t) => t.column === column).map((t) => t.name)),
			tests: tests.filter((t) => !t.column).map((t) => t.name),
			parents: model.parents,
			sources: model.sources,
			children: project.children.get(name) ?? [],
			requires: model.config.requires
		};
	});
	const sources = [...project.sources.entries()].map(([key, source]): SourceDocs => ({
		name: key,
		relation: `${source.schema}.${source.identifier}`,
		description: source.description,
		columns: mergeColumns(source.columns, built.get(`${source.schema}.${source.identifier}`), (column) =>
			project.tests.filter((t) => t.source === key && t.column === column).map((t) => t.name)
		),
		children: [...project.models.values()].filter((m) => m.sources.includes(key)).map((m) => m.name)
	}));
	return { models, sources };
}
