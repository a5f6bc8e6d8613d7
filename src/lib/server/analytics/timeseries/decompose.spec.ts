import { describe, expect, it } from 'vitest';
import {
	centredMovingAverage,
	decomposeAdditive,
	decomposeMultiplicative,
	decomposeSeasonal
} from './decompose.ts';
import { TimeSeriesError } from './errors.ts';

// y_t = 10 + t + S[t mod 4], S = (2, −1, 0, −1) with mean 0: the 2×4 moving average of the
// line is the line itself and of S is mean(S) = 0, so trend = 10 + t and the figure is S.
const S = [2, -1, 0, -1];
const additiveSeries = Array.from({ length: 12 }, (_, t) => 10 + t + S[t % 4]);

describe('classical decomposition', () => {
	it('centred 2×m moving average for even m, by hand', () => {
		// t = 2: (0.5·12 + 10 + 12 + 12 + 0.5·16) / 4 = 48/4 = 12
		const ma = centredMovingAverage(additiveSeries, 4);
		expect(ma[2]).toBe(12);
		expect(Number.isNaN(ma[1]) && Number.isNaN(ma[10])).toBe(true);
	});

	it('plain moving average for odd m', () => {
		// (1 + 5 + 3)/3 = 3 at t = 1; (5 + 3 + 7)/3 = 5 at t = 2
		const ma = centredMovingAverage([1, 5, 3, 7, 2, 6], 3);
		expect(ma[1]).toBe(3);
		expect(ma[2]).toBe(5);
		expect(Number.isNaN(ma[0]) && Number.isNaN(ma[5])).toBe(true);
	});

	it('additive: trend is the line, the figure is S, the remainder is zero', () => {
		const d = decomposeAdditive(additiveSeries, 4);
		expect(d.trend.slice(0, 2)).toEqual([null, null]);
		expect(d.trend.slice(2, 10)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
		d.figure.forEach((v, k) => expect(v).toBeCloseTo(S[k], 12));
		expect(d.random[5]).toBeCloseTo(0, 12);
	});

	it('multiplicative: a flat level times a seasonal pattern gives the pattern back', () => {
		// 100·(1.5, 0.5, 1, 1): trend 100 everywhere defined, ratios = pattern (mean already 1).
		const pattern = [1.5, 0.5, 1, 1];
		const d = decomposeMultiplicative(
			Array.from({ length: 8 }, (_, t) => 100 * pattern[t % 4]),
			4
		);
		expect(d.trend.slice(2, 6)).toEqual([100, 100, 100, 100]);
		d.figure.forEach((v, k) => expect(v).toBeCloseTo(pattern[k], 12));
		expect(d.seasonal).toHaveLength(8);
	});

	it('refuses fewer than two full periods, as R does', () => {
		expect(() => decomposeMultiplicative([1, 2, 3, 4, 5, 6, 7], 4)).toThrow(TimeSeriesError);
		expect(() => decomposeMultiplicative(new Array(23).fill(5), 12)).toThrow(/2 full periods \(24/);
	});

	it('refuses multiplicative with negative values and falls back to additive with the reason', () => {
		const negative = additiveSeries.map((v) => v - 15);
		expect(() => decomposeMultiplicative(negative, 4)).toThrow(/negative/);
		const d = decomposeSeasonal(negative, 4);
		expect(d.type).toBe('additive');
		expect(d.fallbackReason).toMatch(/negative/);
		d.figure.forEach((v, k) => expect(v).toBeCloseTo(S[k], 12));
	});

	it('refuses values that are not finite numbers, naming the position', () => {
		const withGap = [...additiveSeries];
		withGap[3] = NaN;
		expect(() => decomposeAdditive(withGap, 4)).toThrow(/value #4/);
	});
});
