// Small cases worked out by hand (the arithmetic is in the comments) for the accuracy
// measures, the benchmarks and the exponential smoothing recursions.
import { describe, expect, it } from 'vitest';
import { mase, maseScale, smape, smapeTerm } from '../../src/lib/server/analytics/timeseries/accuracy.ts';
import {
	etsFilter,
	etsPointForecast,
	linearForecastVariance,
	type EtsSpec
} from '../../src/lib/server/analytics/timeseries/ets-core.ts';
import { driftForecast, seasonalNaiveForecast } from '../../src/lib/server/analytics/timeseries/simple-models.ts';
import { crostonForecast } from '../../src/lib/server/analytics/timeseries/intermittent.ts';

const state = (level: number, slope: number, season: number[] = [0]) => ({
	level,
	slope,
	season: Float64Array.from(season)
});

describe('accuracy measures', () => {
	it('sMAPE (M3, 0–200)', () => {
		// 200·|100−110|/(100+110) = 2000/210 = 9.5238095
		// 200·|200−180|/(200+180) = 4000/380 = 10.5263158
		// actual 0, forecast 0: 0 (a perfect forecast of nothing)
		// 200·|50−0|/(50+0) = 200
		// mean = (9.5238095 + 10.5263158 + 0 + 200) / 4 = 55.0125313
		expect(smape([100, 200, 0, 50], [110, 180, 0, 0])).toBeCloseTo(55.0125313, 6);
	});

	it('sMAPE reaches 200 for a forecast of something where nothing sold, never more', () => {
		// 200·|0 − f|/(0 + f) = 200 for any f > 0; computed as (200·f)/f, f = 0.08124373119358075 gave 200.00000000000003
		expect(smapeTerm(0, 0.08124373119358075)).toBe(200);
		expect(smape([0, 0, 0], [0.08124373119358075, 0.09327983951855567, 0.1624874623871615])).toBe(200);
		// a month whose returns exceed its sales: 200·|−25 − 20|/(25 + 20) = 200
		expect(smapeTerm(-25, 20)).toBe(200);
	});

	it('MASE scaled by the in-sample seasonal-naive MAE', () => {
		// train 10 12 14 11 13 15, period 2: |14−10| |11−12| |13−14| |15−11| = 4 1 1 4 → scale 10/4 = 2.5
		const train = [10, 12, 14, 11, 13, 15];
		expect(maseScale(train, 2)).toBe(2.5);
		// errors |16−14| = 2, |12−15| = 3 → MAE 2.5 → MASE 2.5 / 2.5 = 1
		expect(mase([16, 12], [14, 15], maseScale(train, 2))).toBe(1);
		// period 3: |11−10| |13−12| |15−14| = 1 1 1 → scale 1 → MASE 2.5
		expect(mase([16, 12], [14, 15], maseScale(train, 3))).toBe(2.5);
		// flat seasonal differences (5 7 5 7, period 2 → 0 0) fall back to naive: |7−5| … = 2
		expect(maseScale([5, 7, 5, 7], 2)).toBe(2);
	});
});

describe('benchmarks', () => {
	it('seasonal naive repeats the last season, with √(k+1) interval growth', () => {
		// y = 1..8, period 4: forecasts y5..y8 then y5, y6 again.
		const f = seasonalNaiveForecast([1, 2, 3, 4, 5, 6, 7, 8], 4, 6, true);
		expect(Array.from(f.mean)).toEqual([5, 6, 7, 8, 5, 6]);
		// residuals y_t − y_{t−4} = 4 (four of them): σ² = 4·16 / 4 = 16, σ = 4
		// h = 1..4: sd 4; h = 5, 6: sd 4·√2. lo95 at h=1: 5 − 1.959964·4 = −2.839856
		expect(f.bands!.lo95[0]).toBeCloseTo(5 - 1.959964 * 4, 5);
		expect(f.bands!.hi95[4] - f.mean[4]).toBeCloseTo(1.959964 * 4 * Math.SQRT2, 5);
	});

	it('drift: slope (last − first)/(n − 1) and variance σ²h + h²σ²/count', () => {
		// y = 2 4 5 9: slope 7/3; forecasts 9 + 7h/3
		const f = driftForecast([2, 4, 5, 9], 2, true);
		expect(f.mean[0]).toBeCloseTo(9 + 7 / 3, 12);
		expect(f.mean[1]).toBeCloseTo(9 + 14 / 3, 12);
		// residuals 2−7/3, 1−7/3, 4−7/3 = −1/3, −4/3, 5/3: Σe² = 42/9 = 14/3; σ² = (14/3)/(3−1) = 7/3
		// var_1 = 7/3 + 1·(7/3)/3 = 28/9 → sd 1.7638342; hi80 = 11.3333333 + 1.2815516·1.7638342
		expect(f.bands!.hi80[0]).toBeCloseTo(9 + 7 / 3 + 1.2815516 * Math.sqrt(28 / 9), 5);
	});
});

