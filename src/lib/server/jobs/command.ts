import type { OborotPaths } from '../config/paths.ts';
import type { Warehouse } from '../warehouse/index.ts';

/** A long task's progress: a bar in a terminal, periodic lines when run on the server. */
export interface Progress {
	/** Sets the absolute amount done (same unit as total). */
	update(done: number): void;
	finish(): void;
}

export interface Output {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
	/** Raw text (query results, exported data) without decoration. */
	write(text: string): void;
	progress(label: string, total: number, unit?: string): Progress;
}

export interface CommandContext {
	paths: OborotPaths;
	out: Output;
	/** The warehouse of this process, opened on first use. */
	warehouse(): Promise<Warehouse>;
	/** Who runs the command (audit trail): the OS user locally, the web user on the server. */
	actor: string;
}

/**
 * One `oborot <name>` command. `warehouse: 'write' | 'read'` commands are handed to a
 * running server when it holds the file (DuckDB allows a single writing process).
 */
export interface Command {
	name: string;
	summary: string;
	usage: string;
	warehouse: 'write' | 'read' | 'none';
	/** Rewrites argv before it is handed to a server whose folder differs (e.g. adds the CLI's cwd for relative paths). */
	handoffArgs?(argv: string[], cwd: string): string[];
	run(argv: string[], ctx: CommandContext): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
