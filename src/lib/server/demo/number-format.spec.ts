import { describe, expect, it } from 'vitest';
import { NBSP, formatDecimal, formatKopecks, formatQty1c, rubles } from './number-format.ts';

describe('Russian number formats', () => {
	it('groups thousands and writes a decimal comma from kopecks', () => {
		expect(formatKopecks(123450)).toBe('1 234,50');
		expect(formatKopecks(5)).toBe('0,05');
		expect(formatKopecks(100_000_000_00)).toBe('100 000 000,00');
		expect(formatKopecks(-123456, ',', NBSP)).toBe(`-1${NBSP}234,56`);
		expect(formatKopecks(123450, '-', '')).toBe('1234-50');
	});

	it('formats other numbers and 1C quantities', () => {
		expect(formatDecimal(1234.5, 2, ',', ' ')).toBe('1 234,50');
		expect(formatDecimal(-0.004, 2)).toBe('0,00');
		expect(formatQty1c(12)).toBe('12,000');
		expect(formatQty1c(-3)).toBe('-3,000');
		expect(rubles(123456)).toBe(1234.56);
	});
});
