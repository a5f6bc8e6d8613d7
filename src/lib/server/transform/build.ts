import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/index.ts';
import { finishBuild, startBuild } from './audit.ts';
import type { BuildEvent, BuildOptions, BuildResult, ModelRun, TestRun } from './build-types.ts';
import { descendants } from './graph.ts';
import { materialize, relationKinds } from './materialize.ts';
import { runTest } from './run-tests.ts';
import { selectModels } from './select.ts';
import type { Project, TestNode } from './types.ts';

interface Plan {
	models: string[];
	/** Tests to run right after each model (when the last model they read is built). */
	testsAfter: Map<string, TestNode[]>;
	/** Tests of source tables: run before the models. */
	testsBefore: TestNode[];
	/** Singular tests that read only sources: run after all models. */
	testsAtEnd: TestNode[];
	/** Unselected models the selected models read as they are (model → who needs it). */
	upstream: Map<string, string>;
	/** Unselected models a test reads besides its selected ones (a relationships target). */
	testUpstream: Map<string, string[]>;
}

/** dbt's "eager" test selection: a test runs when any model it reads is built. */
function plan(project: Project, models: string[], wholeProject: boolean): Plan {
	const selected = new Set(models);
	const position = new Map(models.map((name, i) => [name, i]));
	const testsAfter = new Map<string, TestNode[]>();
	const testsAtEnd: TestNode[] = [];
	const testsBefore: TestNode[] = [];
	const upstream = new Map<string, string>();
	const testUpstream = new Map<string, string[]>();
	for (const name of models) {
		for (const parent of project.models.get(name)!.parents) {
			if (!selected.has(parent) && !upstream.has(parent)) upstream.set(parent, `model «${name}»`);
		}
	}
	const readers = new Set(models.flatMap((name) => project.models.get(name)!.sources));
	for (const test of project.tests) {
		const built = test.dependsOn.filter((m) => selected.has(m));
		if (test.source && test.dependsOn.length === 0) {
			// Raw data is checked before any model reads it.
			if (wholeProject || readers.has(test.source)) testsBefore.push(test);
			continue;
		}
		if (built.length === 0) {
			if (test.dependsOn.length === 0 && wholeProject) testsAtEnd.push(test);
			continue;
		}
		const others = test.dependsOn.filter((m) => !selected.has(m));
		if (others.length) testUpstream.set(test.name, others);
		const last = built.sort((a, b) => position.get(a)! - position.get(b)!).at(-1)!;
		testsAfter.set(last, [...(testsAfter.get(last) ?? []), test]);
	}
	return { models, testsBefore, testsAfter, testsAtEnd, upstream, testUpstream };
}

function summarize(models: ModelRun[], tests: TestRun[]) {
	return {
		modelsOk: models.filter((m) => m.status === 'success').length,
		modelsFailed: models.filter((m) => m.status === 'error').length,
		modelsSkipped: models.filter((m) => m.status === 'skipped').length,
		testsPassed: tests.filter((t) => t.status === 'pass').length,
		testsWarned: tests.filter((t) => t.status === 'warn').length,
		testsFailed: tests.filter((t) => t.status === 'fail' || t.status === 'error').length,
		testsSkipped: tests.filter((t) => t.status === 'skipped').length
	};
}

class BuildRun {
	readonly models: ModelRun[] = [];
	readonly tests: TestRun[] = [];
	readonly problems: string[] = [];
	private readonly skip = new Map<string, string>();
	private readonly testSkips = new Map<string, string>();

	constructor(
		private readonly project: Project,
		private readonly plan: Plan,
		private readonly options: BuildOptions & { vars: Record<string, unknown> },
		private readonly emit: (event: BuildEvent) => Promise<void>
	) {}

	/** Runs models and tests in the open transaction; false when the transaction must be rolled back. */
	async execute(connection: DuckDBConnection): Promise<boolean> {
		const kinds = await relationKinds(connection);
		const missing = [...this.plan.upstream].filter(([name]) => {
			const model = this.project.models.get(name)!;
			return !kinds.has(`${model.config.schema}.${name}`);
		});
		if (missing.length) {
			const list = missing.map(([name, by]) => `«${name}» (needed by ${by})`).join(', ');
			this.problems.push(`not selected and never built: ${list}. Select them too, e.g. --select +${this.plan.models[0]}`);
			this.skipRest(0, 'upstream model not built');
			return false;
		}
		// A test that also reads an unselected model that was never built cannot run: skipped, not failed.
		for (const [test, others] of this.plan.testUpstream) {
			const unbuilt = others.filter((name) => !kinds.has(`${this.project.models.get(name)!.config.schema}.${name}`));
			if (unbuilt.length) this.testSkips.set(test, `skipped: it also reads ${unbuilt.map((n) => `«${n}»`).join(', ')}, which is not selected and was never built`);
		}
		if (!(await this.runTests(connection, this.plan.testsBefore))) {
			this.skipRest(0, 'skipped: a test query failed');
			return false;
		}
		const total = this.plan.models.length;
		for (let index = 0; index < total; index++) {
			const name = this.plan.models[index];
			const node = this.project.models.get(name)!;
			const skipWhy = this.skip.get(name);
			if (skipWhy) {
				await this.record(index, { ...this.blank(name), message: skipWhy });
				continue;
			}
			await this.emit({ type: 'model-start', index: index + 1, total, model: name });
			const started = performance.now();
			let done;
			try {
				done = await materialize(connection, this.project, node, { vars: this.options.vars, fullRefresh: !!this.options.fullRefresh, kinds });
			} catch (error) {
				const message = `model «${name}» (${node.path}) failed: ${(error as Error).message}`;
				this.problems.push(message);
				await this.record(index, { ...this.blank(name), status: 'error', message, seconds: elapsed(started) });
				// DuckDB aborts the transaction on an error: nothing more can run in it.
				this.skipRest(index + 1, `skipped: «${name}» failed`);
				return false;
			}
			await this.record(index, { ...this.blank(name), status: 'success', rows: done.rows, message: done.message, sql: done.sql, seconds: elapsed(started) });
			if (!(await this.runTests(connection, this.plan.testsAfter.get(name) ?? []))) {
				this.skipRest(index + 1, 'skipped: a test query failed');
				return false;
			}
		}
		if (!(await this.runTests(connection, this.plan.testsAtEnd))) return false;
		return this.problems.length === 0;
	}

