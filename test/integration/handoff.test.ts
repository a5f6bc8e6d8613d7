import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkRepositoryProject, runCli, startServer, type E2eServer } from '../e2e/harness/server.ts';

/**
 * DuckDB lets one process open the warehouse while `oborot serve` holds it for
 * writing, so CLI commands from another terminal must hand their job to the server.
 */
let server: E2eServer;

beforeAll(async () => {
	server = await startServer(async ({ project }) => {
		linkRepositoryProject(project);
	});
});

afterAll(async () => {
	await server?.stop();
});

describe('CLI commands while oborot serve holds the warehouse', () => {
	it('ingest is run by the server and loads the file', async () => {
		const file = path.join(server.project, 'продажи.csv');
		// Two good lines and one with an impossible date (row 4).
		fs.writeFileSync(
			file,
			'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Сумма\n' +
				'Р-1;1;01.02.2024;ООО «Альфа»;7707083893;A1;2;2 001,00\n' +
				'Р-1;2;01.02.2024;ООО «Альфа»;7707083893;A2;1;500,00\n' +
				'Р-2;1;31.02.2024;ИП Петров;;A1;1;1000\n'
		);
		const result = await runCli(server, ['ingest', file]);
		expect(result.stderr).toContain(`running on the oborot server at http://localhost:${new URL(server.url).port}`);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('accounting.sales');
		expect(result.stdout).toMatch(/read 3 · loaded 2 · rejected 1/);
	});

	it('sql reads through the server and sees what was loaded', async () => {
		const result = await runCli(server, ['sql', 'select count(*) as n, sum(amount) as total from raw.accounting_sales', '--format', 'json']);
		expect(result.code).toBe(0);
		// 2001.00 + 500.00 from the two good lines above.
		expect(JSON.parse(result.stdout)).toEqual([{ n: 2, total: 2501 }]);
	});

	it('build is run by the server (its write turn is re-entrant) and publishes', async () => {
		const result = await runCli(server, ['build', '--select', '+fct_sales']);
		expect(result.code, result.stderr + result.stdout).toBe(0);
		expect(result.stdout).toContain('Published');
		const check = await runCli(server, ['sql', 'select sum(revenue) as revenue from marts.fct_sales', '--format', 'json']);
		expect(JSON.parse(check.stdout)).toEqual([{ revenue: 2501 }]);
	});

	it('a write query is refused, and the server keeps serving', async () => {
		const result = await runCli(server, ['sql', 'drop table raw.accounting_sales']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('only SELECT');
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
	});
});
