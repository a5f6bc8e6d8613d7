import os from 'node:os';
import { resolvePaths } from '../lib/server/config/paths.ts';
import { keepFilesPrivate } from '../lib/server/config/private-files.ts';
import { runOnServer, ServerGoneError } from '../lib/server/handoff/client.ts';
import { liveServer } from '../lib/server/handoff/server-info.ts';
import { handoffArgv, runsOnServer } from '../lib/server/jobs/handoff.ts';
import { runCommandHere } from '../lib/server/jobs/run-command.ts';
import { closeProcessWarehouse } from '../lib/server/warehouse/index.ts';
import { commandNames, loadCommand } from './registry.ts';
import { terminalOutput } from './terminal-output.ts';

async function printHelp(write: (text: string) => void): Promise<void> {
	write('oborot — analytical CRM warehouse\n\nusage: oborot <command> [options]\n\ncommands:\n');
	for (const name of commandNames) {
		const command = await loadCommand(name);
		if (command) write(`  ${command.usage.padEnd(58)} ${command.summary}\n`);
	}
	write('\nOBOROT_HOME moves the warehouse, inbox and archive (default ./data).\n');
}

/** `oborot sql … | head` closes stdout early: stop quietly, as Unix tools do, instead of crashing on EPIPE. */
function exitQuietlyOnClosedPipe(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		process.exit(0);
	});
}

export async function main(argv: string[]): Promise<number> {
	exitQuietlyOnClosedPipe();
	const [name, ...rest] = argv;
	const out = terminalOutput();
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		await printHelp(out.write);
		return name ? 0 : 2;
	}
	const command = await loadCommand(name);
	if (!command) {
		out.error(`unknown command «${name}». Run \`oborot help\` for the list.`);
		return 2;
	}
	const paths = resolvePaths();
	keepFilesPrivate();
	// DuckDB lets one process write the file: when a server holds it, it runs the job for us.
	const server = runsOnServer(command) ? liveServer(paths.serverInfo) : null;
	if (server) {
		process.stderr.write(`(running on the oborot server at http://localhost:${server.port}, pid ${server.pid})\n`);
		try {
			return await runOnServer(server, { argv: handoffArgv(command, rest, process.cwd()), actor: os.userInfo().username }, (message) =>
				(message.type === 'out' ? process.stdout : process.stderr).write(message.text)
			);
		} catch (error) {
			if (!(error instanceof ServerGoneError)) throw error;
			out.error(error.message);
			return 1;
		}
	}
	try {
		return await runCommandHere(command, rest, { paths, out });
	} finally {
		await closeProcessWarehouse(paths.warehouse);
	}
}
