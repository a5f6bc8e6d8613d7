import { describe, expect, it } from 'vitest';
import { escapeFormula, safeCell } from './escape.ts';

describe('formula escaping (OWASP CSV injection)', () => {
	it('prefixes text that a spreadsheet would run', () => {
		expect(escapeFormula('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
		expect(escapeFormula('+79161234567')).toBe("'+79161234567");
		expect(escapeFormula('-2+3')).toBe("'-2+3");
		expect(escapeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(escapeFormula('\t=1')).toBe("'\t=1");
		expect(escapeFormula('\r=1')).toBe("'\r=1");
		// papaparse's own escapeFormulae misses this one: its /^[=+\-@\t\r].*$/ has no s flag
		expect(escapeFormula('=1\n+2')).toBe("'=1\n+2");
	});

	it('leaves everything else alone', () => {
		for (const text of ['ООО «Альфа»', 'a=b', ' =1', '', "'=1 already", 'info@alfa.ru', '2026-01-10']) expect(escapeFormula(text)).toBe(text);
	});

	it('keeps numbers as numbers, negative ones too, and writes empties as null', () => {
		expect(safeCell(-1500.5)).toBe(-1500.5);
		expect(safeCell(Number.NaN)).toBeNull();
		expect(safeCell(null)).toBeNull();
		expect(safeCell(undefined)).toBeNull();
		expect(safeCell(true)).toBe('true');
		expect(safeCell('-5')).toBe("'-5");
	});
});