describe('exponential smoothing recursions', () => {
	it('SES, ETS(A,N,N), α = 0.3, ℓ0 = 10 on 10 12 11 15', () => {
		// t1: ŷ 10,     e 0,    ℓ 10
		// t2: ŷ 10,     e 2,    ℓ 10 + 0.3·2 = 10.6
		// t3: ŷ 10.6,   e 0.4,  ℓ 10.6 + 0.12 = 10.72
		// t4: ŷ 10.72,  e 4.28, ℓ 10.72 + 1.284 = 12.004
		// SSE = 0 + 4 + 0.16 + 18.3184 = 22.4784; every forecast = 12.004
		const spec: EtsSpec = { trend: 'N', season: 'N' };
		const p = { alpha: 0.3, beta: 0, gamma: 0, phi: 1 };
		const final = state(0, 0);
		const residuals = new Float64Array(4);
		expect(etsFilter([10, 12, 11, 15], spec, p, state(10, 0), final, residuals)).toBeCloseTo(22.4784, 10);
		expect(Array.from(residuals)).toEqual([0, 2, expect.closeTo(0.4, 10), expect.closeTo(4.28, 10)]);
		expect(Array.from(etsPointForecast(spec, p, final, 4, 3))).toEqual([
			expect.closeTo(12.004, 10),
			expect.closeTo(12.004, 10),
			expect.closeTo(12.004, 10)
		]);
		// Forecast variance σ²(1 + (h−1)α²): h = 3 → 1 + 2·0.09 = 1.18 (σ² = 1)
		expect(linearForecastVariance(spec, p, 1, 1, 3)[2]).toBeCloseTo(1.18, 12);
	});

	it("Holt's linear trend, ETS(A,A,N), α = 0.5, β = 0.2 (β* = 0.4), ℓ0 = 10, b0 = 1 on 11 13 14 17", () => {
		// t1: ŷ 11,    e 0,    ℓ 11,                 b 1
		// t2: ŷ 12,    e 1,    ℓ 12 + 0.5 = 12.5,    b 1 + 0.2 = 1.2
		// t3: ŷ 13.7,  e 0.3,  ℓ 13.7 + 0.15 = 13.85, b 1.2 + 0.06 = 1.26
		// t4: ŷ 15.11, e 1.89, ℓ 15.11 + 0.945 = 16.055, b 1.26 + 0.378 = 1.638
		// SSE = 0 + 1 + 0.09 + 3.5721 = 4.6621; forecasts 16.055 + 1.638h = 17.693, 19.331, 20.969
		const spec: EtsSpec = { trend: 'A', season: 'N' };
		const p = { alpha: 0.5, beta: 0.2, gamma: 0, phi: 1 };
		const final = state(0, 0);
		expect(etsFilter([11, 13, 14, 17], spec, p, state(10, 1), final)).toBeCloseTo(4.6621, 10);
		expect(final.level).toBeCloseTo(16.055, 10);
		expect(final.slope).toBeCloseTo(1.638, 10);
		const f = etsPointForecast(spec, p, final, 4, 3);
		[17.693, 19.331, 20.969].forEach((v, i) => expect(f[i]).toBeCloseTo(v, 10));
		// Damped, φ = 0.9, from the same final state: 16.055 + (0.9 + 0.81)·1.638 = 18.85598 at h = 2
		const damped = etsPointForecast({ trend: 'Ad', season: 'N' }, { ...p, phi: 0.9 }, final, 4, 2);
		expect(damped[1]).toBeCloseTo(16.055 + 1.71 * 1.638, 10);
	});

	it('Holt–Winters multiplicative season, ETS(A,N,M), m = 2, α = 0.5, γ = 0.1', () => {
		// ℓ0 = 10, s = (1.2, 0.8); y = 12 8 13 9
		// t1: ŷ 12,        e 0,        ℓ 10,                       s₀ 1.2
		// t2: ŷ 8,         e 0,        ℓ 10,                       s₁ 0.8
		// t3: ŷ 12,        e 1,        ℓ 10 + 0.5·1/1.2 = 10.416667, s₀ 1.2 + 0.1·1/10 = 1.21
		// t4: ŷ 8.333333,  e 0.666667, ℓ 10.416667 + 0.5·0.666667/0.8 = 10.833333,
		//                              s₁ 0.8 + 0.1·0.666667/10.416667 = 0.8064
		// SSE = 1 + 0.444444 = 1.444444; forecasts 10.833333·1.21 = 13.108333, 10.833333·0.8064 = 8.736
		const spec: EtsSpec = { trend: 'N', season: 'M' };
		const p = { alpha: 0.5, beta: 0, gamma: 0.1, phi: 1 };
		const final = state(0, 0, [0, 0]);
		expect(etsFilter([12, 8, 13, 9], spec, p, state(10, 0, [1.2, 0.8]), final)).toBeCloseTo(1 + 4 / 9, 10);
		const f = etsPointForecast(spec, p, final, 4, 2);
		expect(f[0]).toBeCloseTo(13.108333, 6);
		expect(f[1]).toBeCloseTo(8.736, 6);
	});

	it('class-1 forecast variance of ETS(A,A,A): c_j = α + βj + γ[j mod m = 0]', () => {
		// α 0.5, β 0.1, γ 0.2, m 2, σ² 1: v1 = 1; c1 = 0.6 → v2 = 1.36; c2 = 0.5 + 0.2 + 0.2 = 0.9 → v3 = 2.17
		const v = linearForecastVariance({ trend: 'A', season: 'A' }, { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 1 }, 2, 1, 3);
		expect(v[0]).toBeCloseTo(1, 12);
		expect(v[1]).toBeCloseTo(1.36, 12);
		expect(v[2]).toBeCloseTo(2.17, 12);
	});
});

describe('intermittent demand', () => {
	it('Croston and SBA with α = 0.1 on 0 3 0 0 6 0', () => {
		// first demand 3 at t2 → size 3, interval 2; at t5 demand 6 after 3 periods:
		// size 3 + 0.1·(6 − 3) = 3.3; interval 2 + 0.1·(3 − 2) = 2.1 → Croston 3.3/2.1 = 1.5714286
		// SBA = (1 − 0.1/2)·1.5714286 = 1.4928571
		const y = [0, 3, 0, 0, 6, 0];
		expect(crostonForecast(y, 2, false, 'croston')!.mean[1]).toBeCloseTo(3.3 / 2.1, 10);
		expect(crostonForecast(y, 2, false, 'sba')!.mean[0]).toBeCloseTo(0.95 * (3.3 / 2.1), 10);
	});
});
