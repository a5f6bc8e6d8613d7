import type { Warehouse } from '../warehouse/index.ts';
import type { ModelStateName, StateCause } from '../../dashboards/contract.ts';
import type { Materialization, Severity } from './types.ts';

export interface ModelRun {
	model: string;
	path: string;
	relation: string;
	materialized: Materialization;
	/**
	 * success: published; no_data: published empty, its required data is not loaded; error: the
	 * model or one of its error-level tests failed; skipped: not built because something it is
	 * built on failed. error and skipped models keep their previous version (if any).
	 */
	status: 'success' | 'error' | 'skipped' | 'no_data';
	/** Rows in the table afterwards (views: null). */
	rows: number | null;
	seconds: number;
	message?: string;
	/** Why the model is not current after this build (error, skipped, no_data). */
	cause?: StateCause;
	/** Its state once the build committed: current, no_data, stale (kept its previous version) or never_built. */
	state?: ModelStateName;
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
	/** A skipped test's model that failed, was held back or has no data (its own line says why). */
	blockedBy?: string;
	sql: string;
	seconds: number;
}

export interface BuildSummary {
	/** Published with new data. */
	modelsOk: number;
	/** Published empty: the data they require is not loaded. */
	modelsNoData: number;
	modelsFailed: number;
	modelsSkipped: number;
	testsPassed: number;
	testsWarned: number;
	testsFailed: number;
	testsSkipped: number;
}

export interface BuildResult {
	buildId: number;
	/**
	 * success: every model published (or published empty for missing data), warnings allowed;
	 * partial: committed, but some models or error-level tests failed — those models and what is
	 * built on them kept their previous version; failed: nothing was published.
	 */
	status: 'success' | 'partial' | 'failed';
	committed: boolean;
	selector: string | null;
	models: ModelRun[];
	tests: TestRun[];
	summary: BuildSummary;
	seconds: number;
	/** What failed: the model and its error, or the failing tests with rows; and what kept its previous version. */
	message?: string;
}

export type BuildEvent =
	| { type: 'start'; buildId: number; models: string[]; tests: number }
	| { type: 'model-start'; index: number; total: number; model: string }
	| { type: 'model-done'; index: number; total: number; run: ModelRun }
	| { type: 'test-done'; run: TestRun }
	/** Models built in this build that went back to their previous version because a test failed. */
	| { type: 'models-reverted'; models: string[]; because: string }
	/** A runtime error aborted the transaction: it is rolled back and run again without the failed model. */
	| { type: 'restart'; attempt: number; because: string }
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
	/** Words for what a source table comes from, for "no stock exports loaded: raw.stock_balances is empty". */
	sourceLabel?: (table: string) => string | null;
	/** Guarded models an admin confirmed, with the rows confirmed: up to that many they publish (publish-guard.ts). */
	allowGrowth?: Record<string, number>;
}
