import { describe, expect, it } from 'vitest';
import { projectRevenueByMonth, seasonalIndexByMonth } from './seasonal-index.ts';
import { TimeSeriesError } from './errors.ts';

// Jan..Dec, mean exactly 1.
const PATTERN = [0.7, 0.8, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7];

describe('seasonal index by calendar month', () => {
	it('maps the figure to calendar months for a series starting in April', () => {
		// Flat level 100 times the pattern, from 2021-04: the 2×12 average is 100 everywhere,
		// so the index for each calendar month is exactly its pattern value.
		const values = Array.from({ length: 48 }, (_, t) => 100 * PATTERN[(3 + t) % 12]);
		const index = seasonalIndexByMonth(values, '2021-04');
		expect(index.type).toBe('multiplicative');
		index.byMonth.forEach((v, month) => expect(v).toBeCloseTo(PATTERN[month], 12));
		expect(index.significant).toBe(true);
		// Three years of the same smooth pattern are not enough for the 90% ACF test:
		// |r12| = 24/36 against a standard error inflated by the large r1..r11.
		expect(seasonalIndexByMonth(values.slice(0, 36), '2021-04').significant).toBe(false);
	});

	it('falls back to an additive index for negative values and says why', () => {
		const values = Array.from({ length: 24 }, (_, t) => -50 + 10 * (PATTERN[t % 12] - 1));
		const index = seasonalIndexByMonth(values, '2022-01');
		expect(index.type).toBe('additive');
		expect(index.fallbackReason).toMatch(/negative/);
		// additive figure = 10·(pattern − 1), mean 0
		index.byMonth.forEach((v, month) => expect(v).toBeCloseTo(10 * (PATTERN[month] - 1), 10));
	});

	it('refuses under two years of data', () => {
		expect(() => seasonalIndexByMonth(new Array(23).fill(1), '2024-01')).toThrow(TimeSeriesError);
	});
});

describe('revenue projection from trend and season', () => {
	it('extends a flat, exactly seasonal series exactly, with zero-width bands', () => {
		// From 2022-01, 24 months of 100·pattern: adjusted series 100, slope 0; next 3 months
		// are Jan, Feb, Mar 2024: 70, 80, 100.
		const values = Array.from({ length: 24 }, (_, t) => 100 * PATTERN[t % 12]);
		const p = projectRevenueByMonth(values, '2022-01', 3);
		expect(p.rows.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03']);
		[70, 80, 100].forEach((v, i) => expect(p.rows[i].forecast).toBeCloseTo(v, 10));
		expect(p.slopePerMonth).toBeCloseTo(0, 12);
		expect(p.rows[0].hi95 - p.rows[0].lo95).toBeCloseTo(0, 10);
	});

	it('extends a line plus an additive season when values are negative', () => {
		// y_t = −200 + 3t + 10·(pattern − 1): additive (negative data); trend −200 + 3t exactly.
		const values = Array.from({ length: 36 }, (_, t) => -200 + 3 * t + 10 * (PATTERN[t % 12] - 1));
		const p = projectRevenueByMonth(values, '2020-01', 2);
		expect(p.type).toBe('additive');
		expect(p.slopePerMonth).toBeCloseTo(3, 10);
		// t = 36 (Jan): −200 + 108 + 10·(0.7 − 1) = −95; t = 37 (Feb): −200 + 111 − 2 = −91
		expect(p.rows[0].forecast).toBeCloseTo(-95, 8);
		expect(p.rows[1].forecast).toBeCloseTo(-91, 8);
	});
});
