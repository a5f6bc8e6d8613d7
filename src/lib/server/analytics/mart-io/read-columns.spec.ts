import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumberSql, readColumns } from './read-columns.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	connection = await instance.connect();
});
afterAll(() => {
	connection.closeSync();
	instance.closeSync();
});

describe('readColumns', () => {
	it('reads text, int and float columns in query order, across many chunks', async () => {
		// 5,000 rows is three DuckDB chunks (2,048 rows each) and several doublings of the 1,024-slot arrays.
		const columns = await readColumns(
			connection,
			`select 'c' || (i % 7), i::integer, i / 4 from range(5000) t(i) order by i`,
			{ id: 'text', n: 'int', quarter: 'float' }
		);
		expect(columns.length).toBe(5000);
		expect(columns.n).toBeInstanceOf(Int32Array);
		expect(columns.quarter).toBeInstanceOf(Float64Array);
		expect(columns.n.length).toBe(5000);
		expect([columns.id[0], columns.id[6], columns.id[4999]]).toEqual(['c0', 'c6', 'c1']); // 4999 = 7 × 714 + 1
		expect([columns.n[2048], columns.n[4999]]).toEqual([2048, 4999]);
		expect(columns.quarter[4999]).toBe(1249.75);
	});

	it('reads NULL as NaN in a float column and refuses it in text and int columns', async () => {
		const floats = await readColumns(connection, 'select * from (values (1.5), (null)) t(x)', { x: 'float' });
		expect(Array.from(floats.x)).toEqual([1.5, Number.NaN]);
		await expect(readColumns(connection, 'select * from (values (1), (null)) t(x)', { x: 'int' })).rejects.toThrow('column «x» is NULL in row 2');
		await expect(readColumns(connection, `select * from (values ('a'), (null)) t(x)`, { x: 'text' })).rejects.toThrow('column «x» is NULL in row 2');
	});

	it('names the expected columns when the query returns another number', async () => {
		await expect(readColumns(connection, 'select 1, 2', { first: 'int' })).rejects.toThrow('query returns 2 columns, expected first');
	});

	it('reads a date as its day number since 1970-01-01', async () => {
		// 1970-01-01 → 0; 2024-03-01: 54 years with 13 leap days (1972 … 2020) = 54 × 365 + 13 = 19,723, + Jan 31 + Feb 29 = 19,783.
		const days = await readColumns(connection, `select ${dayNumberSql("DATE '1970-01-01'")}, ${dayNumberSql("DATE '2024-03-01'")}`, { epoch: 'int', day: 'int' });
		expect([days.epoch[0], days.day[0]]).toEqual([0, 19783]);
	});

	it('returns empty columns for no rows', async () => {
		const none = await readColumns(connection, 'select 1 where false', { one: 'int' });
		expect(none.length).toBe(0);
		expect(none.one.length).toBe(0);
	});
});
