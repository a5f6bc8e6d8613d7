import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainValueConverter, quoteLiteral, type SqlValue } from '../warehouse/index.ts';
import { VALUE_MACROS_SQL, typedValueSql, unreadableReasonSql, type ValueOptions } from './value-sql.ts';
import { columnDateFormats } from './date-formats.ts';
import type { ColumnType } from './types.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(':memory:');
	connection = await instance.connect();
	await connection.run(VALUE_MACROS_SQL);
});
afterAll(() => {
	connection.closeSync();
	instance.closeSync();
});

async function evaluate(type: ColumnType, values: (string | null)[], options: ValueOptions): Promise<SqlValue[]> {
	const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : quoteLiteral(v)})`).join(', ');
	const reader = await connection.runAndReadAll(
		`select ${typedValueSql(type, 'c', options)} as v from (values ${rows}) t(i, c) order by i`
	);
	return reader.convertRowObjects(plainValueConverter).map((r) => r.v);
}

const comma: ValueOptions = { decimal: ',', dateFormats: [] };
const dot: ValueOptions = { decimal: '.', dateFormats: [] };

describe('number and money SQL', () => {
	it('reads decimal-comma exports with every thousands separator and currency mark', async () => {
		const values = ['1 000,50', '1\u00a0000,50', '1\u202f000,50', '1.000,50', '1000,5', '1 000,50 ₽', '1000,50 руб.', '1 000,50р.', '1000,50 грн', '$1000.50', '1000,50 RUB', 'USD 1000,50'];
		expect(await evaluate('money', values, comma)).toEqual(values.map(() => 1000.5));
	});
	it('reads negatives in brackets and with a unicode minus', async () => {
		expect(await evaluate('number', ['(12,5)', '−12,5', '-12,5', '– 12,5'], comma)).toEqual([-12.5, -12.5, -12.5, -12.5]);
	});
	it('reads dot-decimal exports with comma thousands', async () => {
		expect(await evaluate('number', ['1,000.25', '1000.25', '12', '0.5', '1,000'], dot)).toEqual([1000.25, 1000.25, 12, 0.5, 1000]);
	});
	it('takes "1.000" as one thousand in a decimal-comma file, and "12.5" as twelve and a half', async () => {
		expect(await evaluate('number', ['1.000', '1.234.567', '12.5'], comma)).toEqual([1000, 1234567, 12.5]);
	});
	it('gives NULL for text, empty cells and things try_cast would accept but are no export numbers', async () => {
		expect(await evaluate('number', ['abc', '', null, '1_000', 'inf', 'NaN', '1-2', '12,5,6'], comma)).toEqual([null, null, null, null, null, null, null, null]);
	});
	it('rounds money to kopecks', async () => {
		// 10,005 → 10.01 (DuckDB rounds half away from zero on DECIMAL casts); 0,004 → 0.00
		expect(await evaluate('money', ['10,005', '0,004'], comma)).toEqual([10.01, 0]);
	});
	it('reads integers, rejecting fractions', async () => {
		expect(await evaluate('integer', ['42', '1 200', '-3', '12,0', '12,5', 'x'], comma)).toEqual([42, 1200, -3, 12, null, null]);
	});
	it('explains why a number could not be read', async () => {
		const reason = unreadableReasonSql('integer', 'c', comma);
		const reader = await connection.runAndReadAll(`select ${reason.en} as en, ${reason.ru} as ru from (values ('12,5'), ('abc')) t(c)`);
		expect(reader.getRows()).toEqual([
			['not a whole number «12,5»', 'не целое число «12,5»'],
			['not a number «abc»', 'не число «abc»']
		]);
	});
});

describe('date and timestamp SQL', () => {
	it('parses with the column formats and gives the first day for month formats', async () => {
		const formats = columnDateFormats(['31.01.2024'], true);
		const got = await evaluate('date', ['31.01.2024', '01.02.2024 0:00:00', '2024-02-29', '03.2024', '2024-04', '20240105', '07.06.24'], { decimal: ',', dateFormats: formats });
		expect(got).toEqual(['2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01', '2024-04-01', '2024-01-05', '2024-06-07']);
	});
	it('rejects impossible dates instead of rolling them over', async () => {
		expect(await evaluate('date', ['32.01.2024', '29.02.2023', '2024-13-01', 'завтра'], { decimal: ',', dateFormats: ['%d.%m.%Y', '%Y-%m-%d'] })).toEqual([null, null, null, null]);
	});
	it('reads ISO timestamps in UTC ("Z") from CRM exports', async () => {
		const got = await evaluate('timestamp', ['2024-02-01T10:15:30Z', '2024-02-01T10:15:30.250Z'], { decimal: ',', dateFormats: columnDateFormats(['2024-02-01T10:15:30Z'], true) });
		expect(got).toEqual(['2024-02-01 10:15:30', '2024-02-01 10:15:30.25']);
	});
	it('reads timestamps with and without seconds', async () => {
		const got = await evaluate('timestamp', ['01.02.2024 10:15', '2024-02-01 10:15:30', '01.02.2024'], { decimal: ',', dateFormats: ['%d.%m.%Y %H:%M', '%Y-%m-%d %H:%M:%S', '%d.%m.%Y'] });
		expect(got).toEqual(['2024-02-01 10:15:00', '2024-02-01 10:15:30', '2024-02-01 00:00:00']);
	});
});

describe('boolean and text SQL', () => {
	it('reads yes/no words in Russian, Ukrainian and English, empty = NULL', async () => {
		const got = await evaluate('boolean', ['да', 'Нет', 'так', 'ні', 'yes', 'FALSE', '1', '0', '+', '-', 'x', '✓', '', 'может быть'], comma);
		expect(got).toEqual([true, false, true, false, true, false, true, false, true, false, true, true, null, null]);
	});
	it('trims text and turns blanks into NULL', async () => {
		expect(await evaluate('text', ['  ООО «Альфа» ', '   ', null], comma)).toEqual(['ООО «Альфа»', null, null]);
	});
});
