import type { DuckDBConnection } from '@duckdb/node-api';
import { Asides } from './asides.ts';
import type { Plan } from './build-plan.ts';
import type { BuildEvent, BuildOptions, ModelRun, TestRun } from './build-types.ts';
import { missingDataMessage, SourceRows } from './data-requirements.ts';
import { descendants } from './graph.ts';
import { materialize, mergesInPlace, relationKinds, type RelationKinds } from './materialize.ts';
import { causeText, stateAfter, writeModelStates, type StateCause } from './model-state.ts';
import { checkGuard, guardLimits, type GuardHold } from './publish-guard.ts';
import { runTest } from './run-tests.ts';
import type { ModelNode, Project, TestNode } from './types.ts';

/**
 * What aborted the transaction of an earlier attempt (a runtime error, or a failure after an
 * incremental merge, which only a rollback undoes). The next attempt does not run it again:
 * the model keeps its previous version and what is built on it is held back.
 */
export interface PreFailure {
	/** The model that failed (its own error or an error-level test about it). */
	model?: string;
	/** A test that aborted the transaction, when there is no model to hold back (a source test). */
	test?: string;
	/** The model's failed run (a model error). */
	modelRun?: ModelRun;
	/** The failing tests, reported again in the final result. */
	tests: TestRun[];
	cause?: StateCause;
}

export type AttemptOutcome = { kind: 'commit' } | { kind: 'abort' } | { kind: 'restart'; failure: PreFailure; because: string };

export type AttemptOptions = BuildOptions & { vars: Record<string, unknown> };

const elapsed = (started: number) => (performance.now() - started) / 1000;

/** False once a runtime error has aborted the transaction (DuckDB then refuses every statement). */
async function alive(connection: DuckDBConnection): Promise<boolean> {
	try {
		await connection.run('select 1');
		return true;
	} catch {
		return false;
	}
}

/**
 * One pass over the plan in an open transaction. A model that fails (its SQL or TypeScript,
 * or an error-level test about it) goes back to its previous version together with what was
 * already built on it, and its descendants are not built; everything else is. When DuckDB
 * aborts the transaction the attempt asks to be run again without the failed model.
 */
export class BuildAttempt {
	readonly tests: TestRun[] = [];
	readonly problems: string[] = [];
	private readonly runs = new Map<string, ModelRun>();
	/** Models that failed themselves, and models held back because something under them failed. */
	private readonly failed = new Map<string, StateCause>();
	private readonly held = new Map<string, StateCause>();
	private readonly noData = new Set<string>();
	/** Models built in this attempt, in build order. */
	private readonly built: string[] = [];
	private readonly testSkips = new Map<string, string>();
	/** Tests reported from an earlier attempt (they aborted it): not run or reported again. */
	private readonly reported = new Set<string>();
	private kinds: RelationKinds = new Map();
	private asides: Asides | null = null;

	constructor(
		private readonly project: Project,
		private readonly plan: Plan,
		private readonly options: AttemptOptions,
		private readonly emit: (event: BuildEvent) => Promise<void>,
		private readonly preFailed: PreFailure[]
	) {}

	/** Every planned model's run, in build order. */
	get models(): ModelRun[] {
		return this.plan.models.map((name) => this.runs.get(name) ?? { ...this.blank(name), message: 'skipped: the build stopped before it' });
	}

	async execute(connection: DuckDBConnection): Promise<AttemptOutcome> {
		this.kinds = await relationKinds(connection);
		this.asides = new Asides(connection, this.kinds);
		if (!this.upstreamBuilt()) return { kind: 'abort' };
		const sourceRows = new SourceRows(connection, this.project, this.kinds);
		const before = await this.runTests(connection, this.plan.testsBefore);
		if (before) return before;
		for (let index = 0; index < this.plan.models.length; index++) {
			const name = this.plan.models[index];
			const outcome = (await this.buildModel(connection, index, sourceRows)) ?? (await this.runTests(connection, this.plan.testsAfter.get(name) ?? []));
			if (outcome) return outcome;
		}
		return (await this.runTests(connection, this.plan.testsAtEnd)) ?? { kind: 'commit' };
	}

