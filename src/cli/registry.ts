import { jobLoaders, loadJob } from '../lib/server/jobs/catalogue.ts';
import type { Command } from '../lib/server/jobs/command.ts';

/**
 * The commands only the CLI has: they start the web server in this process. Every
 * other `oborot` command is a job of the server's catalogue (src/lib/server/jobs/catalogue.ts).
 */
const serverLoaders = {
	serve: () => import('./commands/serve.ts'),
	start: () => import('./commands/start.ts')
} satisfies Record<string, () => Promise<{ default: Command }>>;

/** Every `oborot` command name, in the order `oborot help` lists them. */
export const commandNames: string[] = [...Object.keys(jobLoaders), ...Object.keys(serverLoaders)];

export async function loadCommand(name: string): Promise<Command | undefined> {
	if (Object.hasOwn(serverLoaders, name)) return (await serverLoaders[name as keyof typeof serverLoaders]()).default;
	return loadJob(name);
}
