import fs from 'node:fs';
import os from 'node:os';
import type { OborotPaths } from '../config/paths.ts';
import { isLockError, processWarehouse, type Warehouse } from '../warehouse/index.ts';
import { UsageError, type Command, type Output } from './command.ts';

/** Runs a command in this process against this process's warehouse; returns the exit code. */
export async function runCommandHere(
	command: Command,
	argv: string[],
	options: { paths: OborotPaths; out: Output; actor?: string; warehouse?: () => Promise<Warehouse> }
): Promise<number> {
	const { paths, out } = options;
	// Read-only commands open the file read-only so several can run side by side.
	const readOnly = command.warehouse === 'read' && fs.existsSync(paths.warehouse);
	const warehouse = options.warehouse ?? (() => processWarehouse(paths.warehouse, { readOnly }));
	try {
		return await command.run(argv, { paths, out, warehouse, actor: options.actor ?? os.userInfo().username });
	} catch (error) {
		if (error instanceof UsageError) {
			out.error(error.message);
			out.info(`usage: oborot ${command.usage}`);
			return 2;
		}
		if (isLockError(error)) {
			out.error(
				`the warehouse ${paths.warehouse} is locked by another process that is not an oborot server this CLI can reach. ` +
					'Stop that process, or run the command through the server that holds it.'
			);
			return 1;
		}
		out.error(error instanceof Error ? error.message : String(error));
		if (process.env.OBOROT_DEBUG && error instanceof Error && error.stack) out.error(error.stack);
		return 1;
	}
}
