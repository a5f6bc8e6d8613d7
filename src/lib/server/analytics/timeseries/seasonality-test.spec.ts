import { describe, expect, it } from 'vitest';
import { autocorrelations, hasSeasonality } from './seasonality-test.ts';

describe('seasonality test', () => {
	it('autocorrelations as R acf, by hand', () => {
		// x = 1 2 3 4: deviations −1.5 −0.5 0.5 1.5, Σd² = 5
		// r1 = (0.75 − 0.25 + 0.75)/5 = 0.25; r2 = (−0.75 − 0.75)/5 = −0.3
		const r = autocorrelations([1, 2, 3, 4], 2);
		expect(r[0]).toBe(1);
		expect(r[1]).toBeCloseTo(0.25, 12);
		expect(r[2]).toBeCloseTo(-0.3, 12);
	});

	it('finds a yearly cycle and not a two-month alternation without one', () => {
		const yearly = Array.from({ length: 48 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12));
		expect(hasSeasonality(yearly, 12)).toBe(true);
		// Alternating ±1: r_k = ±1 for every k, so the lag-12 value is matched by lags 1..11.
		const alternating = Array.from({ length: 48 }, (_, t) => (t % 2 === 0 ? 1 : -1));
		expect(hasSeasonality(alternating, 12)).toBe(false);
	});

	it('needs more than two periods', () => {
		const yearly = Array.from({ length: 24 }, (_, t) => Math.sin((2 * Math.PI * t) / 12));
		expect(hasSeasonality(yearly, 12)).toBe(false);
	});
});
