import { ensureDemoUsers, type DemoLogin } from '../../lib/server/auth/demo-users.ts';
import { listUsers } from '../../lib/server/auth/users.ts';
import { liveServer } from '../../lib/server/handoff/server-info.ts';
import { ingestInbox } from '../../lib/server/ingest/index.ts';
import { loadJob, type JobName } from '../../lib/server/jobs/catalogue.ts';
import type { Command, CommandContext } from '../../lib/server/jobs/command.ts';
import { formatTable } from '../../lib/server/jobs/format-rows.ts';
import { runCommandHere } from '../../lib/server/jobs/run-command.ts';
import { closeProcessWarehouse, type Warehouse } from '../../lib/server/warehouse/index.ts';
import { ensureWebBuild } from '../web-build.ts';
import { parseServeArgs, startWebServer } from './serve.ts';

async function count(warehouse: Warehouse, sql: string): Promise<number> {
	const [row] = await warehouse.query<{ n: number }>(sql);
	return row?.n ?? 0;
}

/** Runs a job of the catalogue in this process, stopping `start` when it fails. */
async function runStep(name: JobName, argv: string[], ctx: CommandContext, accept: (code: number) => Promise<boolean> = async (code) => code === 0): Promise<void> {
	const command = await loadJob(name);
	if (!command) throw new Error(`job ${name} is not in the catalogue`);
	const code = await runCommandHere(command, argv, { paths: ctx.paths, out: ctx.out, actor: ctx.actor, warehouse: ctx.warehouse });
	if (!(await accept(code))) throw new Error(`\`oborot ${name}\` failed (exit ${code}); see above`);
}

/** A build that published all but what failed still leaves marts to serve; one that published nothing does not. */
async function publishedSomething(warehouse: Warehouse, code: number): Promise<boolean> {
	if (code === 0) return true;
	const [last] = await warehouse.query<{ status: string }>('select status from audit.builds order by build_id desc limit 1');
	return last?.status === 'partial';
}

async function loadDemoCompany(ctx: CommandContext, warehouse: Warehouse): Promise<void> {
	ctx.out.info('The warehouse is empty: generating the demo company, then loading and building it.\n');
	await runStep('demo', ['--seed', '1'], ctx);
	const results = await ingestInbox(warehouse, ctx.paths, undefined, { minAgeMs: 0, actor: ctx.actor });
	const failed = results.filter((result) => result.status === 'failed');
	const rows = results.reduce((sum, result) => sum + result.loaded, 0);
	const rejected = results.reduce((sum, result) => sum + result.rejected, 0);
	ctx.out.info(`\nLoaded ${results.length - failed.length} of ${results.length} demo files: ${rows.toLocaleString('en-US')} rows, ${rejected} planted bad rows quarantined.`);
	for (const result of failed) ctx.out.error(`${result.name}: ${result.message}`);
}

/** Managers named in the demo data: each gets a sales_manager login that sees only own deals. */
async function demoManagers(warehouse: Warehouse): Promise<string[]> {
	const rows = await warehouse.query<{ manager: string }>(
		`select distinct manager from (
			select manager from raw.crm_deals union all select manager from raw.accounting_sales_plan
		) where manager is not null order by 1`
	);
	return rows.map((row) => row.manager);
}

function printLogins(ctx: CommandContext, logins: DemoLogin[]): void {
	ctx.out.info('\nDemo logins (documented in README.md):');
	ctx.out.write(
		formatTable(
			logins.map((login) => ({ login: login.username, password: login.password, role: login.role, name: login.displayName })),
			['login', 'password', 'role', 'name']
		)
	);
}

const start: Command = {
	name: 'start',
	summary: 'first run: demo company when empty → ingest → build → serve',
	usage: 'start [--port 3000] [--host 127.0.0.1]',
	warehouse: 'none',
	async run(argv, ctx) {
		const options = parseServeArgs(argv);
		const running = liveServer(ctx.paths.serverInfo);
		if (running) {
			ctx.out.info(`oborot already runs on http://localhost:${running.port} (pid ${running.pid}).`);
			return 0;
		}
		// Build the web app first: a fresh clone fails early here rather than after the data work.
		ensureWebBuild(ctx.out);
		const warehouse = await ctx.warehouse();
		const isEmpty = (await count(warehouse, `select count(*) as n from audit.files where status = 'loaded'`)) === 0;
		if (isEmpty) await loadDemoCompany(ctx, warehouse);
		// A partial build published all but what failed: the marts are there.
		const published = await count(warehouse, `select count(*) as n from audit.builds where status in ('success', 'partial')`);
		if (isEmpty || published === 0) await runStep('build', [], ctx, (code) => publishedSomething(warehouse, code));
		if (isEmpty) printLogins(ctx, await ensureDemoUsers(warehouse, await demoManagers(warehouse)));
		else if ((await listUsers(warehouse)).some((user) => user.username === 'exec')) {
			ctx.out.info('Demo logins are listed in README.md (e.g. exec / exec-demo).');
		}
		// The server opens the warehouse itself (one writer): hand the file over.
		await closeProcessWarehouse(ctx.paths.warehouse);
		await startWebServer(options);
		ctx.out.info(`\noborot is running: http://localhost:${options.port}   (Ctrl+C stops it)`);
		await new Promise<void>((resolve) => process.once('sveltekit:shutdown' as 'exit', () => resolve()));
		return 0;
	}
};

export default start;
