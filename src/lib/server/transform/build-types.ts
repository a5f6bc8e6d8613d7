import type { Warehouse } from '../warehouse/index.ts';
import type { Materialization, Severity } from './types.ts';

export interface ModelRun {
	model: string;
	path: string;
	relation: string;
	materialized: Materialization;
	status: 'success' | 'error' | 'skipped';
	/** Rows in the table afterwards (views: null). */
	rows: number | null;
	seconds: number;
	message?: string;
	/** The SQL that ran (SQL models). */
	sql?: string;
}

export interface TestRun {
	name: string;
	type: string;
	model: string;
	column?: string;
	severity: Severity;
	/** pass; warn = failed at warn severity; fail = failed at error severity; error = the test query itself failed. */
	status: 'pass' | 'warn' | 'fail' | 'error' | 'skipped';
	failures: number;
	/** Up to 5 failing rows. */
	sample: Record<string, unknown>[];
	message?: string;
	sql: string;
	seconds: number;
}

export interface BuildSummary {
	modelsOk: number;
	modelsFailed: number;
	modelsSkipped: number;
	testsPassed: number;
	testsWarned: number;
	testsFailed: number;
	testsSkipped: number;
}

export interface BuildResult {
	buildId: number;
	/** success: committed (warnings allowed); failed: rolled back, users still see the previous build. */
	status: 'success' | 'failed';
	committed: boolean;
	selector: string | null;
	models: ModelRun[];
	tests: TestRun[];
	summary: BuildSummary;
	seconds: number;
	/** Why the build failed: the model and its error, or the failing tests with rows. */
	message?: string;
}

export type BuildEvent =
	| { type: 'start'; buildId: number; models: string[]; tests: number }
	| { type: 'model-start'; index: number; total: number; model: string }
	| { type: 'model-done'; index: number; total: number; run: ModelRun }
	| { type: 'test-done'; run: TestRun }
	| { type: 'finish'; result: BuildResult };

export interface BuildOptions {
	/** dbt-style selectors: ["stg_crm__deals+"], ["+fct_sales", "tag:nightly"]. */
	select?: string[];
	exclude?: string[];
	/** Rebuild incremental models from scratch. */
	fullRefresh?: boolean;
	/** Overrides of the project's vars for this build. */
	vars?: Record<string, unknown>;
	/** Called as the build goes; awaited, so a slow listener slows the build. */
	onProgress?: (event: BuildEvent) => void | Promise<void>;
	/** Recorded in audit.builds: the user, "schedule", "cli:<os user>". */
	triggeredBy?: string;
	/** Runs before the build transaction, e.g. creating empty raw tables so views can bind. */
	beforeBuild?: (warehouse: Warehouse) => Promise<void>;
}
