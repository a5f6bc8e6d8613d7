import type { Command } from './command.ts';

/**
 * The jobs catalogue: every command that does work on the warehouse or the project
 * (load, build, query, export, users, backups, the demo company), described once — its name,
 * usage and `run` live in the module loaded here. The CLI offers these as `oborot <name>`,
 * and the server runs the ones a CLI hands to it (src/lib/server/jobs/handoff.ts).
 * Loaded on demand so `oborot sql` does not pay for the demo generator.
 */
export const jobLoaders = {
	sql: () => import('./sql.ts'),
	demo: () => import('./demo.ts'),
	ingest: () => import('./ingest.ts'),
	build: () => import('./build.ts'),
	docs: () => import('./docs.ts'),
	users: () => import('./users.ts'),
	schedule: () => import('./schedule.ts'),
	export: () => import('./export.ts'),
	backup: () => import('./backup.ts'),
	restore: () => import('./restore.ts')
} satisfies Record<string, () => Promise<{ default: Command }>>;

export type JobName = keyof typeof jobLoaders;

function isJobName(name: string): name is JobName {
	return Object.hasOwn(jobLoaders, name);
}

export async function loadJob(name: string): Promise<Command | undefined> {
	return isJobName(name) ? (await jobLoaders[name]()).default : undefined;
}
