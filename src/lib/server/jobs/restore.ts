import { parseArgs } from 'node:util';
import { checkSnapshot, restoreSnapshot, RestoreError, type SnapshotCheck } from '../backup/index.ts';
import { liveServer } from '../handoff/server-info.ts';
import { UsageError, type Command, type CommandContext } from './command.ts';

function describe(ctx: CommandContext, file: string, check: SnapshotCheck): void {
	const rows = check.tables.reduce((sum, t) => sum + t.rows, 0).toLocaleString('en-US');
	const info = check.manifest?.info;
	ctx.out.info(
		info
			? `${file}: ${info.kind} snapshot of ${info.createdAt}, last published build ${info.buildId ?? 'none'}; ${check.tables.length} tables, ${rows} rows, every one as its manifest says`
			: `${file}: a warehouse without a manifest (set aside by an earlier restore); ${check.tables.length} tables, ${rows} rows, all of it read without error`
	);
}

/**
 * `oborot restore` never runs through the server: it replaces the file the server has open,
 * and DuckDB cannot swap a database under an open instance and its readers. So it refuses
 * while `oborot serve` runs and asks to stop it first.
 */
const restore: Command = {
	name: 'restore',
	summary: 'replace the warehouse with a snapshot (server stopped); the replaced one is kept in backups/',
	usage: 'restore <snapshot> [--yes]',
	warehouse: 'none',
	async run(argv, ctx) {
		const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { yes: { type: 'boolean', default: false } } });
		if (positionals.length !== 1) throw new UsageError('restore needs exactly one snapshot file');
		const [file] = positionals;
		const server = liveServer(ctx.paths.serverInfo);
		if (server) {
			ctx.out.error(
				`the oborot server (pid ${server.pid}, port ${server.port}) has the warehouse open: stop it, run \`oborot restore\` again, then start the server. ` +
					'A restore replaces the file, which cannot be done under a running server and its readers.'
			);
			return 1;
		}
		try {
			if (!values.yes) {
				describe(ctx, file, await checkSnapshot(file));
				ctx.out.info(`Restoring replaces ${ctx.paths.warehouse} (it is kept in backups/ to undo). Run again with --yes to restore.`);
				return 1;
			}
			const result = await restoreSnapshot(ctx.paths, file);
			describe(ctx, file, result.check);
			ctx.out.info(`Restored into ${ctx.paths.warehouse} in ${result.seconds.toFixed(2)}s; ${result.rowsAfter.toLocaleString('en-US')} rows in place, counts checked.`);
			if (result.replacedAside) ctx.out.info(`The replaced warehouse is ${result.replacedAside}: \`oborot restore --yes ${result.replacedAside}\` undoes this.`);
			if (result.mappingsAside) ctx.out.info(`The replaced saved mappings are in ${result.mappingsAside}.`);
			return 0;
		} catch (error) {
			if (!(error instanceof RestoreError)) throw error;
			ctx.out.error(`${error.message}. Nothing was restored; the warehouse was not touched.`);
			return 1;
		}
	}
};

export default restore;
