import type { Warehouse } from '../warehouse/index.ts';
import { finishBuild, startBuild } from './audit.ts';
import { BuildAttempt, type AttemptOutcome, type PreFailure } from './build-attempt.ts';
import { plan } from './build-plan.ts';
import { createMacros } from './macros.ts';
import type { BuildEvent, BuildOptions, BuildResult, BuildSummary, ModelRun, TestRun } from './build-types.ts';
import { selectModels } from './select.ts';
import type { Project } from './types.ts';

function summarize(models: ModelRun[], tests: TestRun[]): BuildSummary {
	return {
		modelsOk: models.filter((m) => m.status === 'success').length,
		modelsNoData: models.filter((m) => m.status === 'no_data').length,
		modelsFailed: models.filter((m) => m.status === 'error').length,
		modelsSkipped: models.filter((m) => m.status === 'skipped').length,
		testsPassed: tests.filter((t) => t.status === 'pass').length,
		testsWarned: tests.filter((t) => t.status === 'warn').length,
		testsFailed: tests.filter((t) => t.status === 'fail' || t.status === 'error').length,
		testsSkipped: tests.filter((t) => t.status === 'skipped').length
	};
}

const elapsed = (started: number) => (performance.now() - started) / 1000;

/** Models that kept their previous version (or have none yet), for the build's message. */
function keptLine(models: ModelRun[]): string {
	const kept = models.filter((m) => m.status === 'error' || m.status === 'skipped').map((m) => m.model);
	return kept.length ? `\nEverything else was published; these kept their previous version (if they had one): ${kept.join(', ')}.` : '';
}

/**
 * Builds the selected models in one DuckDB transaction (the project's SQL macros created in
 * it first), in dependency order, each followed by its tests. As in dbt, a model that fails
 * (its SQL or TypeScript, or an error-level test about it) holds back only itself and its
 * descendants: they keep their previous version (the runner renames it aside before
 * rebuilding and puts it back), everything else is published in one commit, together with
 * every model's state (audit.model_state). When a runtime error aborts the transaction, it
 * is rolled back and the build runs again with that model failed in advance — at most once
 * per failure. The run is logged in audit.* either way.
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

	const attemptOptions = { ...options, vars: { ...project.vars, ...options.vars } };
	const preFailed: PreFailure[] = [];
	const stopped: string[] = [];
	let attempt = new BuildAttempt(project, work, attemptOptions, emit, preFailed);
	let committed = false;
	try {
		committed = await warehouse.withConnection(async (connection) => {
			for (let number = 1; ; number++) {
				attempt = new BuildAttempt(project, work, attemptOptions, emit, preFailed);
				await connection.run('begin transaction');
				let outcome: AttemptOutcome;
				try {
					await createMacros(connection, project.macros, wholeProject);
					outcome = await attempt.execute(connection);
					if (outcome.kind === 'commit') {
						await attempt.publish(connection, buildId, wholeProject);
						try {
							await connection.run('commit');
							return true;
						} catch (error) {
							stopped.push(`the build could not be published (commit failed): ${(error as Error).message}`);
							outcome = { kind: 'abort' };
						}
					}
				} catch (error) {
					stopped.push(`the build stopped: ${(error as Error).message}`);
					outcome = { kind: 'abort' };
				}
				await connection.run('rollback').catch(() => undefined);
				if (outcome.kind !== 'restart') return false;
				const { failure } = outcome;
				// Each new attempt fails one more model or test in advance, so this ends.
				if (preFailed.some((f) => (f.model ?? f.test) === (failure.model ?? failure.test))) {
					stopped.push(`the build stopped: «${failure.model ?? failure.test}» aborted the transaction again: ${outcome.because}`);
					return false;
				}
				preFailed.push(failure);
				await emit({ type: 'restart', attempt: number + 1, because: outcome.because });
			}
		});
	} catch (error) {
		stopped.push(`the build stopped: ${(error as Error).message}`);
	}
	const runs = attempt.models;
	const summary = summarize(runs, attempt.tests);
	const problems = [...attempt.problems, ...stopped];
	const status = !committed ? 'failed' : problems.length || summary.modelsFailed || summary.modelsSkipped ? 'partial' : 'success';
	const result: BuildResult = {
		buildId,
		status,
		committed,
		selector,
		models: runs,
		tests: attempt.tests,
		summary,
		seconds: elapsed(started),
		message:
			status === 'success'
				? undefined
				: status === 'partial'
					? `${problems.join('\n')}${keptLine(runs)}`
					: `${problems.join('\n')}\nNothing was published: the warehouse is as it was before this build.`
	};
	await finishBuild(warehouse, result);
	await emit({ type: 'finish', result });
	return result;
}
