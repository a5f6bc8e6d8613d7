import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles, previewFile } from '../../../src/lib/server/ingest/index.ts';
import { HEAD_BYTES } from '../../../src/lib/server/ingest/text-file.ts';
import { projectCopy, repoRoot, sandbox, write, type Sandbox } from './helpers.ts';

/**
 * Slash dates (3/1/2017) are day-first or month-first by the whole column, decided in
 * DuckDB over every value at load: a value with a part above 12 decides, wherever it is.
 */

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

/** Sales lines whose dates are all ambiguous (03/04/2024) for more than the detection head, then one 02/13/2024. */
function lateDecidingFile(dir: string): { file: string; lines: number } {
	const rows = ['Документ;Дата;Количество;Сумма'];
	let bytes = rows[0].length;
	for (let n = 1; bytes < HEAD_BYTES + 64 * 1024; n++) {
		const row = `Р-${n};03/04/2024;1;10`;
		rows.push(row);
		bytes += row.length + 1;
	}
	rows.push('Р-последний;02/13/2024;1;10');
	return { file: write(dir, 'sales-us-dates.csv', `${rows.join('\n')}\n`), lines: rows.length - 1 };
}

describe('slash dates by the whole column', () => {
	it('reads a file month-first when only a row after the first 256 KB shows it, and says why', async () => {
		box = await sandbox();
		const { file, lines } = lateDecidingFile(box.dir);
		expect(fs.statSync(file).size).toBeGreaterThan(HEAD_BYTES);
		const [r] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(r).toMatchObject({ status: 'loaded', entity: 'sales', read: lines, loaded: lines, rejected: 0 });
		expect(r.dialect?.dateOrder).toEqual({
			order: 'month-first',
			by: 'values',
			scope: 'file',
			firstAbove12: 0,
			secondAbove12: 1,
			columns: ['date'],
			// the value that shows it, under its header: what the upload page quotes
			evidence: { header: 'Дата', value: '02/13/2024' }
		});
		expect(r.dialect?.dayFirst).toBe(false);
		expect(r.notes).toContain('slash dates of date read as mm/dd/yyyy: 1 values in the whole column have a second part above 12 («Дата» has 02/13/2024)');
		// 03/04/2024 month-first is the 4th of March; 02/13/2024 the 13th of February.
		expect(await box.warehouse.query(`select date::VARCHAR as date, count(*)::INT as n from raw.accounting_sales group by 1 order by 1`)).toEqual([
			{ date: '2024-02-13', n: 1 },
			{ date: '2024-03-04', n: lines - 1 }
		]);
	});

	it('previews the file as the load will read it, and the flag overrides the values', async () => {
		box = await sandbox();
		const { file, lines } = lateDecidingFile(box.dir);
		const preview = await previewFile(box.paths, file, { rows: 1 });
		expect(preview.dialect.dateOrder).toMatchObject({ order: 'month-first', scope: 'file', secondAbove12: 1 });
		expect(preview.rows[0].values.date).toBe('2024-03-04');

		const [r] = await ingestFiles(box.warehouse, box.paths, [file], { overrides: { date_order: 'day-first' } });
		// Day-first as told: 03/04/2024 is the 3rd of April, and 02/13/2024 is no date at all.
		expect(r).toMatchObject({ status: 'loaded', read: lines, loaded: lines - 1, rejected: 1 });
		expect(r.dialect?.dateOrder).toMatchObject({ order: 'day-first', by: 'override' });
		expect(r.samples).toEqual([{ rowNo: lines + 1, reason: 'date (Дата): not a date «02/13/2024» (expected dd/mm/yyyy)' }]);
		expect(await box.warehouse.query(`select distinct date::VARCHAR as date from raw.accounting_sales`)).toEqual([{ date: '2024-04-03' }]);
	});

	it('reads the Maven CRM corpus (US m/d/yyyy) month-first', async () => {
		box = await sandbox();
		const project = projectCopy(box.dir);
		// The corpus's own column names, mapped once for this test (crm.yml's aliases are another slice's).
		write(project, 'ingest/mappings/maven.yml', [
			'entity: crm.deals',
			"files: ['sales_pipeline*']",
			'columns:',
			'  opportunity_id: deal_id',
			'  sales_agent: manager',
			'  deal_stage: stage',
			'  engage_date: created_at',
			'  close_date: closed_at',
			'  close_value: amount',
			''
		].join('\n'));
		box.warehouse.close();
		const maven = await sandbox(project);
		try {
			const [r] = await ingestFiles(maven.warehouse, maven.paths, [path.join(repoRoot, 'test/fixtures/corpus/maven_crm/sales_pipeline.csv')]);
			expect(r).toMatchObject({ status: 'loaded', family: 'crm', entity: 'deals' });
			expect(r.dialect?.dateOrder).toMatchObject({ order: 'month-first', by: 'values', scope: 'file', firstAbove12: 0 });
			expect(r.dialect?.dateOrder?.secondAbove12).toBeGreaterThan(1000);
			// 1C1I7A6R: engaged 10/20/2016, closed 3/1/2017 (the 1st of March).
			const [deal] = await maven.warehouse.query(`select created_at::DATE::VARCHAR as created, closed_at::DATE::VARCHAR as closed from raw.crm_deals where deal_id = '1C1I7A6R'`);
			expect(deal).toEqual({ created: '2016-10-20', closed: '2017-03-01' });
		} finally {
			maven.close();
			box.close();
			box = undefined;
		}
	});
});

describe('oborot ingest: what it detected', () => {
	it('prints the skipped total line always, the evidence and runner-up with --verbose, and takes --date-order', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-cli-'));
		try {
			const home = path.join(dir, 'home');
			const slash = write(dir, 'sales-slash.csv', 'Документ;Дата;Количество;Сумма\nР-1;03/04/2024;1;10\n');
			const run = (args: string[]) =>
				spawnSync(process.execPath, [path.join(repoRoot, 'bin/oborot.js'), 'ingest', ...args], {
					cwd: repoRoot,
					env: { ...process.env, OBOROT_HOME: home, OBOROT_PROJECT: repoRoot },
					encoding: 'utf8'
				});
			const out = run([path.join(repoRoot, 'test/fixtures/1c/ut11-prodazhi.csv'), slash, '--date-order', 'month-first', '--verbose']);
			expect(out.stderr).not.toMatch(/error/);
			expect(out.status).toBe(0);
			expect(out.stdout).toContain('ut11-prodazhi.csv → accounting.sales');
			expect(out.stdout).toContain('  read 8 · loaded 8 · rejected 0');
			expect(out.stdout).toContain('  skipped: total line 13 («Итого»)');
			expect(out.stdout).toMatch(/ {2}detected as accounting\.sales, score [\d.]+: 14 of 15 headers are its columns \(\+14\); header «Валовая прибыль» is typical of sales lines/);
			expect(out.stdout).toMatch(/ {2}runner-up accounting\.sales_documents \(score [\d.]+ vs [\d.]+\): does not use «Артикул»/);
			expect(out.stdout).toContain('note: slash dates of date read as mm/dd/yyyy (as told)');
			const bad = run([slash, '--date-order', 'sideways']);
			expect(bad.status).not.toBe(0);
			expect(bad.stderr).toContain('--date-order takes day-first (dd/mm/yyyy) or month-first (mm/dd/yyyy)');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
