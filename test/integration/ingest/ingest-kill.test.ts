import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../src/lib/server/ingest/index.ts';
import { Warehouse } from '../../../src/lib/server/warehouse/index.ts';
import { cp1251, repoRoot, sandbox, write, type Sandbox } from './helpers.ts';

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

/** A cp1251 sales export big enough that loading takes seconds. */
function bigExport(file: string, rows: number): void {
	const fd = fs.openSync(file, 'w');
	fs.writeSync(fd, cp1251('Документ;№;Дата;Контрагент;Артикул;Количество;Цена;Сумма\n'));
	const chunk: string[] = [];
	for (let i = 0; i < rows; i++) {
		chunk.push(`Б-${i};1;${String((i % 28) + 1).padStart(2, '0')}.03.2024;ООО Покупатель ${i % 997};SKU-${i % 300};${(i % 9) + 1};${100 + (i % 50)},50;${(100 + (i % 50)) * ((i % 9) + 1)},00`);
		if (chunk.length === 50_000) {
			fs.writeSync(fd, cp1251(`${chunk.join('\n')}\n`));
			chunk.length = 0;
		}
	}
	if (chunk.length) fs.writeSync(fd, cp1251(`${chunk.join('\n')}\n`));
	fs.closeSync(fd);
}

async function state(warehouse: Warehouse) {
	const [row] = await warehouse.query(
		`select (select count(*) from raw.accounting_sales) as sales, (select count(*) from audit.files) as files,
			(select count(*) from audit.rejected_rows) as rejected, (select max(file_id) from audit.files) as last_file`
	);
	return row;
}

describe('a load killed mid-file', () => {
	it('leaves the warehouse as it was, and the next load works', async () => {
		box = await sandbox();
		const small = write(box.dir, 'sales-small.csv', 'Документ;№;Дата;Количество;Сумма\nА-1;1;01.03.2024;1;10\nА-2;1;01.03.2024;один;10\n');
		await ingestFiles(box.warehouse, box.paths, [small]);
		const before = await state(box.warehouse);
		expect(before).toMatchObject({ sales: 1, files: 1, rejected: 1 });
		box.warehouse.close();

		const big = path.join(box.dir, 'sales-big.csv');
		bigExport(big, 600_000);
		const child = spawn(process.execPath, [path.join(repoRoot, 'bin/oborot.js'), 'ingest', big], {
			cwd: repoRoot,
			env: { ...process.env, OBOROT_HOME: box.paths.home, OBOROT_PROJECT: repoRoot },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		await new Promise<void>((resolve, reject) => {
			child.stderr.on('data', (chunk) => {
				stderr += chunk;
				if (/^loading sales-big\.csv/m.test(stderr)) resolve();
			});
			child.on('exit', () => reject(new Error(`ingest ended before loading began: ${stderr}`)));
		});
		// Inside the transaction: DuckDB is reading and typing the rows.
		await new Promise((resolve) => setTimeout(resolve, 400));
		child.kill('SIGKILL');
		const { signal } = await exited;
		expect(signal, 'the load finished before it could be killed; the file is too small').toBe('SIGKILL');
		expect(fs.readdirSync(path.join(box.paths.home, 'tmp')).length).toBeGreaterThan(0);

		const reopened = await Warehouse.open(box.paths.warehouse);
		box.warehouse = reopened;
		expect(await state(reopened)).toEqual(before);

		const next = write(box.dir, 'sales-next.csv', 'Документ;№;Дата;Количество;Сумма\nВ-1;1;02.03.2024;3;30\n');
		const [result] = await ingestFiles(reopened, box.paths, [next]);
		expect(result).toMatchObject({ status: 'loaded', loaded: 1 });
		expect(await state(reopened)).toMatchObject({ sales: 2, files: 2, rejected: 1 });
		// The killed process's decoded copy is cleaned up by the next load.
		expect(fs.readdirSync(path.join(box.paths.home, 'tmp'))).toEqual([]);
	});
});
