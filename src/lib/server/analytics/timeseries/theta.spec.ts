import { describe, expect, it } from 'vitest';
import { dampedTrendForecast, linearSlope, thetaForecast } from './theta.ts';
import { multiplicativeAdjustment } from './seasonal-adjustment.ts';

describe('Theta method', () => {
	it('least-squares slope by hand', () => {
		// x = 1 3 2 6 on t = 0..3: t̄ 1.5, x̄ 3; Sxy = (−1.5)(−2) + (−0.5)(0) + (0.5)(−1) + (1.5)(3) = 7; Sxx = 5
		expect(linearSlope([1, 3, 2, 6])).toBeCloseTo(1.4, 12);
	});

	it('on an exact line it extends the last value with half the slope', () => {
		// SES tracks a line with α → 1, so ℓ_n = y_n and the drift is b/2 = 1 per month.
		const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
		const f = thetaForecast(y, null, 3, false)!;
		[64, 65, 66].forEach((v, i) => expect(f.mean[i]).toBeCloseTo(v, 2));
	});

	it('re-seasonalises with the decomposition figure', () => {
		const pattern = [0.8, 0.9, 1.0, 1.1, 1.3, 1.2, 1.0, 0.9, 0.8, 0.9, 1.0, 1.1];
		const mean = pattern.reduce((a, b) => a + b, 0) / 12;
		const y = Array.from({ length: 48 }, (_, t) => 100 * pattern[t % 12]);
		const adjustment = multiplicativeAdjustment(y, 12)!;
		const f = thetaForecast(y, adjustment, 12, true)!;
		// Flat level 100·mean after adjustment, no slope: forecasts are 100·pattern again.
		f.mean.forEach((v, h) => expect(v).toBeCloseTo(100 * pattern[h], 6));
		expect(adjustment.figure[4]).toBeCloseTo(1.3 / mean, 12);
		const damped = dampedTrendForecast(y, adjustment, 12, false)!;
		damped.mean.forEach((v, h) => expect(v).toBeCloseTo(100 * pattern[h], 4));
	});

	it('has no seasonal adjustment for data with zeros in the trend or too little history', () => {
		expect(multiplicativeAdjustment(new Array(20).fill(3), 12)).toBeNull();
		expect(multiplicativeAdjustment(new Array(30).fill(0), 12)).toBeNull();
	});
});
