import path from 'node:path';

/**
 * Where oborot keeps its data and where the user's content folders are.
 * OBOROT_HOME moves the warehouse, inbox and archive together (tests use a temp dir);
 * OBOROT_PROJECT points at the folder holding ingest/, models/ and dashboards/.
 */
export interface OborotPaths {
	home: string;
	project: string;
	warehouse: string;
	inbox: string;
	archive: string;
	serverInfo: string;
	ingestJobs: string;
	models: string;
	dashboards: string;
	projectConfig: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env): OborotPaths {
	const project = path.resolve(env.OBOROT_PROJECT ?? process.cwd());
	const home = path.resolve(env.OBOROT_HOME ?? path.join(project, 'data'));
	return {
		home,
		project,
		warehouse: path.join(home, 'warehouse.duckdb'),
		inbox: path.join(home, 'inbox'),
		archive: path.join(home, 'archive'),
		serverInfo: path.join(home, 'server.json'),
		ingestJobs: path.join(project, 'ingest'),
		models: path.join(project, 'models'),
		dashboards: path.join(project, 'dashboards'),
		projectConfig: path.join(project, 'oborot.yml')
	};
}
