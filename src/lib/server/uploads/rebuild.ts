import type { OborotPaths } from '../config/paths.ts';
import type { MissingExport, PublishHold } from '../../dashboards/contract.ts';
import { missingExports } from '../freshness/mart-notices.ts';
import { sourceFamilies } from '../freshness/source-families.ts';
import { buildAtPaths, type BuildResult } from '../transform/index.ts';
import type { Warehouse } from '../warehouse/index.ts';

export interface RebuildSummary {
	buildId: number;
	/** success: everything published; partial: all but what failed (and what stands on it); failed: nothing. */
	status: BuildResult['status'];
	seconds: number;
	modelsOk: number;
	modelsNoData: number;
	modelsFailed: number;
	modelsSkipped: number;
	testsFailed: number;
	testsWarned: number;
	message: string | null;
	/** Published empty: the exports they need are not loaded. */
	noData: { model: string; needs: MissingExport[] }[];
	/** Failed or held back: they keep their previous version (stale) or have none (never_built). */
	kept: { model: string; state: 'stale' | 'never_built' | null; reason: string }[];
	/** Guarded marts held for an admin's confirmation (they are in `kept` too): why, in figures and words. */
	held: PublishHold[];
}

/**
 * Rebuilds every model after an upload, as the scheduler does after an inbox load, so
 * dashboards and segments show the new rows; what fails keeps its previous version.
 */
export async function rebuildModels(
	paths: OborotPaths,
	warehouse: Warehouse,
	actor: string,
	options: { allowGrowth?: Record<string, number>; label?: string } = {}
): Promise<RebuildSummary> {
	const result = await buildAtPaths(paths, warehouse, { triggeredBy: `${actor} (${options.label ?? 'web upload'})`, allowGrowth: options.allowGrowth });
	const families = sourceFamilies(paths.ingestJobs);
	return {
		buildId: result.buildId,
		status: result.status,
		seconds: result.seconds,
		modelsOk: result.summary.modelsOk,
		modelsNoData: result.summary.modelsNoData,
		modelsFailed: result.summary.modelsFailed,
		modelsSkipped: result.summary.modelsSkipped,
		testsFailed: result.summary.testsFailed,
		testsWarned: result.summary.testsWarned,
		message: result.message ?? null,
		noData: result.models.flatMap((m) => (m.cause?.kind === 'no_data' ? [{ model: m.model, needs: missingExports(m.cause.sources, families) }] : [])),
		kept: result.committed
			? result.models
					.filter((m) => m.status === 'error' || m.status === 'skipped')
					.map((m) => ({ model: m.model, state: m.state === 'stale' || m.state === 'never_built' ? m.state : null, reason: (m.message ?? '').split('\n')[0] }))
			: [],
		held: result.committed
			? result.models.flatMap((m) => {
					// the held model itself; what stands on it carries the same cause
					if (m.cause?.kind !== 'held' || m.cause.model !== m.model) return [];
					const { kind: _kind, ...hold } = m.cause;
					return [{ ...hold, buildId: result.buildId }];
				})
			: []
	};
}
