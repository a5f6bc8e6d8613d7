import { describe, expect, it } from 'vitest';
import { seasonalStrength } from './seasonality-model.ts';

const years = (n: number, year: number[]) => Array.from({ length: 12 * n }, (_, t) => year[t % 12]);

describe('seasonalStrength', () => {
	it('is 1 when the season explains all detrended variation', () => {
		// 50 for six months, 150 for six: the 2×12 moving average is 100 everywhere, y / trend is exactly the
		// index (0.5 or 1.5) and the remainder 1, so Var(R) = 0 and the strength 1 − 0 / Var(S) = 1.
		expect(seasonalStrength(years(3, [50, 50, 50, 50, 50, 50, 150, 150, 150, 150, 150, 150]))).toBeCloseTo(1, 12);
	});

	it('is undefined without any variation and 0 when the calendar months average out', () => {
		expect(seasonalStrength(years(3, Array(12).fill(100)))).toBeNaN();
		// −1 for a year, 1 for a year, −1 for a year (negative, so additive). The 2×12 moving average ramps:
		// t = 6..11: (2k + 1)/12 − 1, t = 12..17: (13 + 2k)/12 − 1, t = 18..23: (23 − 2k)/12 − 1, t = 24..29: (11 − 2k)/12 − 1.
		// Detrended: Jan–Jun (11 − 2p)/12 in year 2 and −(11 − 2p)/12 in year 3; Jul–Dec −(2k + 1)/12 in year 1 and
		// +(2k + 1)/12 in year 2. Every calendar month averages 0: no season, all remainder → 1 − Var(R)/Var(R) = 0.
		expect(seasonalStrength([...Array(12).fill(-1), ...Array(12).fill(1), ...Array(12).fill(-1)])).toBeCloseTo(0, 12);
	});
});
