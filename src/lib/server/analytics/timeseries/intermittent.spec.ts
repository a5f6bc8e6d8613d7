import { describe, expect, it } from 'vitest';
import { containForecast } from './bands.ts';
import { crostonForecast, tsbForecast, zeroInflatedQuantile } from './intermittent.ts';

// A SKU sold 6 at a time in 3 of 24 months (t = 0, 8, 17).
const RARE = [6, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0];

describe('zero-inflated quantiles', () => {
	it('are 0 up to the share of months without demand, then the sizes in order', () => {
		// P(no demand) 0.5, sizes 2, 4, 10 each 1/6: F(0) = 0.5, F(2) = 0.667, F(4) = 0.833, F(10) = 1.
		const q = (tau: number) => zeroInflatedQuantile([10, 2, 4], 1, 0.5, tau);
		expect([q(0.1), q(0.5), q(0.6), q(0.7), q(0.9)]).toEqual([0, 0, 2, 4, 10]);
		// sizes scaled by 1.5
		expect(zeroInflatedQuantile([10, 2, 4], 1.5, 0.5, 0.9)).toBe(15);
	});
});

describe('Croston bands', () => {
	it('on 3 sales of 6 in 24 months: 0 to 6 around a rate of 6 / 2.43', () => {
		// size stays 6; interval 1 → at t 8: 1 + 0.1·(8 − 0 − 1) = 1.7 → at t 17: 1.7 + 0.1·(17 − 8 − 1.7) = 2.43.
		// Rate 6 / 2.43 = 2.469136; P(demand) = 1 / 2.43 = 0.411523; sizes 6 6 6 scaled by 2.469136 / (0.411523 · 6) = 1.
		// Quantiles: τ ≤ 1 − 0.411523 = 0.588477 → 0 (2.5%, 10%); above → 6 (90%, 97.5%).
		const f = crostonForecast(RARE, 3, true, 'croston')!;
		expect(f.mean[2]).toBeCloseTo(6 / 2.43, 12);
		expect([f.bands!.lo95[0], f.bands!.lo80[0], f.bands!.hi80[0], f.bands!.hi95[2]]).toEqual([0, 0, 6, 6]);
		// SBA: rate × 0.95, sizes scaled by 0.95 → upper bounds 5.7
		const sba = crostonForecast(RARE, 1, true, 'sba')!;
		expect(sba.mean[0]).toBeCloseTo((0.95 * 6) / 2.43, 12);
		expect(sba.bands!.hi80[0]).toBeCloseTo(5.7, 12);
	});
});

describe('TSB', () => {
	it('on 3 sales of 6 in 24 months: the probability decays between sales', () => {
		// p starts at 3/24 = 0.125, size at 6. A month with demand: p ← 0.9p + 0.1; without: p ← 0.9p.
		// t0: 0.2125; 7 empty months: ×0.9⁷; t8: 0.9p + 0.1; 8 empty: ×0.9⁸; t17: 0.9p + 0.1; 6 empty: ×0.9⁶.
		const p = ((((0.9 * 0.125 + 0.1) * 0.9 ** 7 * 0.9 + 0.1) * 0.9 ** 8) * 0.9 + 0.1) * 0.9 ** 6;
		expect(p).toBeCloseTo(0.092567, 6);
		const f = tsbForecast(RARE, 2, true)!;
		expect(f.mean[0]).toBeCloseTo(6 * p, 12);
		// P(demand) 0.0926 < 0.1: the 90% quantile of a month is 0, the 97.5% one 6 (1 − 0.0926 < 0.975).
		expect([f.bands!.lo80[0], f.bands!.hi80[0], f.bands!.hi95[0]]).toEqual([0, 0, 6]);
		// Moved out to the forecast, the 80% band still holds at least 80%: P(D ≤ rate) ≥ P(D = 0) = 0.907.
		const contained = containForecast(f);
		expect(contained.bands!.hi80[0]).toBe(f.mean[0]);
		expect(contained.bands!.hi95[0]).toBe(6);
	});

	it('forecasts a SKU that stopped selling a year ago down, where Croston keeps the old rate', () => {
		// 10 a month for a year, then a year of nothing. Croston: size 10, interval 1, never updated → 10.
		// TSB: p from 0.5 → after 12 sales 1 − 0.5·0.9¹² = 0.858785, after 12 empty months × 0.9¹² → 0.242546; × 10.
		const dead = [...Array(12).fill(10), ...Array(12).fill(0)];
		expect(crostonForecast(dead, 1, false, 'croston')!.mean[0]).toBe(10);
		expect(tsbForecast(dead, 1, false)!.mean[0]).toBeCloseTo(10 * (1 - 0.5 * 0.9 ** 12) * 0.9 ** 12, 12);
		expect(tsbForecast([0, 0, 0], 1, false)).toBeNull();
	});
});

describe('containForecast', () => {
	it('moves each bound out to the forecast and keeps the 95% band around the 80% one', () => {
		const mean = Float64Array.from([5, 1]);
		const bands = {
			lo80: Float64Array.from([0, 0]),
			hi80: Float64Array.from([0, 2]),
			lo95: Float64Array.from([0, 0]),
			hi95: Float64Array.from([3, 4])
		};
		const { bands: b } = containForecast({ mean, bands, method: 'test' });
		expect([...b!.lo80, ...b!.hi80, ...b!.lo95, ...b!.hi95]).toEqual([0, 0, 5, 2, 0, 0, 5, 4]);
	});
});