	/** Builds one model (or records why not); a restart outcome when only a rollback undoes its failure. */
	private async buildModel(connection: DuckDBConnection, index: number, sourceRows: SourceRows): Promise<AttemptOutcome | null> {
		const name = this.plan.models[index];
		const node = this.project.models.get(name)!;
		const pre = this.preFailed.find((f) => f.model === name);
		if (pre) {
			await this.failFromEarlierAttempt(index, pre);
			return null;
		}
		// Without its required data a model is published empty even when what it stands on failed:
		// there is nothing in it the failure could have changed.
		const missing = await sourceRows.unmet(node.config.requires);
		const held = this.held.get(name);
		const holdBack = async () => {
			await this.record(index, { ...this.blank(name), message: `skipped: ${causeText(held!)}`, cause: held });
			return null;
		};
		if (held && !missing) return holdBack();
		await this.emit({ type: 'model-start', index: index + 1, total: this.plan.models.length, model: name });
		const started = performance.now();
		const options = { vars: this.options.vars, fullRefresh: !!this.options.fullRefresh, kinds: this.kinds, empty: !!missing };
		const inPlace = mergesInPlace(node, options);
		let done;
		try {
			if (!inPlace) await this.asides!.setAside(node);
			done = await materialize(connection, this.project, node, options);
		} catch (error) {
			const message = `model «${name}» (${node.path}) failed: ${(error as Error).message}`;
			const cause: StateCause = { kind: 'model_error', model: name, message: (error as Error).message };
			const run: ModelRun = { ...this.blank(name), status: 'error', message, seconds: elapsed(started), cause };
			if (inPlace || !(await alive(connection))) return { kind: 'restart', failure: { model: name, modelRun: run, tests: [], cause }, because: message };
			await this.asides!.restore(node);
			if (held) return holdBack();
			this.problems.push(message);
			await this.record(index, run);
			this.markFailed(name, cause);
			return null;
		}
		const hold = missing ? null : await this.guarded(connection, node);
		if (hold) {
			// held like a failed test: the published version goes back under the name, what stands on it waits
			await this.asides!.restore(node);
			const cause: StateCause = { kind: 'held', model: name, ...hold };
			this.problems.push(hold.message);
			await this.record(index, { ...this.blank(name), status: 'error', message: `held: ${hold.message}`, seconds: elapsed(started), cause });
			this.markFailed(name, cause);
			return null;
		}
		this.built.push(name);
		if (!missing) {
			await this.record(index, { ...this.blank(name), status: 'success', rows: done.rows, message: done.message, sql: done.sql, seconds: elapsed(started) });
			return null;
		}
		this.noData.add(name);
		const cause: StateCause = { kind: 'no_data', sources: missing, message: missingDataMessage(missing, this.options.sourceLabel) };
		await this.record(index, { ...this.blank(name), status: 'no_data', rows: done.rows, sql: done.sql, seconds: elapsed(started), message: cause.message, cause });
		return null;
	}

	/** The publish guard's verdict on a guarded model's new version against the one set aside. */
	private async guarded(connection: DuckDBConnection, node: ModelNode): Promise<GuardHold | null> {
		const previous = node.config.guard ? this.asides!.previous(node) : null;
		if (!previous) return null;
		return checkGuard(connection, node, previous, guardLimits(this.options.vars), this.options.allowGrowth?.[node.name]);
	}

	/** Drops the previous versions that were replaced and records every model's state: the last step before commit. */
	async publish(connection: DuckDBConnection, buildId: number, wholeProject: boolean): Promise<void> {
		await this.asides!.dropAll((name) => this.project.models.get(name)!);
		const runs = this.plan.models.map((name) => this.runs.get(name)!);
		for (const run of runs) run.state = stateAfter(run, this.exists(run.model));
		await writeModelStates(connection, this.project, buildId, runs, this.kinds, wholeProject);
	}

