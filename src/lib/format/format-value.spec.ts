import { describe, expect, it } from 'vitest';
import { changeDirection, changeRatio, defaultFormat, formatChange, formatKpiChange, formatValue, kpiChange, parseWarehouseDate } from './format-value.ts';

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

describe('a KPI change', () => {
	it('is in percentage points for a share, as the reader subtracts the two figures', () => {
		// margin 20,4 % → 23,6 %: 23.6 − 20.4 = +3.2 points (relative it would be +15.7 %)
		const margin = kpiChange(0.236, 0.204, 'percent')!;
		expect(margin.kind).toBe('points');
		expect(margin.value).toBeCloseTo(3.2, 12);
		expect(formatKpiChange(margin, 'ru')).toBe(nb('+3,2 п.п.'));
		expect(formatKpiChange(margin, 'en')).toBe(nb('+3.2 pp'));
		// plan achievement from 106.7 % to 0 % (a month with no sales yet): −106.7 points; a previous 0 % is a change too
		expect(formatKpiChange(kpiChange(0, 1.067, 'percent')!, 'ru')).toBe(nb('-106,7 п.п.'));
		expect(formatKpiChange(kpiChange(0.05, 0, 'percent')!, 'en')).toBe(nb('+5 pp'));
		// percent_value columns hold points already: 12.5 → 10 is −2.5 points
		expect(kpiChange(10, 12.5, 'percent_value')).toEqual({ kind: 'points', value: -2.5 });
		expect(kpiChange(null, 0.2, 'percent')).toBeNull();
	});

	it('is flat when it shows as zero points, and a ratio for amounts as before', () => {
		const tiny = kpiChange(0.23601, 0.236, 'percent')!;
		expect(formatKpiChange(tiny, 'ru')).toBe(nb('0 п.п.'));
		expect(changeDirection(tiny)).toBe(0);
		expect(changeDirection(kpiChange(0.2, 0.236, 'percent')!)).toBe(-1);
		// revenue 4900 against 500: (4900 − 500) / 500 = +880 %, as formatChange says
		const revenue = kpiChange(4900, 500, 'money')!;
		expect(revenue.kind).toBe('ratio');
		expect(formatKpiChange(revenue, 'ru')).toBe(nb('+880 %'));
		expect(changeDirection(revenue)).toBe(1);
		expect(kpiChange(5, 0, 'money')).toBeNull();
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
