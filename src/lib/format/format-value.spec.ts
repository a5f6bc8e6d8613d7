import { describe, expect, it } from 'vitest';
import { changeRatio, defaultFormat, formatChange, formatValue, parseWarehouseDate } from './format-value.ts';

// Intl puts a no-break space (U+00A0) between digit groups and before ₽ / % in Russian.
const nb = (s: string) => s.replace(/ /g, '\u00a0');

describe('formatValue', () => {
	it('formats money in roubles for both languages', () => {
		expect(formatValue(1234567.5, 'money', 'ru')).toBe(nb('1 234 568 ₽'));
		expect(formatValue(12.5, 'money', 'ru')).toBe(nb('12,50 ₽'));
		expect(formatValue(1234567, 'money', 'ru', { compact: true })).toBe(nb('1,2 млн ₽'));
		expect(formatValue(1234567.5, 'money', 'en')).toBe('₽1,234,568');
		expect(formatValue(-1500, 'money', 'en')).toBe('-₽1,500');
	});
	it('formats percents of a fraction and of a percentage', () => {
		expect(formatValue(0.2534, 'percent', 'ru')).toBe(nb('25,3 %'));
		expect(formatValue(25.34, 'percent_value', 'en')).toBe('25.3%');
	});
	it('formats numbers, counts and days', () => {
		expect(formatValue(1234.567, 'number', 'ru')).toBe(nb('1 234,57'));
		expect(formatValue(1234567, 'integer', 'en', { compact: true })).toBe('1.2m');
		expect(formatValue(12, 'days', 'ru')).toBe(nb('12 дн.'));
		expect(formatValue('42', 'integer', 'en')).toBe('42');
	});
	it('formats warehouse dates without shifting them by the time zone', () => {
		expect(formatValue('2024-02-15', 'date', 'ru')).toBe('15.02.2024');
		expect(formatValue('2024-02-15', 'date', 'en')).toBe('15 Feb 2024');
		expect(formatValue('2024-02-01', 'month', 'ru')).toBe('фев 2024');
		expect(formatValue('2024-02-01', 'month', 'en')).toBe('Feb 2024');
		expect(formatValue('2024-02-15 09:05:00', 'datetime', 'ru')).toBe('15.02.2024, 09:05');
		expect(parseWarehouseDate('2024-12-31')?.toISOString()).toBe('2024-12-31T00:00:00.000Z');
	});
	it('shows missing values as a dash and leaves odd values readable', () => {
		expect(formatValue(null, 'money', 'ru')).toBe('—');
		expect(formatValue('n/a', 'money', 'ru')).toBe('n/a');
		expect(formatValue({ a: 1 }, 'text', 'ru')).toBe('{"a":1}');
	});
});

describe('change against the previous period', () => {
	it('is a signed ratio of the previous value', () => {
		// (4900 − 500) / 500 = 8.8 → +880 %
		expect(changeRatio(4900, 500)).toBeCloseTo(8.8, 12);
		expect(formatChange(8.8, 'ru')).toBe(nb('+880 %'));
		// (−200 − (−100)) / |−100| = −1 → a loss that doubled is −100 %
		expect(changeRatio(-200, -100)).toBe(-1);
		expect(changeRatio(5, 0)).toBeNull();
		expect(changeRatio(5, null)).toBeNull();
		expect(formatChange(0, 'en')).toBe('0%');
	});
});

describe('defaultFormat', () => {
	it('chooses by column type and values', () => {
		expect(defaultFormat('number', [1, 2, null])).toBe('integer');
		expect(defaultFormat('number', [1.5])).toBe('number');
		expect(defaultFormat('date')).toBe('date');
		expect(defaultFormat('timestamp')).toBe('datetime');
		expect(defaultFormat('text')).toBe('text');
	});
});
