import { describe, expect, it } from 'vitest';
import { etsObstacle, fitEts, fitEtsAuto, initialEtsState } from './ets-fit.ts';
import { etsPointForecast } from './ets-core.ts';

const pattern = [0.8, 0.9, 1.0, 1.1, 1.3, 1.2, 1.0, 0.9, 0.8, 0.9, 1.0, 1.1];

describe('ETS fitting', () => {
	it('initial states: least-squares line through the first 10 values without seasonality', () => {
		// y = 5 + 2t for t = 1..10 → intercept (state at time 0) 5, slope 2
		const y = Array.from({ length: 30 }, (_, i) => 5 + 2 * (i + 1));
		const s = initialEtsState(y, { trend: 'A', season: 'N' }, 12);
		expect(s.level).toBeCloseTo(5, 10);
		expect(s.slope).toBeCloseTo(2, 10);
		// Without a trend the level is the mean of the first 10: 5 + 2·5.5 = 16
		expect(initialEtsState(y, { trend: 'N', season: 'N' }, 12).level).toBeCloseTo(16, 10);
	});

	it('initial seasonal states from the decomposition figure', () => {
		const y = Array.from({ length: 48 }, (_, t) => 200 * pattern[t % 12]);
		const s = initialEtsState(y, { trend: 'N', season: 'M' }, 12);
		const mean = pattern.reduce((a, b) => a + b, 0) / 12;
		s.season.forEach((v, k) => expect(v).toBeCloseTo(pattern[k] / mean, 10));
		expect(s.level).toBeCloseTo(200 * mean, 8);
	});

	it("Holt's model reproduces an exact line and extends it", () => {
		const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
		const fit = fitEts(y, { trend: 'A', season: 'N' }, 1)!;
		expect(fit.sse).toBeLessThan(1e-6);
		const f = etsPointForecast(fit.spec, fit.params, fit.final, fit.n, 3);
		[65, 67, 69].forEach((v, i) => expect(f[i]).toBeCloseTo(v, 3));
	});

	it('keeps parameters in the usual region 0 < β < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98', () => {
		const y = Array.from({ length: 60 }, (_, t) => (100 + t + 10 * Math.sin(t * 1.3)) * pattern[t % 12]);
		const fit = fitEts(y, { trend: 'Ad', season: 'M' }, 12)!;
		const { alpha, beta, gamma, phi } = fit.params;
		expect(alpha).toBeGreaterThan(0);
		expect(alpha).toBeLessThan(1);
		expect(beta).toBeGreaterThan(0);
		expect(beta).toBeLessThan(alpha);
		expect(gamma).toBeGreaterThan(0);
		expect(gamma).toBeLessThan(1 - alpha);
		expect(phi).toBeGreaterThanOrEqual(0.8);
		expect(phi).toBeLessThanOrEqual(0.98);
	});

	it('says why a model does not apply', () => {
		expect(etsObstacle([1, 0, 2, 3, ...new Array(30).fill(4)], { trend: 'N', season: 'M' }, 12)).toMatch(/positive/);
		expect(etsObstacle(new Array(20).fill(4), { trend: 'N', season: 'A' }, 12)).toMatch(/26 observations/);
		expect(fitEts([1, 2, 3], { trend: 'N', season: 'N' }, 1)).toBeNull();
	});

	it('auto selection prefers a seasonal model on seasonal data and a log model for growth × season', () => {
		const growth = Array.from({ length: 72 }, (_, t) => 100 * 1.02 ** t * pattern[t % 12]);
		const fit = fitEtsAuto(growth, 12, true)!;
		expect(fit.spec.season).not.toBe('N');
		expect(fit.logScale).toBe(true);
		// Exponential growth is a straight line on the log scale.
		expect(fit.label).toBe('ETS(A,A,A) on log scale');
		// Negative data: no log or multiplicative candidates.
		const shifted = growth.map((v) => v - 150);
		const raw = fitEtsAuto(shifted, 12, true)!;
		expect(raw.logScale).toBe(false);
		expect(raw.spec.season).not.toBe('M');
	});
});
