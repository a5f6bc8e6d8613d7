import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestInbox, previewFile } from '../../../src/lib/server/ingest/index.ts';
import { cp1251, repoRoot, sandbox, write, writeXlsx, type Sandbox } from './helpers.ts';

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

const STATEMENT = 'Номер документа;Дата операции;Сумма;Плательщик;ИНН плательщика;Назначение платежа\n101;01.03.2024;15 000,00;ООО Альфа;7701234567;Оплата по счету 55\n102;01.03.2024;abc;ООО Бета;7702;Оплата\n';

describe('inbox', () => {
	it('loads new files of each family and moves them to the archive, failed ones to archive/<family>/failed', async () => {
		box = await sandbox();
		write(box.paths.inbox, 'payments/выписка-01.csv', cp1251(STATEMENT));
		write(box.paths.inbox, 'payments/unknown.csv', 'Колонка;Другая\n1;2\n');
		write(box.paths.inbox, 'payments/~$выписка.xlsx', 'excel lock file');
		write(box.paths.inbox, 'stock/skus.csv', 'Артикул;Наименование;Категория;Срок поставки дн\nA;Обогреватель;Климат;14\n');
		const results = await ingestInbox(box.warehouse, box.paths, undefined, { minAgeMs: 0 });
		const byName = Object.fromEntries(results.map((r) => [r.name, r]));
		expect(Object.keys(byName).sort()).toEqual(['skus.csv', 'unknown.csv', 'выписка-01.csv']);
		expect(byName['выписка-01.csv']).toMatchObject({ status: 'loaded', family: 'payments', entity: 'bank_payments', loaded: 1, rejected: 1 });
		expect(byName['выписка-01.csv'].archivedTo).toBe(path.join(box.paths.archive, 'payments', 'выписка-01.csv'));
		expect(byName['unknown.csv'].status).toBe('failed');
		expect(byName['unknown.csv'].archivedTo).toBe(path.join(box.paths.archive, 'payments', 'failed', 'unknown.csv'));
		expect(byName['skus.csv']).toMatchObject({ status: 'loaded', family: 'stock', entity: 'skus' });
		expect(fs.readdirSync(path.join(box.paths.inbox, 'payments'))).toEqual(['~$выписка.xlsx']);
		expect(await box.warehouse.query('select doc_no, amount, payer_inn from raw.payments_bank_payments')).toEqual([
			{ doc_no: '101', amount: 15000, payer_inn: '7701234567' }
		]);

		// The bank sends the same statement again under a new name: archived, nothing loaded twice.
		write(box.paths.inbox, 'payments/выписка-01.csv', cp1251(STATEMENT));
		const again = await ingestInbox(box.warehouse, box.paths, 'payments', { minAgeMs: 0 });
		expect(again.map((r) => r.status)).toEqual(['skipped']);
		expect(again[0].archivedTo).toBe(path.join(box.paths.archive, 'payments', 'выписка-01-2.csv'));
		expect(await ingestInbox(box.warehouse, box.paths, 'payments', { minAgeMs: 0 })).toEqual([]);
	});

	it('leaves a file that may still be being copied for the next run', async () => {
		box = await sandbox();
		write(box.paths.inbox, 'payments/выписка.csv', cp1251(STATEMENT));
		expect(await ingestInbox(box.warehouse, box.paths, 'payments', { minAgeMs: 60_000 })).toEqual([]);
		expect(fs.existsSync(path.join(box.paths.inbox, 'payments', 'выписка.csv'))).toBe(true);
	});
});

describe('preview', () => {
	it('shows detection, mapping and the first rows as they would land, without loading', async () => {
		box = await sandbox();
		const file = write(box.dir, 'выписка.csv', cp1251(STATEMENT));
		const preview = await previewFile(box.paths, file);
		expect(preview).toMatchObject({ family: 'payments', entity: 'bank_payments', kind: 'csv' });
		expect(preview.dialect).toMatchObject({ encoding: 'windows-1251', delimiter: ';', decimal: ',' });
		expect(preview.columns.find((c) => c.column === 'amount')).toMatchObject({ header: 'Сумма', via: 'alias', required: true });
		expect(preview.columns.find((c) => c.column === 'invoice_no')?.header).toBeNull();
		expect(preview.rows).toEqual([
			expect.objectContaining({ rowNo: 2, reason: null, reasonRu: null, values: expect.objectContaining({ doc_no: '101', date: '2024-03-01', amount: 15000 }) }),
			expect.objectContaining({ rowNo: 3, reason: 'amount (Сумма): not a number «abc»', reasonRu: 'столбец «Сумма»: не число «abc»' })
		]);
		const tables = await box.warehouse.query("select count(*) as n from audit.files");
		expect(tables).toEqual([{ n: 0 }]);
	});

	it('previews a named XLSX sheet with sheet row numbers', async () => {
		box = await sandbox();
		const file = await writeXlsx(path.join(box.dir, 'book.xlsx'), [
			{ name: 'Notes', rows: [['nothing here']] },
			{ name: 'Остатки', rows: [['Остатки на 01.03.2024'], ['Артикул', 'Склад', 'Остаток', 'Дата'], ['A', 'Основной', 5, new Date(Date.UTC(2024, 2, 1))], ['B', 'Основной', 'много', new Date(Date.UTC(2024, 2, 1))]] }
		]);
		const preview = await previewFile(box.paths, file, { overrides: { sheet: 'Остатки' } });
		expect(preview).toMatchObject({ kind: 'xlsx', entity: 'balances' });
		expect(preview.dialect).toMatchObject({ sheet: 'Остатки', headerRow: 2 });
		expect(preview.rows.map((r) => [r.rowNo, r.reason, r.reasonRu])).toEqual([
			[3, null, null],
			[4, 'qty (Остаток): not a number «много»', 'столбец «Остаток»: не число «много»']
		]);
	});
});

describe('oborot ingest', () => {
	it('prints read / loaded / rejected per file and exits non-zero when a file could not be loaded', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-cli-'));
		try {
			const home = path.join(dir, 'home');
			write(dir, 'in/выписка.csv', cp1251(STATEMENT));
			write(dir, 'in/sub/unknown.csv', 'Колонка;Другая\n1;2\n');
			const run = (args: string[]) =>
				spawnSync(process.execPath, [path.join(repoRoot, 'bin/oborot.js'), 'ingest', ...args], {
					cwd: repoRoot,
					env: { ...process.env, OBOROT_HOME: home, OBOROT_PROJECT: repoRoot },
					encoding: 'utf8'
				});
			const first = run([path.join(dir, 'in'), '--source', 'payments']);
			expect(first.status).toBe(1);
			expect(first.stdout).toContain('выписка.csv → payments.bank_payments (windows-1251, delimiter \';\', header line 1, decimal \',\')');
			expect(first.stdout).toContain('  read 2 · loaded 1 · rejected 1');
			expect(first.stdout).toContain('  row 3: amount (Сумма): not a number «abc»');
			expect(first.stderr).toMatch(/error: unknown\.csv: no known export/);
			// As a running server gets it from the CLI (handoffArgs): a relative name and the CLI's folder.
			const second = run([path.join('in', 'выписка.csv'), '--cwd', dir]);
			expect(second.status).toBe(0);
			expect(second.stdout).toMatch(/already loaded \(file #\d+ on \d{4}-/);
			const usage = run(['--source', 'nosuch', path.join(dir, 'in')]);
			expect(usage.status).not.toBe(0);
			expect(usage.stderr).toContain('unknown source «nosuch»');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