	/** Unselected parents must have been built before; a selection reading one that never was is refused whole. */
	private upstreamBuilt(): boolean {
		const missing = [...this.plan.upstream].filter(([name]) => !this.exists(name));
		if (missing.length) {
			const list = missing.map(([name, by]) => `«${name}» (needed by ${by})`).join(', ');
			this.problems.push(`not selected and never built: ${list}. Select them too, e.g. --select +${this.plan.models[0]}`);
			for (const name of this.plan.models) this.runs.set(name, { ...this.blank(name), message: 'upstream model not built' });
			return false;
		}
		// A test that also reads an unselected model that was never built cannot run: skipped, not failed.
		for (const [test, others] of this.plan.testUpstream) {
			const unbuilt = others.filter((name) => !this.exists(name));
			if (unbuilt.length) this.testSkips.set(test, `skipped: it also reads ${unbuilt.map((n) => `«${n}»`).join(', ')}, which is not selected and was never built`);
		}
		return true;
	}

	private exists(name: string): boolean {
		return this.kinds.has(`${this.project.models.get(name)!.config.schema}.${name}`);
	}

	private blank(name: string): ModelRun {
		const node = this.project.models.get(name)!;
		return { model: name, path: node.path, relation: node.relation, materialized: node.config.materialized, status: 'skipped', rows: null, seconds: 0 };
	}

	private async record(index: number, run: ModelRun): Promise<void> {
		this.runs.set(run.model, run);
		await this.emit({ type: 'model-done', index: index + 1, total: this.plan.models.length, run });
	}

	/** A model that aborted an earlier attempt: reported as it failed there, not run again. */
	private async failFromEarlierAttempt(index: number, pre: PreFailure): Promise<void> {
		const cause = pre.cause!;
		const run = pre.modelRun ?? { ...this.blank(pre.model!), status: 'error', message: `failed: ${causeText(cause)}`, cause };
		this.problems.push(...(pre.modelRun?.message ? [pre.modelRun.message] : []), ...pre.tests.map((t) => t.message ?? t.name));
		for (const test of pre.tests) {
			this.reported.add(test.name);
			this.tests.push(test);
			await this.emit({ type: 'test-done', run: test });
		}
		await this.record(index, run);
		this.markFailed(pre.model!, cause);
	}

	private markFailed(name: string, cause: StateCause): void {
		this.failed.set(name, cause);
		for (const child of descendants(name, this.project.children)) if (!this.held.has(child)) this.held.set(child, cause);
	}

	/** Runs a batch of tests; a restart outcome when one aborted the transaction or cannot be undone otherwise. */
	private async runTests(connection: DuckDBConnection, tests: TestNode[]): Promise<AttemptOutcome | null> {
		const failures: [TestNode, TestRun][] = [];
		for (const test of tests) {
			if (this.reported.has(test.name)) continue;
			const pre = this.preFailed.find((f) => f.test === test.name);
			if (pre) {
				this.tests.push(...pre.tests);
				this.problems.push(...pre.tests.map((t) => t.message ?? t.name));
				if (pre.cause) this.holdReaders(test, pre.cause);
				continue;
			}
			const skipped = this.skipReason(test);
			if (skipped) {
				const run: TestRun = { name: test.name, type: test.type, model: test.model, column: test.column, severity: test.severity, status: 'skipped', failures: 0, sample: [], sql: test.sql ?? '', seconds: 0, message: skipped.message, blockedBy: skipped.blockedBy };
				this.tests.push(run);
				await this.emit({ type: 'test-done', run });
				continue;
			}
			const run = await runTest(connection, this.project, test, this.options.vars);
			this.tests.push(run);
			await this.emit({ type: 'test-done', run });
			if (run.status !== 'fail' && run.status !== 'error') continue;
			this.problems.push(run.message!);
			if (run.status === 'error' && !(await alive(connection))) {
				this.tests.pop();
				this.problems.pop();
				return { kind: 'restart', failure: this.testFailure(test, run), because: run.message! };
			}
			failures.push([test, run]);
		}
		for (const [test, run] of failures) {
			const outcome = await this.testFailed(test, run);
			if (outcome) return outcome;
		}
		return null;
	}

