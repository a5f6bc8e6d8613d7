import { DomainError } from '../errors.ts';
import { logAccess } from '../auth/access-log.ts';
import type { OborotPaths } from '../config/paths.ts';
import type { PublishHold } from '../../dashboards/contract.ts';
import { readModelStates } from '../transform/index.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { rebuildModels, type RebuildSummary } from './rebuild.ts';

/** A guarded mart the last build held back (publish-guard.ts): why, in figures and words. */
export type { PublishHold };

/** The marts held for an admin's confirmation now, from audit.model_state. */
export async function publishHolds(warehouse: Warehouse): Promise<PublishHold[]> {
	const states = await warehouse.withConnection((connection) => readModelStates(connection, { notCurrent: true }));
	return states.flatMap((state) => {
		const cause = state.cause;
		if (!cause || cause.kind !== 'held' || cause.upstream) return [];
		const { kind: _kind, upstream: _upstream, buildId, ...hold } = cause;
		return [{ ...hold, model: state.model, buildId }];
	});
}

/**
 * The admin confirms what is held: a build that lets each held mart publish up to the rows
 * the admin was shown (a later load that grew it further is held again), logged as who confirmed what.
 * With nothing held (a second click, another admin first) it is a conflict: 409 nothing_held.
 */
export async function confirmHolds(paths: OborotPaths, warehouse: Warehouse, actor: string, ip: string | null = null): Promise<RebuildSummary> {
	const holds = await publishHolds(warehouse);
	if (holds.length === 0) throw new DomainError('conflict', 'nothing_held', 'nothing is held for confirmation: the last build published every guarded mart');
	const allowGrowth = Object.fromEntries(holds.map((hold) => [hold.model, hold.rows]));
	await logAccess(warehouse, {
		username: actor,
		action: 'confirm_publish',
		target: holds.map((hold) => hold.model).join(', '),
		status: 'ok',
		ip,
		detail: JSON.stringify(holds.map(({ model, buildId, previousRows, rows, rule }) => ({ model, buildId, previousRows, rows, rule })))
	});
	return rebuildModels(paths, warehouse, actor, { allowGrowth, label: 'confirmed on the upload page' });
}
