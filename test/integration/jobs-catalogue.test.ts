import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandNames, loadCommand } from '../../src/cli/registry.ts';
import type { HandoffMessage } from '../../src/lib/server/handoff/protocol.ts';
import { jobLoaders, loadJob } from '../../src/lib/server/jobs/catalogue.ts';
import { handedJob, handoffArgv, runHandedJob, runsOnServer } from '../../src/lib/server/jobs/handoff.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/temp-warehouse.ts';

describe('the jobs catalogue', () => {
	it('names each job by the name it is run under', async () => {
		for (const name of Object.keys(jobLoaders)) expect((await loadJob(name))?.name).toBe(name);
		expect(await loadJob('serve')).toBeUndefined();
		expect(await loadJob('toString')).toBeUndefined();
	});

	it('is what the CLI offers, with the two commands that start the server in the CLI itself', async () => {
		expect(commandNames).toEqual(['sql', 'demo', 'ingest', 'build', 'docs', 'users', 'schedule', 'export', 'backup', 'restore', 'serve', 'start']);
		for (const name of Object.keys(jobLoaders)) expect(await loadCommand(name)).toBe(await loadJob(name));
		expect((await loadCommand('start'))?.name).toBe('start');
	});

	it('leaves to the CLI alone only commands a server never runs (a job that touches the warehouse belongs in the catalogue)', async () => {
		const cliOnly = commandNames.filter((name) => !Object.hasOwn(jobLoaders, name));
		const touching = [];
		for (const name of cliOnly) if (runsOnServer((await loadCommand(name))!)) touching.push(name);
		expect(touching).toEqual([]);
	});

	it('hands to a running server the jobs that touch the warehouse, and only those', async () => {
		const handed = [];
		for (const name of [...commandNames, 'nonsense']) if (await handedJob(name)) handed.push(name);
		expect(handed).toEqual(['sql', 'ingest', 'build', 'docs', 'users', 'export', 'backup']);
		expect(await handedJob(undefined)).toBeUndefined();
		expect(runsOnServer((await loadJob('demo'))!)).toBe(false);
	});

	it('adds the CLI folder to the jobs that read or write files by relative path', async () => {
		expect(handoffArgv((await loadJob('ingest'))!, ['sales.csv'], '/home/olga')).toEqual(['ingest', 'sales.csv', '--cwd', '/home/olga']);
		expect(handoffArgv((await loadJob('export'))!, ['segment', 'VIP', '--out', 'vip.csv'], '/tmp')).toEqual(['export', 'segment', 'VIP', '--out', 'vip.csv', '--cwd', '/tmp']);
		expect(handoffArgv((await loadJob('sql'))!, ['select 1'], '/tmp')).toEqual(['sql', 'select 1']);
	});
});

describe('a job handed to the server', () => {
	let temp: TempWarehouse;
	beforeEach(async () => {
		temp = await tempWarehouse();
	});
	afterEach(() => temp.close());

	const run = async (argv: string[], messages: HandoffMessage[]) => {
		const [name, ...rest] = argv;
		const job = await handedJob(name);
		await runHandedJob(job!, rest, { paths: temp.paths, warehouse: temp.warehouse, actor: 'olga (cli)', send: (message) => messages.push(message) });
	};

	it('sends its output, then its exit code', async () => {
		const messages: HandoffMessage[] = [];
		await run(['sql', 'select 2 + 3 as n', '--format', 'csv'], messages);
		expect(messages).toEqual([
			{ type: 'out', text: 'n\r\n5\n' },
			{ type: 'exit', code: 0 }
		]);
	});

	it('sends a usage mistake on stderr with the usage, and exit code 2', async () => {
		const messages: HandoffMessage[] = [];
		await run(['sql', 'select 1', '--format', 'xml'], messages);
		expect(messages).toEqual([
			{ type: 'err', text: 'error: unknown format «xml»: use table, csv or json\n' },
			{ type: 'out', text: 'usage: oborot sql "<query>" [--format table|csv|json]\n' },
			{ type: 'exit', code: 2 }
		]);
	});

	it('waits for the write turn when it writes, and reads at once', async () => {
		let release!: () => void;
		const turn = temp.warehouse.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
		const writes: HandoffMessage[] = [];
		const reads: HandoffMessage[] = [];
		const write = run(['users', 'list'], writes);
		await run(['sql', 'select 1 as one', '--format', 'json'], reads);
		expect(reads.at(-1)).toEqual({ type: 'exit', code: 0 });
		// The scheduler's job (the turn above) still holds the warehouse: users has not run.
		expect(writes).toEqual([]);
		release();
		await Promise.all([turn, write]);
		expect(writes.at(-1)).toEqual({ type: 'exit', code: 0 });
		expect(writes[0]).toMatchObject({ type: 'out', text: expect.stringContaining('no users yet') });
	});
});
