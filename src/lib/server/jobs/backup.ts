import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupsDir, listSnapshots, writeSnapshot } from '../backup/index.ts';
import { UsageError, type Command } from './command.ts';

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** --to is the CLI's path: made absolute before a server in another folder gets it. */
function absoluteTo(argv: string[], cwd: string): string[] {
	return argv.map((arg, i) => {
		if (arg.startsWith('--to=')) return `--to=${path.resolve(cwd, arg.slice(5))}`;
		return argv[i - 1] === '--to' ? path.resolve(cwd, arg) : arg;
	});
}

const backup: Command = {
	name: 'backup',
	summary: 'write a consistent snapshot of the whole warehouse (while the server runs, through it); `backup list` shows them',
	usage: 'backup [--to <file or folder>] | backup list',
	warehouse: 'write',
	handoffArgs: absoluteTo,
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { to: { type: 'string' } } });
		if (positionals[0] === 'list' && positionals.length === 1) {
			const snapshots = listSnapshots(ctx.paths);
			if (!snapshots.length) ctx.out.info(`no snapshots in ${backupsDir(ctx.paths)}`);
			for (const s of snapshots) ctx.out.info(`${s.file}  ${megabytes(s.bytes)}  ${s.kind}`);
			return 0;
		}
		if (positionals.length) throw new UsageError(`unexpected argument «${positionals[0]}»`);
		const warehouse = await ctx.warehouse();
		const result = await writeSnapshot(warehouse, ctx.paths, { kind: 'manual', to: values.to });
		ctx.out.info(`Snapshot written: ${result.file}`);
		ctx.out.info(
			`  ${result.tables} tables, ${result.rows.toLocaleString('en-US')} rows, ${megabytes(result.bytes)}, last published build ${result.buildId ?? 'none'}; ` +
				`${result.seconds.toFixed(2)}s, of which writes waited ${result.lockedSeconds.toFixed(2)}s`
		);
		ctx.out.info(`  restore it with: oborot restore ${result.file}`);
		return 0;
	}
};

export default backup;
