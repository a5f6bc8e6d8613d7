import type { DuckDBConnection } from '@duckdb/node-api';
import type { ModelStateName, StateCause } from '../../dashboards/contract.ts';
import { plainValueConverter, quoteLiteral } from '../warehouse/index.ts';
import type { ModelRun } from './build-types.ts';
import type { RelationKinds } from './materialize.ts';
import type { Project } from './types.ts';

export type { ModelStateName, StateCause };

export interface ModelState {
	model: string;
	schema: string;
	name: string;
	state: ModelStateName;
	/** The build whose version readers see, and when it was published (null: none). */
	publishedBuildId: number | null;
	publishedAt: string | null;
	/** The build that last set this state. */
	checkedBuildId: number;
	/** Why it is not current, in words (English). */
	reason: string | null;
	/** The same as data; `upstream` when the model itself did not fail but something it is built on did. */
	cause: (StateCause & { buildId: number; upstream: boolean }) | null;
}

/** What failed, in words: «int_series_forecasts» failed (test «…» failed). */
export function causeText(cause: StateCause): string {
	switch (cause.kind) {
		case 'model_error':
			return `«${cause.model}» failed: ${firstLine(cause.message)}`;
		case 'test_failed':
			return `test «${cause.test}» on «${cause.model}» failed`;
		case 'source_test_failed':
			return `test «${cause.test}» on source ${cause.source} failed`;
		case 'no_data':
		case 'held':
			return cause.message;
	}
}

const firstLine = (text: string) => text.split('\n')[0];

/** A model's state after a committed build; `exists`: something stands under its name now. */
export function stateAfter(run: ModelRun, exists: boolean): ModelStateName {
	if (run.status === 'success') return 'current';
	if (run.status === 'no_data') return 'no_data';
	return exists ? 'stale' : 'never_built';
}

function reasonOf(run: ModelRun, buildId: number): string | null {
	if (!run.cause) return null;
	if (run.cause.kind === 'no_data') return run.cause.message;
	const own = run.cause.kind !== 'source_test_failed' && run.cause.model === run.model;
	return `${own ? (run.cause.kind === 'held' ? 'held' : 'failed') : 'not rebuilt'} in build ${buildId}: ${causeText(run.cause)}`;
}

interface Published {
	buildId: number | null;
	at: string | null;
}

/**
 * The version each model shows now: from audit.model_state, or for a warehouse built before
 * it existed, the last build that logged the model as built and committed.
 */
async function lastPublished(connection: DuckDBConnection): Promise<Map<string, Published>> {
	const reader = await connection.runAndReadAll(`
		with logged as (
			select build_models.model, max(build_id) as build_id
			from audit.build_models
			join audit.builds using (build_id)
			where build_models.status in ('success', 'no_data') and builds.status in ('success', 'partial')
			group by 1
		)
		select logged.model, logged.build_id, strftime(builds.finished_at, '%Y-%m-%d %H:%M:%S') as published_at
		from logged join audit.builds using (build_id)
		union all by name
		select model, published_build_id as build_id, strftime(published_at, '%Y-%m-%d %H:%M:%S') as published_at
		from audit.model_state
		where published_build_id is not null`);
	const found = new Map<string, Published>();
	for (const row of reader.convertRowObjects(plainValueConverter) as { model: string; build_id: number; published_at: string | null }[]) {
		const earlier = found.get(row.model);
		if (!earlier || (earlier.buildId ?? 0) < row.build_id) found.set(row.model, { buildId: row.build_id, at: row.published_at });
	}
	return found;
}

/**
 * Writes each built model's state inside the build transaction, so readers see the new
 * marts and their states together. `kinds` is what stands in the warehouse after the build
 * (a model that failed without an earlier version has nothing under its name).
 */
export async function writeModelStates(
	connection: DuckDBConnection,
	project: Project,
	buildId: number,
	runs: ModelRun[],
	kinds: RelationKinds,
	wholeProject: boolean
): Promise<void> {
	const published = await lastPublished(connection);
	const gone = wholeProject ? `or model not in (${[...project.models.keys()].map(quoteLiteral).join(', ') || "''"})` : '';
	await connection.run(`delete from audit.model_state where model in (${runs.map((r) => quoteLiteral(r.model)).join(', ') || "''"}) ${gone}`);
	if (runs.length === 0) return;
	const params: (string | number | null)[] = [];
	const rows = runs.map((run) => {
		const node = project.models.get(run.model)!;
		const isNew = run.status === 'success' || run.status === 'no_data';
		const exists = kinds.has(`${node.config.schema}.${node.name}`);
		const state = run.state ?? stateAfter(run, exists);
		const earlier = exists && !isNew ? published.get(run.model) : undefined;
		const upstream = run.cause?.kind === 'source_test_failed' || (!!run.cause && run.cause.kind !== 'no_data' && run.cause.model !== run.model);
		const cause = run.cause ? JSON.stringify({ ...run.cause, buildId, upstream }) : null;
		const values = [run.model, node.config.schema, node.name, state, isNew ? buildId : (earlier?.buildId ?? null), isNew ? null : (earlier?.at ?? null), reasonOf(run, buildId), cause];
		const at = params.length;
		params.push(...values);
		const p = (i: number) => `$${at + i + 1}`;
		// A version published now is dated now; a kept one keeps its date.
		const publishedAt = isNew ? `coalesce(${p(5)}::timestamp, current_timestamp)` : `${p(5)}::timestamp`;
		return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::bigint, ${publishedAt}, ${buildId}, current_timestamp, ${p(6)}, ${p(7)}::json)`;
	});
	await connection.run(
		`insert into audit.model_state (model, schema_name, relation_name, state, published_build_id, published_at, checked_build_id, checked_at, reason, cause)
		 values ${rows.join(',\n')}`,
		params
	);
}

/**
 * Every model's recorded state (only the ones not current when `notCurrent`); none on a
 * warehouse file its writer has not migrated yet (a reader opened it read-only first).
 */
export async function readModelStates(connection: DuckDBConnection, options: { notCurrent?: boolean } = {}): Promise<ModelState[]> {
	let reader;
	try {
		reader = await connection.runAndReadAll(`
			select model, schema_name, relation_name, state, published_build_id, strftime(published_at, '%Y-%m-%d %H:%M:%S') as published_at,
				checked_build_id, reason, cause::varchar as cause
			from audit.model_state
			${options.notCurrent ? `where state <> 'current'` : ''}
			order by model`);
	} catch (error) {
		// A catalog error leaves the caller's transaction usable.
		if (/Table with name model_state does not exist/.test((error as Error).message)) return [];
		throw error;
	}
	return (reader.convertRowObjects(plainValueConverter) as Record<string, unknown>[]).map((row) => ({
		model: String(row.model),
		schema: String(row.schema_name),
		name: String(row.relation_name),
		state: row.state as ModelStateName,
		publishedBuildId: row.published_build_id === null ? null : Number(row.published_build_id),
		publishedAt: (row.published_at as string | null) ?? null,
		checkedBuildId: Number(row.checked_build_id),
		reason: (row.reason as string | null) ?? null,
		cause: row.cause ? (JSON.parse(String(row.cause)) as ModelState['cause']) : null
	}));
}
