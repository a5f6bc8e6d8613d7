import type { OborotPaths } from '../config/paths.ts';
import { buildAtPaths } from '../transform/index.ts';
import type { Warehouse } from '../warehouse/index.ts';

export interface RebuildSummary {
	buildId: number;
	status: 'success' | 'partial' | 'failed';
	seconds: number;
	modelsOk: number;
	modelsFailed: number;
	testsFailed: number;
	testsWarned: number;
	message: string | null;
}

/**
 * Rebuilds every model after an upload, as the scheduler does after an inbox load, so
 * dashboards and segments show the new rows (a failed build leaves the previous marts).
 */
export async function rebuildModels(paths: OborotPaths, warehouse: Warehouse, actor: string): Promise<RebuildSummary> {
	const result = await buildAtPaths(paths, warehouse, { triggeredBy: `${actor} (web upload)` });
	return {
		buildId: result.buildId,
		status: result.status,
		seconds: result.seconds,
		modelsOk: result.summary.modelsOk,
		modelsFailed: result.summary.modelsFailed,
		testsFailed: result.summary.testsFailed,
		testsWarned: result.summary.testsWarned,
		message: result.message ?? null
	};
}
