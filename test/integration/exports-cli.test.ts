import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exportCommand from '../../src/lib/server/jobs/export.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import { prepareSegmentExport } from '../../src/lib/server/exports/index.ts';
import { createSegment } from '../../src/lib/server/segments/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import ExcelJS from '../../src/lib/server/xlsx/exceljs.ts';
import { segmentsWarehouse, type SegmentsWarehouse } from '../fixtures/segments/fixture.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';

// `oborot export segment …` as a user runs it (a child process on the fixture warehouse),
// and as a running server runs it for a CLI (the handoff), writing into the CLI's folder.
let fx: SegmentsWarehouse;
let cwd: string;

beforeAll(async () => {
	fx = await segmentsWarehouse();
	await createSegment(fx.warehouse, { name: 'Все клиенты', definition: { conditions: [] } }, 'marina');
	await createSegment(fx.warehouse, { name: 'Казань', definition: { conditions: [{ type: 'city', values: ['Казань'] }] } }, 'marina');
	fx.warehouse.close();
	cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-export-cwd-'));
});
afterAll(() => {
	fx?.close();
	fs.rmSync(cwd, { recursive: true, force: true });
});

function oborot(...args: string[]) {
	const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'oborot.js'), ...args], {
		cwd,
		env: { ...process.env, OBOROT_HOME: fx.dir, OBOROT_PROJECT: fx.dir },
		encoding: 'utf8'
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withWarehouse<T>(fn: (warehouse: Warehouse) => Promise<T>): Promise<T> {
	const warehouse = await Warehouse.open(fx.paths.warehouse);
	try {
		return await fn(warehouse);
	} finally {
		warehouse.close();
	}
}

describe('oborot export segment', () => {
	it('writes the same CSV the web downloads, relative to the current folder', async () => {
		const run = oborot('export', 'segment', 'Все клиенты', '--out', 'out/все.csv', '--delimiter', ';');
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const file = path.join(cwd, 'out', 'все.csv');
		expect(run.stdout).toContain(`6 rows of «Все клиенты» (all) written to ${file}`);
		const web = await withWarehouse(async (warehouse) => {
			const prepared = await prepareSegmentExport(warehouse, { segment: 'Все клиенты', format: 'csv', channel: 'all', delimiter: ';', locale: 'ru', username: 'web', via: 'web' });
			const chunks: Buffer[] = [];
			const sink = new (await import('node:stream')).PassThrough();
			sink.on('data', (chunk: Buffer) => chunks.push(chunk));
			await prepared.run(sink);
			return Buffer.concat(chunks);
		});
		expect(fs.readFileSync(file).equals(web)).toBe(true);
	});

	it('names the file after the segment, channel and day when --out is not given; logs it as a CLI export', async () => {
		const run = oborot('export', 'segment', 'Казань', '--format', 'xlsx', '--channel', 'sms');
		expect(run.code).toBe(0);
		const written = fs.readdirSync(cwd).filter((name) => name.endsWith('.xlsx'));
		expect(written).toEqual([`Казань-sms-${new Date().toISOString().slice(0, 10)}.xlsx`]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(path.join(cwd, written[0]));
		// Казань: C02, C06, C10, all reachable by SMS; a header row + 3
		expect(workbook.worksheets[0].rowCount).toBe(4);
		const logged = await withWarehouse((warehouse) => warehouse.query("select username, format, row_count, via from audit.exports where segment = 'Казань'"));
		expect(logged).toEqual([{ username: os.userInfo().username, format: 'xlsx', row_count: 3, via: 'cli' }]);
	});

	it('writes CSV to stdout with --out -', () => {
		const run = oborot('export', 'segment', 'Казань', '--out', '-', '--channel', 'email');
		expect(run.code).toBe(0);
		// C02 refused e-mail: C06 and C10
		// (the child's stdout is decoded here without its BOM)
		expect(run.stdout.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(',')[0])).toEqual(['ID клиента', 'C06', 'C10']);
	});

	it('explains mistakes: unknown segment (1), bad arguments (2)', () => {
		const missing = oborot('export', 'segment', 'Нет такого');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('no saved segment «Нет такого»');
		expect(oborot('export', 'segment', 'Казань', '--format', 'pdf').stderr).toContain('unknown format «pdf»');
		expect(oborot('export', 'segment', 'Казань', '--format', 'pdf').code).toBe(2);
		expect(oborot('export', 'customers').stderr).toContain('only «segment» is exported');
		expect(oborot('export', 'segment', 'Казань', '--format', 'xlsx', '--out', '-').code).toBe(2);
	});
});

describe('handed over to a running server', () => {
	it('the server writes the file at the CLI’s folder, not its own', async () => {
		const token = crypto.randomBytes(16).toString('hex');
		const argv = ['export', ...exportCommand.handoffArgs!(['segment', 'Казань', '--out', 'handed.csv'], cwd)];
		const body = await withWarehouse(async (warehouse) => {
			const app = createApiApp({ paths: fx.paths, warehouse: async () => warehouse, adminToken: () => token });
			const response = await app.fetch(
				new Request('http://localhost/api/admin/run', {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					body: JSON.stringify({ argv, actor: 'marina' })
				}),
				{ user: null, locale: 'ru' }
			);
			return response.text();
		});
		expect(body.trim().split('\n').at(-1)).toBe('{"type":"exit","code":0}');
		expect(fs.readFileSync(path.join(cwd, 'handed.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
		expect(fs.existsSync(path.join(repoRoot, 'handed.csv'))).toBe(false);
	});
});