	/** Why a test cannot run, and the model that stops it (none for a selection reason). */
	private skipReason(test: TestNode): { message: string; blockedBy?: string } | null {
		const blocked = test.dependsOn.find((m) => (this.failed.has(m) || this.held.has(m)) && !this.noData.has(m));
		if (blocked) return { message: `skipped: «${blocked}» was not built`, blockedBy: blocked };
		const empty = test.dependsOn.find((m) => this.noData.has(m));
		if (empty) return { message: `skipped: «${empty}» has no data (${this.runs.get(empty)?.message})`, blockedBy: empty };
		const selection = this.testSkips.get(test.name);
		return selection ? { message: selection } : null;
	}

	/** The model a failing test holds back: the one it is about, when that is a model. */
	private subjectOf(test: TestNode): string | null {
		return !test.source && this.project.models.has(test.model) ? test.model : null;
	}

	private testCause(test: TestNode, run: TestRun): StateCause | undefined {
		const subject = this.subjectOf(test);
		if (subject) return { kind: 'test_failed', model: subject, test: test.name, message: run.message ?? '' };
		if (test.source) return { kind: 'source_test_failed', source: test.source, test: test.name, message: run.message ?? '' };
		return undefined;
	}

	private testFailure(test: TestNode, run: TestRun): PreFailure {
		const subject = this.subjectOf(test);
		const cause = this.testCause(test, run);
		return subject ? { model: subject, tests: [run], cause } : { test: test.name, tests: [run], cause };
	}

	/** Readers of a failed source table, and what is built on them, are held back. */
	private holdReaders(test: TestNode, cause: StateCause): void {
		if (!test.source) return;
		for (const model of this.project.models.values()) {
			if (!model.sources.includes(test.source) || this.held.has(model.name)) continue;
			this.held.set(model.name, cause);
			for (const child of descendants(model.name, this.project.children)) if (!this.held.has(child)) this.held.set(child, cause);
		}
	}

	/**
	 * An error-level test failed: the model it is about, and whatever was already built on it,
	 * go back to their previous versions; its other descendants are not built.
	 */
	private async testFailed(test: TestNode, run: TestRun): Promise<AttemptOutcome | null> {
		const cause = this.testCause(test, run);
		const subject = this.subjectOf(test);
		if (!cause) return null;
		if (!subject) {
			this.holdReaders(test, cause);
			return null;
		}
		if (this.failed.has(subject)) return null;
		const downstream = descendants(subject, this.project.children);
		const affected = this.built.filter((name) => name === subject || downstream.has(name)).reverse();
		if (affected.some((name) => !this.asides!.canRestore(name))) {
			return { kind: 'restart', failure: { model: subject, tests: this.tests.filter((t) => t.model === subject && (t.status === 'fail' || t.status === 'error')), cause }, because: run.message! };
		}
		for (const name of affected) {
			await this.asides!.restore(this.project.models.get(name)!);
			this.built.splice(this.built.indexOf(name), 1);
			this.noData.delete(name);
			const earlier = this.runs.get(name)!;
			this.runs.set(name, name === subject
				? { ...earlier, status: 'error', rows: null, message: `failed: ${causeText(cause)}`, cause }
				: { ...earlier, status: 'skipped', rows: null, message: `skipped: ${causeText(cause)}`, cause });
		}
		this.markFailed(subject, cause);
		await this.emit({ type: 'models-reverted', models: affected.reverse(), because: causeText(cause) });
		return null;
	}
}
