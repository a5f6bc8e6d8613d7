import { parseArgs } from 'node:util';
import {
	ProjectError,
	SelectionError,
	buildAtPaths,
	hasModels,
	loadProject,
	parseVarsArgument,
	projectPaths,
	type BuildEvent,
	type BuildResult,
	type ModelRun
} from '../transform/index.ts';
import { UsageError, type Command, type Output } from './command.ts';

const seconds = (s: number) => `${s.toFixed(2)}s`;

function modelLine(event: Extract<BuildEvent, { type: 'model-done' }>, width: number): string {
	const { run } = event;
	const counter = `[${String(event.index).padStart(String(event.total).length)}/${event.total}]`;
	const what = { success: detail(run), error: 'ERROR', skipped: 'skipped', no_data: 'no data' }[run.status];
	return `${counter} ${run.model.padEnd(width)} … ${what}${run.status === 'skipped' ? '' : ` ${seconds(run.seconds)}`}`;
}

function detail(run: ModelRun): string {
	const rows = run.rows === null ? '' : ` ${run.rows.toLocaleString('en-US')} rows`;
	return `${run.materialized}${rows}${run.message ? ` (${run.message})` : ''}`;
}

/** Per-model lines as the build goes; test failures and warnings as they happen. */
function progressPrinter(out: Output, width: () => number) {
	return (event: BuildEvent) => {
		if (event.type === 'start') {
			out.info(`Building ${event.models.length} model${event.models.length === 1 ? '' : 's'} with ${event.tests} tests (build ${event.buildId}) in one transaction`);
		} else if (event.type === 'model-done') {
			out.info(modelLine(event, width()));
			if (event.run.status === 'error' && event.run.message) out.error(event.run.message);
		} else if (event.type === 'test-done') {
			// A test skipped because its model failed or has no data is said by the model's own line.
			if (event.run.status === 'warn' || (event.run.status === 'skipped' && !event.run.blockedBy)) out.warn(event.run.message ?? event.run.name);
			else if (event.run.status === 'fail' || event.run.status === 'error') out.error(event.run.message ?? event.run.name);
		} else if (event.type === 'models-reverted') {
			out.warn(`not published, what was there stays: ${event.models.join(', ')} — ${event.because}`);
		} else if (event.type === 'restart') {
			out.warn(`a runtime error aborted the transaction; rolled back, building again without what failed (attempt ${event.attempt}): ${event.because.split('\n')[0]}`);
		}
	};
}

/** A list of models with why, one per line, under a heading (nothing when empty). */
function modelList(out: Output, heading: string, runs: ModelRun[], why: (run: ModelRun) => string): void {
	if (!runs.length) return;
	const width = Math.max(...runs.map((r) => r.model.length));
	out.info(`${heading}:`);
	for (const run of runs) out.info(`  ${run.model.padEnd(width)}  ${why(run)}`);
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0];

function printSummary(out: Output, result: BuildResult): void {
	const s = result.summary;
	const head = { success: 'Published', partial: 'Published all but what failed', failed: 'FAILED' }[result.status];
	out.info(
		`\n${head} in ${seconds(result.seconds)}: models ${s.modelsOk} ok, ${s.modelsNoData} no data, ${s.modelsFailed} failed, ${s.modelsSkipped} skipped; ` +
			`tests ${s.testsPassed} passed, ${s.testsWarned} warned, ${s.testsFailed} failed${s.testsSkipped ? `, ${s.testsSkipped} skipped` : ''}.`
	);
	if (!result.committed) {
		out.error(`build ${result.buildId} was rolled back. ${result.message ?? ''}`.trim());
		return;
	}
	modelList(out, 'Published empty, their data is not loaded', result.models.filter((m) => m.status === 'no_data'), (m) => firstLine(m.message));
	const kept = result.models.filter((m) => m.status === 'error' || m.status === 'skipped');
	modelList(out, 'Kept their previous version', kept.filter((m) => m.state === 'stale'), (m) => firstLine(m.message));
	modelList(out, 'Not built, no earlier version to show', kept.filter((m) => m.state !== 'stale'), (m) => firstLine(m.message));
	if (result.status === 'partial') out.error(`build ${result.buildId} published everything except the models above that failed or stand on a failure.`);
}

const build: Command = {
	name: 'build',
	summary: 'build and test the models; publish all but what fails (and what stands on it)',
	usage: "build [--select <model>+ …] [--exclude …] [--full-refresh] [--vars '{\"k\": v}']",
	warehouse: 'write',
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				select: { type: 'string', short: 's', multiple: true },
				exclude: { type: 'string', multiple: true },
				'full-refresh': { type: 'boolean', default: false },
				vars: { type: 'string' }
			}
		});
		// dbt accepts `--select a b`: the words after --select are more selectors.
		const select = [...(values.select ?? []), ...positionals];
		let vars: Record<string, unknown> = {};
		try {
			if (values.vars) vars = parseVarsArgument(values.vars);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		if (!hasModels(ctx.paths.models)) {
			ctx.out.error(`no models in ${ctx.paths.models}: add models/**/*.sql (see models/ in the repository)`);
			return 1;
		}
		let project;
		try {
			project = await loadProject(projectPaths(ctx.paths), { vars });
		} catch (error) {
			if (!(error instanceof ProjectError)) throw error;
			ctx.out.error(error.message);
			return 1;
		}
		const warehouse = await ctx.warehouse();
		const width = Math.max(...[...project.models.keys()].map((name) => name.length));
		try {
			const result = await buildAtPaths(ctx.paths, warehouse, {
				project,
				select,
				exclude: values.exclude ?? [],
				fullRefresh: values['full-refresh'],
				triggeredBy: ctx.actor,
				onProgress: progressPrinter(ctx.out, () => width),
				onSnapshot: (report) => {
					if (report.status === 'failed') ctx.out.warn(`no snapshot before this build: ${report.message}`);
					else if (report.status === 'taken' && report.kept) {
						ctx.out.info(`Snapshot before publishing: ${report.snapshot.file} (${report.snapshot.seconds.toFixed(2)}s)${report.pruned.length ? `; ${report.pruned.length} older pruned` : ''}`);
					}
				},
				onRawTables: (report) => {
					if (report.created.length) ctx.out.info(`Created ${report.created.length} empty raw tables (nothing loaded into them yet)`);
					for (const mismatch of report.typeMismatches) ctx.out.warn(mismatch);
				}
			});
			printSummary(ctx.out, result);
			return result.status === 'success' ? 0 : 1;
		} catch (error) {
			if (error instanceof SelectionError) throw new UsageError(error.message);
			throw error;
		}
	}
};

export default build;
