import { describe, expect, it } from 'vitest';
import { addMonths, calendarMonth, formatMonth, parseMonth } from './months.ts';

describe('months', () => {
	it('counts months as year·12 + month − 1', () => {
		expect(parseMonth('2024-01')).toBe(2024 * 12);
		expect(parseMonth('2024-12')).toBe(2024 * 12 + 11);
		expect(formatMonth(2024 * 12 + 11)).toBe('2024-12');
	});

	it('adds months across year ends both ways', () => {
		expect(addMonths('2024-11', 3)).toBe('2025-02');
		expect(addMonths('2025-02', -3)).toBe('2024-11');
		expect(addMonths('1949-01', 144)).toBe('1961-01');
		expect(calendarMonth('2023-07')).toBe(7);
	});

	it('refuses labels that are not YYYY-MM', () => {
		for (const bad of ['2024-13', '2024-1', '2024/01', '2024-01-01', '']) {
			expect(() => parseMonth(bad)).toThrow(/YYYY-MM/);
		}
	});
});
