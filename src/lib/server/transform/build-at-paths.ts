import fs from 'node:fs';
import { withSnapshotBeforePublish, type PublishSnapshotReport } from '../backup/before-publish.ts';
import type { OborotPaths } from '../config/paths.ts';
import { familyOfTable, familyWords, sourceFamilies } from '../freshness/source-families.ts';
import { ensureRawTables, loadJobs, type RawTablesReport } from '../ingest/index.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { buildProject } from './build.ts';
import type { BuildOptions, BuildResult } from './build-types.ts';
import { loadProject } from './load-project.ts';
import type { Project } from './types.ts';

/**
 * Creates the (empty) raw table of every ingest entity before a build, so staging
 * views bind on a warehouse nothing was loaded into yet.
 */
export function rawTablesHook(ingestJobs: string, onReport?: (report: RawTablesReport) => void): (warehouse: Warehouse) => Promise<void> {
	return async (warehouse) => {
		if (!fs.existsSync(ingestJobs)) return;
		const report = await ensureRawTables(warehouse, loadJobs(ingestJobs));
		onReport?.(report);
	};
}

export function projectPaths(paths: OborotPaths) {
	return { models: paths.models, projectConfig: paths.projectConfig, project: paths.project };
}

/**
 * What the server, the scheduler and the CLI run: load the project at `paths`, then
 * build it as this process's one write job at a time (Warehouse.exclusive), raw
 * tables ensured first and a snapshot of the warehouse taken before it publishes
 * (backups.keep in oborot.yml). Throws ProjectError / SelectionError before anything runs.
 */
export async function buildAtPaths(
	paths: OborotPaths,
	warehouse: Warehouse,
	options: BuildOptions & { project?: Project; onRawTables?: (report: RawTablesReport) => void; onSnapshot?: (report: PublishSnapshotReport) => void } = {}
): Promise<BuildResult> {
	const project = options.project ?? (await loadProject(projectPaths(paths), { vars: options.vars }));
	const beforeBuild = options.beforeBuild ?? rawTablesHook(paths.ingestJobs, options.onRawTables);
	const build = () => buildProject(warehouse, project, { ...options, beforeBuild, sourceLabel: options.sourceLabel ?? sourceLabels(paths, project) });
	return warehouse.exclusive(() => withSnapshotBeforePublish(paths, warehouse, build, options.onSnapshot));
}

/** "stock" for raw.stock_balances: what a model's missing data is called in messages, from ingest/*.yml. */
function sourceLabels(paths: OborotPaths, project: Project): (key: string) => string | null {
	const families = sourceFamilies(paths.ingestJobs);
	return (key) => {
		const source = project.sources.get(key);
		const family = source?.schema === 'raw' ? familyOfTable(families, source.identifier) : null;
		return family ? familyWords(family) : null;
	};
}
