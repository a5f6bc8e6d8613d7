import type { OborotPaths } from '../config/paths.ts';
import type { HandoffMessage } from '../handoff/protocol.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { loadJob } from './catalogue.ts';
import type { Command } from './command.ts';
import { bufferedOutput } from './output.ts';
import { runCommandHere } from './run-command.ts';

/**
 * A job goes to the running server when it touches the warehouse: DuckDB lets one
 * process write the file, and the server holds it. Jobs that do not (the demo
 * generator, the schedule list) run in the CLI's own process.
 */
export function runsOnServer(job: Command): boolean {
	return job.warehouse !== 'none';
}

/** The argv a CLI sends for `oborot <job> …argv`, with what the job adds for a server in another folder. */
export function handoffArgv(job: Command, argv: string[], cwd: string): string[] {
	return [job.name, ...(job.handoffArgs ? job.handoffArgs(argv, cwd) : argv)];
}

/** The catalogue's job a CLI may hand to this server under that name, if any. */
export async function handedJob(name: string | undefined): Promise<Command | undefined> {
	const job = name ? await loadJob(name) : undefined;
	return job && runsOnServer(job) ? job : undefined;
}

/**
 * Runs a handed job on the server's warehouse and sends its output, then its exit
 * code, as handoff messages. Writes queue behind the scheduler's jobs; reads run at once.
 */
export async function runHandedJob(
	job: Command,
	argv: string[],
	options: { paths: OborotPaths; warehouse: Warehouse; actor: string; send: (message: HandoffMessage) => void }
): Promise<void> {
	const { paths, warehouse, actor, send } = options;
	const out = bufferedOutput((stream, text) => send({ type: stream, text }));
	const run = () => runCommandHere(job, argv, { paths, out, actor, warehouse: () => Promise.resolve(warehouse) });
	const code = job.warehouse === 'write' ? await warehouse.exclusive(run) : await run();
	send({ type: 'exit', code });
}
