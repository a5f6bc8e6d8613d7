import type { DuckDBConnection } from '@duckdb/node-api';
import type { Params, Row } from '../warehouse/index.ts';
import type { MacroDefinition } from './macros.ts';

export type Materialization = 'view' | 'table' | 'incremental';
export type Severity = 'error' | 'warn';

export interface ModelConfig {
	materialized: Materialization;
	schema: string;
	/** Columns that identify a row of an incremental model: new rows replace old ones with the same key. */
	uniqueKey: string[];
	tags: string[];
	/**
	 * Source tables that must hold rows for the model to mean anything (each entry: any of its
	 * tables). Unmet, the model is published empty and reported as skipped for missing data.
	 */
	requires: string[][];
	/**
	 * Publish guard (publish-guard.ts): a build that grows the model too much over its published
	 * version, or adds too many rows matching `junk` (a SQL condition on its rows), is held for an
	 * admin's confirmation. null: not guarded.
	 */
	guard: { junk: string | null } | null;
}

export interface ColumnDoc {
	name: string;
	description: string;
	/** Declared type (YAML data_type), shown when the relation is not built yet. */
	dataType?: string;
}

/** A raw table declared under `sources:` in YAML, used with {{ source('raw', 'crm_deals') }}. */
export interface SourceTable {
	source: string;
	name: string;
	schema: string;
	identifier: string;
	relation: string;
	description: string;
	columns: ColumnDoc[];
	file: string;
}

export interface ModelNode {
	name: string;
	kind: 'sql' | 'ts';
	/** Absolute path of the model file. */
	file: string;
	/** Path relative to the project root, e.g. models/marts/finance/receivables.sql. */
	path: string;
	/** Template text (SQL models). */
	template?: string;
	definition?: TsModelDefinition;
	config: ModelConfig;
	relation: string;
	description: string;
	columns: ColumnDoc[];
	/** Models this one reads (ref), in first-use order. */
	parents: string[];
	/** Source tables this one reads, as "source.table". */
	sources: string[];
	/** YAML file that describes the model, if any. */
	yamlFile?: string;
}

export interface TestNode {
	/** Unique test name as recorded in audit.test_results, dbt-style: unique_dim_customer_customer_id. */
	name: string;
	/** not_null, unique, ..., or "singular". */
	type: string;
	/**
	 * The model the test is about (for singular tests: the last model it reads in build
	 * order; for source tests "source:shop.orders").
	 */
	model: string;
	/** Set on tests of a source table ("shop.orders"): they run before the models that read it. */
	source?: string;
	column?: string;
	severity: Severity;
	/** Every model the test reads; it runs once all of them are built. */
	dependsOn: string[];
	sources: string[];
	/** Compiled SQL returning the failing rows (generic tests); singular tests render theirs at build. */
	sql?: string;
	template?: string;
	file: string;
}

export interface Project {
	root: string;
	modelsDir: string;
	vars: Record<string, unknown>;
	models: Map<string, ModelNode>;
	sources: Map<string, SourceTable>;
	tests: TestNode[];
	/** SQL macros of models/macros, created by each build before the models. */
	macros: MacroDefinition[];
	/** Every model in dependency order (stable: ties by path). */
	order: string[];
	children: Map<string, string[]>;
}

export type RowInput = Record<string, unknown> | readonly unknown[];

/** What a TypeScript model's run() receives. */
export interface ModelContext {
	/** The model's own relation, e.g. "marts"."customer_ltv". */
	readonly this: string;
	readonly name: string;
	/** The relation of a model listed in `refs`. */
	ref(name: string): string;
	/** The relation of a source table listed in `sources`. */
	source(source: string, table: string): string;
	/** A project variable (oborot.yml vars, --vars); without a default a missing one is an error. */
	var<T = unknown>(name: string, defaultValue?: T): T;
	/** True when an incremental model adds to its existing table (not a first build, not --full-refresh). */
	isIncremental(): boolean;
	/** The build transaction's connection: everything written through it is published atomically. */
	readonly connection: DuckDBConnection;
	/** Rows of a query as plain values (numbers, ISO date strings). */
	query<T = Row>(sql: string, params?: Params): Promise<T[]>;
	/**
	 * Writes the model's output in bulk through DuckDB's appender. `columns` maps each
	 * column to its SQL type in order; rows are objects keyed by column or arrays in
	 * column order. Returns the number of rows written.
	 */
	createTable(columns: Record<string, string>, rows: Iterable<RowInput> | AsyncIterable<RowInput>): Promise<number>;
}

export interface TsModelConfig {
	materialized?: 'table' | 'incremental';
	schema?: string;
	unique_key?: string | string[];
	tags?: string[];
	/** As YAML `requires`: ['raw.stock_balances'], [{ any: ['raw.crm_deals', 'raw.accounting_sales'] }]. */
	requires?: (string | string[] | { any: string[] })[];
}

export interface TsModelDefinition {
	/** Models this one reads: the graph edges, like ref() in SQL. */
	refs: string[];
	/** Source tables this one reads, as "raw.crm_deals" or ["raw", "crm_deals"]. */
	sources?: (string | [string, string])[];
	config?: TsModelConfig;
	run(ctx: ModelContext): Promise<void>;
}
