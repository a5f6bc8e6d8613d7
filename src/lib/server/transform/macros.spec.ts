import { describe, expect, it } from 'vitest';
import { splitStatements } from './macros.ts';

describe('splitStatements', () => {
	it('splits on semicolons outside quotes and comments, with the line each statement starts on', () => {
		const sql = [
			'-- header; not a statement',
			"create macro parts(x) as string_split_regex(x, '[,;]+');",
			'/* a; b',
			'   c */ create macro q(x) as "we;ird" || x || \'it\'\'s; fine\';',
			'',
			'create macro last(x) as x -- no semicolon at the end',
			'-- trailing comment; only'
		].join('\n');
		expect(splitStatements(sql)).toEqual([
			{ line: 2, text: "-- header; not a statement\ncreate macro parts(x) as string_split_regex(x, '[,;]+')" },
			{ line: 4, text: '/* a; b\n   c */ create macro q(x) as "we;ird" || x || \'it\'\'s; fine\'' },
			{ line: 6, text: 'create macro last(x) as x -- no semicolon at the end\n-- trailing comment; only' }
		]);
	});

	it('finds nothing in a file of comments and blank lines', () => {
		expect(splitStatements('-- nothing here;\n\n/* ; */\n;\n')).toEqual([]);
	});
});
