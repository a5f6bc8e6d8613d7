import type { Warehouse } from '../warehouse/index.ts';
import type { BuildResult } from './build-types.ts';

/**
 * The build log (audit.builds, audit.build_models, audit.test_results). Written on
 * connections of their own, outside the build transaction, so a rolled-back build
 * is still on record.
 */
export async function startBuild(warehouse: Warehouse, selector: string | null, modelsTotal: number, triggeredBy: string | null): Promise<number> {
	// Only one build runs per process (Warehouse.exclusive); a "running" row left behind is a crashed one.
	await warehouse.run(`update audit.builds set status = 'interrupted', finished_at = coalesce(finished_at, current_timestamp) where status = 'running'`);
	const [row] = await warehouse.query<{ build_id: number }>(
		`insert into audit.builds (selector, status, models_total, triggered_by) values ($1, 'running', $2, $3) returning build_id`,
		[selector, modelsTotal, triggeredBy]
	);
	return row.build_id;
}

export async function finishBuild(warehouse: Warehouse, result: BuildResult): Promise<void> {
	const { summary } = result;
	await warehouse.transaction(async (connection) => {
		await connection.run(
			`update audit.builds set finished_at = current_timestamp, status = $2, models_ok = $3, tests_total = $4, tests_failed = $5, message = $6 where build_id = $1`,
			[
				result.buildId,
				result.status,
				summary.modelsOk,
				result.tests.filter((t) => t.status !== 'skipped').length,
				summary.testsFailed,
				result.message ?? null
			]
		);
		const models = await connection.createAppender('build_models', 'audit');
		for (const run of result.models) {
			models.appendBigInt(BigInt(result.buildId));
			models.appendVarchar(run.model);
			models.appendVarchar(run.materialized);
			models.appendVarchar(run.status);
			if (run.rows === null) models.appendNull();
			else models.appendBigInt(BigInt(run.rows));
			models.appendDouble(run.seconds);
			if (run.message) models.appendVarchar(run.message);
			else models.appendNull();
			models.endRow();
		}
		models.closeSync();
		const tests = await connection.createAppender('test_results', 'audit');
		for (const run of result.tests) {
			tests.appendBigInt(BigInt(result.buildId));
			tests.appendVarchar(run.model);
			tests.appendVarchar(run.name);
			if (run.column) tests.appendVarchar(run.column);
			else tests.appendNull();
			tests.appendVarchar(run.severity);
			tests.appendVarchar(run.status);
			tests.appendBigInt(BigInt(run.failures));
			if (run.message) tests.appendVarchar(run.message);
			else tests.appendNull();
			tests.appendVarchar(run.sql);
			tests.appendDefault();
			tests.endRow();
		}
		tests.closeSync();
	});
}
