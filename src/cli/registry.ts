import type { Command } from './command.ts';

/**
 * Every `oborot` command, loaded on demand so `oborot sql` does not pay for the
 * web server or the demo generator. Add a command here and in src/cli/commands/.
 */
export const commandLoaders: Record<string, () => Promise<{ default: Command }>> = {
	sql: () => import('./commands/sql.ts'),
	demo: () => import('./commands/demo.ts'),
	ingest: () => import('./commands/ingest.ts'),
	serve: () => import('./commands/serve.ts'),
	build: () => import('./commands/build.ts'),
	docs: () => import('./commands/docs.ts'),
	users: () => import('./commands/users.ts'),
	schedule: () => import('./commands/schedule.ts'),
	start: () => import('./commands/start.ts'),
	export: () => import('./commands/export.ts'),
	backup: () => import('./commands/backup.ts'),
	restore: () => import('./commands/restore.ts')
};

export async function loadCommand(name: string): Promise<Command | undefined> {
	const loader = commandLoaders[name];
	return loader ? (await loader()).default : undefined;
}
