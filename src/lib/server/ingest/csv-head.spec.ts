import { describe, expect, it } from 'vitest';
import { parseHead } from './csv-head.ts';

describe('parseHead', () => {
	it('respects quotes, doubled quotes and quoted line breaks, counting lines as DuckDB does', () => {
		const text = 'a;b\n"x;1";"say ""hi"""\n"multi\nline";2\n\n3;4\n';
		const { records, truncated } = parseHead(text, ';', true);
		expect(truncated).toBe(false);
		expect(records).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['x;1', 'say "hi"'] },
			{ line: 3, fields: ['multi\nline', '2'] },
			{ line: 5, fields: ['3', '4'] }
		]);
	});
	it('leaves out a record cut off at the end of an incomplete head', () => {
		const { records, truncated } = parseHead('a,b\n1,2\n3,"unfinis', ',', false);
		expect(records.map((r) => r.fields)).toEqual([
			['a', 'b'],
			['1', '2']
		]);
		expect(truncated).toBe(true);
	});
	it('handles CRLF line ends', () => {
		expect(parseHead('a\tb\r\n1\t2\r\n', '\t', true).records.map((r) => r.line)).toEqual([1, 2]);
	});
});