	private blank(name: string): ModelRun {
		const node = this.project.models.get(name)!;
		return { model: name, path: node.path, relation: node.relation, materialized: node.config.materialized, status: 'skipped', rows: null, seconds: 0 };
	}

	private async record(index: number, run: ModelRun): Promise<void> {
		this.models.push(run);
		await this.emit({ type: 'model-done', index: index + 1, total: this.plan.models.length, run });
	}

	/** Models after a fatal error are not run; they are reported as skipped. */
	private skipRest(from: number, why: string): void {
		for (const name of this.plan.models.slice(from)) if (!this.skip.has(name)) this.skip.set(name, why);
		for (const name of this.plan.models.slice(from)) this.models.push({ ...this.blank(name), message: this.skip.get(name) });
	}

	/** Models built on what a failed test checked: a model's descendants, or a source's readers and theirs. */
	private downstreamOf(test: TestNode): string[] {
		if (!test.source) return [...descendants(test.model, this.project.children)];
		const readers = [...this.project.models.values()].filter((m) => m.sources.includes(test.source!)).map((m) => m.name);
		return [...new Set(readers.flatMap((name) => [name, ...descendants(name, this.project.children)]))];
	}

	/** False when a test query errored (the transaction is then aborted). */
	private async runTests(connection: DuckDBConnection, tests: TestNode[]): Promise<boolean> {
		for (const test of tests) {
			const blocked = test.dependsOn.find((m) => this.skip.has(m));
			const skipped = blocked ? `skipped: «${blocked}» was not built` : this.testSkips.get(test.name);
			if (skipped) {
				const run: TestRun = { name: test.name, type: test.type, model: test.model, column: test.column, severity: test.severity, status: 'skipped', failures: 0, sample: [], sql: test.sql ?? '', seconds: 0, message: skipped };
				this.tests.push(run);
				await this.emit({ type: 'test-done', run });
				continue;
			}
			const run = await runTest(connection, this.project, test, this.options.vars);
			this.tests.push(run);
			await this.emit({ type: 'test-done', run });
			if (run.status === 'fail' || run.status === 'error') {
				this.problems.push(run.message!);
				// What is built on a failed model is not built on top of it (dbt build does the same).
				for (const child of this.downstreamOf(test)) this.skip.set(child, `skipped: test «${test.name}» failed upstream`);
			}
			if (run.status === 'error') return false;
		}
		return true;
	}
}

const elapsed = (started: number) => (performance.now() - started) / 1000;

/**
 * Builds the selected models in one DuckDB transaction: every model in dependency
 * order, each followed by its tests. Any model error or error-level test failure rolls
 * the whole build back, so every schema users read stays exactly as it was; otherwise
 * the build commits at once. The run is logged in audit.* either way.
 */
export async function buildProject(warehouse: Warehouse, project: Project, options: BuildOptions = {}): Promise<BuildResult> {
	const started = performance.now();
	const models = selectModels(project, options.select, options.exclude);
	const wholeProject = !options.select?.some((s) => s.trim()) && !options.exclude?.some((s) => s.trim());
	const work = plan(project, models, wholeProject);
	const selector = wholeProject ? null : [...(options.select ?? []), ...(options.exclude ?? []).map((e) => `--exclude ${e}`)].join(' ');
	const emit = async (event: BuildEvent) => {
		await options.onProgress?.(event);
	};
	await options.beforeBuild?.(warehouse);
	const buildId = await startBuild(warehouse, selector, models.length, options.triggeredBy ?? null);
	const testCount = work.testsBefore.length + work.testsAtEnd.length + [...work.testsAfter.values()].reduce((n, list) => n + list.length, 0);
	await emit({ type: 'start', buildId, models, tests: testCount });

	const run = new BuildRun(project, work, { ...options, vars: { ...project.vars, ...options.vars } }, emit);
	let committed = false;
	try {
		committed = await warehouse.withConnection(async (connection) => {
			await connection.run('begin transaction');
			let ok = false;
			try {
				ok = await run.execute(connection);
			} finally {
				if (!ok) await connection.run('rollback').catch(() => undefined);
			}
			if (!ok) return false;
			try {
				await connection.run('commit');
				return true;
			} catch (error) {
				run.problems.push(`the build could not be published (commit failed): ${(error as Error).message}`);
				await connection.run('rollback').catch(() => undefined);
				return false;
			}
		});
	} catch (error) {
		run.problems.push(`the build stopped: ${(error as Error).message}`);
	}
	const result: BuildResult = {
		buildId,
		status: committed ? 'success' : 'failed',
		committed,
		selector,
		models: run.models,
		tests: run.tests,
		summary: summarize(run.models, run.tests),
		seconds: elapsed(started),
		message: committed ? undefined : `${run.problems.join('\n')}\nNothing was published: the warehouse is as it was before this build.`
	};
	await finishBuild(warehouse, result);
	await emit({ type: 'finish', result });
	return result;
}
