import { describe, expect, it } from 'vitest';
import { classifySeries, forecastSeries } from './forecast-series.ts';
import { TimeSeriesError } from './errors.ts';

const PATTERN = [0.7, 0.8, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7];
/** Deterministic noise in [−1, 1) so that the cases are reproducible without a RNG. */
const wobble = (t: number) => (((t * 7919) % 200) - 100) / 100;

describe('series classification', () => {
	it('by length, zeros and constancy', () => {
		expect(classifySeries([1, 2, 3], 12)).toBe('minimal');
		expect(classifySeries([5, 5, 5, 5, 5], 12)).toBe('constant');
		// 8 months, 2 with demand: average interval 8/2 = 4 > 1.32
		expect(classifySeries([0, 0, 3, 0, 0, 4, 0, 0], 12)).toBe('intermittent');
		expect(classifySeries(Array.from({ length: 20 }, (_, t) => 10 + t), 12)).toBe('short');
		expect(classifySeries(Array.from({ length: 24 }, (_, t) => 10 + t), 12)).toBe('regular');
	});
});

describe('forecastSeries', () => {
	it('beats seasonal naive on a trending seasonal series and reports why', () => {
		const y = Array.from({ length: 96 }, (_, t) => (200 + 3 * t) * PATTERN[t % 12] + 5 * wobble(t));
		const r = forecastSeries(y);
		expect(r.regime).toBe('regular');
		expect(r.mean).toHaveLength(18);
		expect(r.benchmark).toBe('snaive');
		expect(r.scores.map((s) => s.model)).toEqual(['snaive', 'ets', 'theta', 'damped', 'combination']);
		expect(r.members.length).toBeLessThanOrEqual(2);
		expect(r.model).toBe(r.members.join('+'));
		expect(r.chosen!.smape).toBeLessThan(r.benchmarkScore!.smape);
		expect(r.beatsSeasonalNaive).toBe(true);
		expect(r.selectedBy).toBe('mase');
		expect(r.calibration!.points).toBeGreaterThan(0);
		expect(r.chosen!.origins).toBe(6);
		// A seasonal series with seasonal forecasts: July above January a year out.
		expect(r.mean[6]).toBeGreaterThan(r.mean[0]);
	});

	it("'best' keeps the single model with the lowest backtest error", () => {
		const y = Array.from({ length: 60 }, (_, t) => (100 + t) * PATTERN[t % 12] + 3 * wobble(t));
		const r = forecastSeries(y, { selection: 'best', horizon: 6 });
		const lowest = [...r.scores].sort((a, b) => a.mase - b.mase)[0];
		expect(r.members).toEqual([lowest.model]);
		expect(r.chosen).toEqual(lowest);
	});

	it('clips demand at zero and marks the clipped months, unless told not to', () => {
		const y = Array.from({ length: 36 }, (_, t) => 200 - 6 * t + 4 * wobble(t));
		const demand = forecastSeries(y);
		expect(Math.min(...demand.mean, ...(demand.lo95 as number[]))).toBe(0);
		expect(demand.clipped.some(Boolean)).toBe(true);
		demand.clipped.forEach((c, h) => {
			if (!c) expect(demand.lo95[h]!).toBeGreaterThan(0);
		});
		const signed = forecastSeries(y, { nonNegative: false });
		expect(Math.min(...(signed.lo95 as number[]))).toBeLessThan(0);
		expect(signed.clipped.every((c) => !c)).toBe(true);
	});

	it('intermittent demand gets Croston, SBA, TSB, mean or naive, with bounds never below zero', () => {
		const y = Array.from({ length: 48 }, (_, t) => (t % 3 === 0 ? 4 + (t % 5) : 0));
		const r = forecastSeries(y);
		expect(r.regime).toBe('intermittent');
		expect(r.scores.map((s) => s.model)).toEqual(['snaive', 'mean', 'croston', 'sba', 'tsb', 'naive']);
		for (const m of r.members) expect(['croston', 'sba', 'tsb', 'mean', 'naive', 'snaive']).toContain(m);
		expect(r.notes.join(' ')).toMatch(/intermittent/);
		expect(Math.min(...(r.lo95 as number[]))).toBeGreaterThanOrEqual(0);
	});

	it('keeps lo95 ≤ lo80 ≤ forecast ≤ hi80 ≤ hi95 exactly on sparse, dead and negative series', () => {
		const cases = [
			[7, ...Array(22).fill(0)], // sold once
			[3, 0, 0, 0], // sold once, four months: too short to backtest
			[6, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0], // 3 of 24 months
			[...Array(12).fill(10), ...Array(12).fill(0)], // nothing in the last year
			Array.from({ length: 30 }, (_, t) => (t === 20 ? -25 : 20 + wobble(t))) // returns exceeding a month's sales
		];
		for (const y of cases) {
			const r = forecastSeries(y);
			r.mean.forEach((f, h) => {
				expect(r.lo95[h]!).toBeLessThanOrEqual(r.lo80[h]!);
				expect(r.lo80[h]!).toBeLessThanOrEqual(f);
				expect(f).toBeLessThanOrEqual(r.hi80[h]!);
				expect(r.hi80[h]!).toBeLessThanOrEqual(r.hi95[h]!);
			});
			for (const s of r.scores) expect(Number.isNaN(s.smape) || s.smape <= 200).toBe(true);
		}
	});

	it('an intermittent series too short to backtest gets the mean, not Croston', () => {
		// 3, 0, 0, 0: no origin leaves 4 months of training → not backtested; mean 3/4. Croston would say 3 a month.
		const r = forecastSeries([3, 0, 0, 0], { horizon: 2 });
		expect(r.regime).toBe('intermittent');
		expect(r.model).toBe('mean');
		expect(r.mean).toEqual([0.75, 0.75]);
		expect(r.chosen).toBeNull();
	});

	it('ranks by RMSE when every backtest actual is 0 and the training window is constant', () => {
		// One origin at 4: training 3 3 3 3 (no naive or seasonal error: MASE undefined), actuals 0 0 0 0 (sMAPE
		// undefined). Forecasts: naive, mean, Croston (size 3, interval 1) and TSB (p stays 1) all 3 → RMSE 3; SBA
		// 0.95 · 3 = 2.85 → RMSE 2.85, the lowest.
		const r = forecastSeries([3, 3, 3, 3, 0, 0, 0, 0], { backtestOrigins: 1, selection: 'best' });
		expect(r.selectedBy).toBe('rmse');
		expect(r.model).toBe('sba');
		expect(r.chosen!.rmse).toBeCloseTo(2.85, 12);
		expect(Number.isNaN(r.chosen!.smape) && Number.isNaN(r.chosen!.mase)).toBe(true);
		expect(r.benchmarkScore!.rmse).toBeCloseTo(3, 12);
		expect(r.beatsSeasonalNaive).toBe(true);
	});

	it('short histories get simple models and a naive benchmark, labelled as such', () => {
		const y = Array.from({ length: 15 }, (_, t) => 50 + 2 * t + wobble(t));
		const r = forecastSeries(y, { horizon: 6 });
		expect(r.regime).toBe('short');
		expect(r.benchmark).toBe('naive');
		for (const m of r.members) expect(['naive', 'drift', 'ses', 'mean']).toContain(m);
		expect(r.notes.join(' ')).toMatch(/under two years/);
	});

	it('a constant series is forecast flat and does not beat seasonal naive', () => {
		const r = forecastSeries(new Array(30).fill(7), { horizon: 3 });
		expect(r.regime).toBe('constant');
		expect(r.mean).toEqual([7, 7, 7]);
		expect(r.selectedBy).toBe('smape');
		expect(r.beatsSeasonalNaive).toBe(false);
	});

	it('under four months: the mean, not backtested', () => {
		const r = forecastSeries([3, 5, 10], { horizon: 2 });
		expect(r.regime).toBe('minimal');
		expect(r.mean).toEqual([6, 6]);
		expect(r.scores).toEqual([]);
		expect(r.beatsSeasonalNaive).toBeNull();
		expect(r.notes[0]).toMatch(/fewer than 4 months/);
	});

	it('refuses bad input with a clear error', () => {
		expect(() => forecastSeries([1, 2, NaN, 4])).toThrow(/value #3 is NaN/);
		expect(() => forecastSeries([])).toThrow(TimeSeriesError);
		expect(() => forecastSeries([1, 2, 3, 4], { horizon: 0 })).toThrow(/horizon/);
		expect(() => forecastSeries([1, 2, 3, 4, 5], { candidates: { short: ['arima' as never] } })).toThrow(/unknown model «arima»/);
	});
});
