import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from './warehouse.ts';

const opened: Warehouse[] = [];
async function memoryWarehouse(): Promise<Warehouse> {
	const warehouse = await Warehouse.open(':memory:');
	opened.push(warehouse);
	return warehouse;
}
afterEach(() => opened.splice(0).forEach((warehouse) => warehouse.close()));

describe('Warehouse', () => {
	it('returns BIGINT and DECIMAL as numbers and dates as ISO strings', async () => {
		const warehouse = await memoryWarehouse();
		const [row] = await warehouse.query(`select 42::bigint as n, 1234.50::decimal(18,2) as money, date '2024-03-01' as d`);
		expect(row).toEqual({ n: 42, money: 1234.5, d: '2024-03-01' });
	});

	it('applies the audit migrations once and records them', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-wh-'));
		const file = path.join(dir, 'w.duckdb');
		(await Warehouse.open(file)).close();
		const reopened = await Warehouse.open(file);
		opened.push(reopened);
		const versions = await reopened.query<{ version: number }>('select version from audit.schema_migrations order by 1');
		expect(versions.map((v) => v.version)).toEqual([...new Set(versions.map((v) => v.version))]);
		expect(versions[0].version).toBe(1);
		const [files] = await reopened.query<{ n: number }>('select count(*) as n from audit.files');
		expect(files.n).toBe(0);
	});

	it('rolls a failed transaction back', async () => {
		const warehouse = await memoryWarehouse();
		await warehouse.run('create table t (a integer)');
		await expect(
			warehouse.transaction(async (connection) => {
				await connection.run('insert into t values (1)');
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await warehouse.query('select * from t')).toEqual([]);
	});

	it('serialises exclusive jobs and lets a job call another exclusive step without deadlock', async () => {
		const warehouse = await memoryWarehouse();
		const order: string[] = [];
		const first = warehouse.exclusive(async () => {
			order.push('first:start');
			await warehouse.exclusive(async () => order.push('first:nested'));
			await new Promise((resolve) => setTimeout(resolve, 20));
			order.push('first:end');
		});
		const second = warehouse.exclusive(async () => order.push('second'));
		await Promise.all([first, second]);
		expect(order).toEqual(['first:start', 'first:nested', 'first:end', 'second']);
	});

	it('readOnlyQuery runs one SELECT and refuses anything that writes', async () => {
		const warehouse = await memoryWarehouse();
		await warehouse.run('create table t (a integer); insert into t values (1), (2)');
		expect(await warehouse.readOnlyQuery('select sum(a) as s from t')).toEqual({ columns: ['s'], rows: [{ s: 3 }] });
		await expect(warehouse.readOnlyQuery('delete from t')).rejects.toThrow('only SELECT');
		await expect(warehouse.readOnlyQuery('select 1; select 2')).rejects.toThrow('one statement');
		expect(await warehouse.query('select count(*) as n from t')).toEqual([{ n: 2 }]);
	});
});
