import { describe, expect, it } from 'vitest';
import { forecastMany } from '../timeseries/index.ts';
import { forecastWithBenchmarkGuard } from './guarded-forecasts.ts';

// Monthly demand of one SKU of the demo company (2023-11 .. 2026-09): a strong summer season
// that seasonal naive follows and the smoothers, fitted on 26–31 months, miss.
const SEASONAL_SKU = [
	36, 52, 46, 21, 27, 88, 157, 193, 244, 139, 85, 57, 32, 25, 30, 9, 40, 119, 129, 305, 309, 166, 58, 56, 25, 51, 42, 27, 76, 93, 259, 268,
	315, 214, 84
];
const PATTERN = [0.7, 0.8, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7];
const SMOOTH = Array.from({ length: 72 }, (_, t) => 100 * PATTERN[t % 12] + 0.8 * t + ((t * 37) % 23) - 11.5);

describe('forecastWithBenchmarkGuard', () => {
	const series = [
		{ id: 'seasonal', start: '2023-11', values: SEASONAL_SKU },
		{ id: 'smooth', start: '2021-01', values: SMOOTH },
		{ id: 'bad', start: '2021-01', values: [1, Number.NaN, 3, 4, 5] }
	];
	const plain = forecastMany(series, { horizon: 6 });
	const guarded = forecastWithBenchmarkGuard(series, { horizon: 6 });
	const outcome = (id: string) => guarded.find((o) => o.id === id)!;

	it('replaces a pool that lost to seasonal naive by the single best model', () => {
		// The library's pool for this series is seasonal naive + a smoother, worse than seasonal naive alone.
		const pooled = plain.series.find((s) => s.id === 'seasonal')!;
		expect(pooled.members.length).toBe(2);
		expect(pooled.beats_seasonal_naive).toBe(false);
		expect(pooled.mase!).toBeGreaterThan(pooled.benchmark_mase!);

		const { summary, selection, backtest, forecasts } = outcome('seasonal');
		expect(selection).toBe('best');
		expect(summary!.model).toBe('snaive');
		expect(summary!.mase).toBe(summary!.benchmark_mase);
		expect(summary!.note).toMatch(/lost to the benchmark/);
		// The rejected pool stays visible, not chosen; exactly one row is chosen.
		const rejected = backtest.find((b) => b.model === pooled.model)!;
		expect(rejected.is_chosen).toBe(false);
		expect(rejected.mase).toBe(pooled.mase);
		expect(backtest.filter((b) => b.is_chosen).map((b) => b.model)).toEqual(['snaive']);
		// The same forecast as the library's own single-best selection, at a fraction of the cost.
		const best = forecastMany([series[0]], { horizon: 6, selection: 'best' });
		expect(forecasts).toEqual(best.forecasts);
		expect(summary!.smape).toBe(best.series[0].smape);
		// Seasonal naive repeats the months a year earlier: 2025-10 .. 2026-03 are values 24..29 → 56, 25, 51, 42, 27, 76.
		expect(forecasts.map((f) => f.forecast)).toEqual([56, 25, 51, 42, 27, 76]);
		expect(forecasts.map((f) => f.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
	});

	it('keeps the library result where the pool beat the benchmark', () => {
		const pooled = plain.series.find((s) => s.id === 'smooth')!;
		expect(pooled.beats_seasonal_naive).toBe(true);
		const { summary, selection, forecasts } = outcome('smooth');
		expect(selection).toBe('pool');
		expect(summary).toEqual(pooled);
		expect(forecasts).toEqual(plain.forecasts.filter((f) => f.id === 'smooth'));
	});

	it('reports a series that cannot be forecast with its reason', () => {
		const bad = outcome('bad');
		expect(bad.summary).toBeNull();
		expect(bad.forecasts).toEqual([]);
		expect(bad.error).toMatch(/value #2 is NaN/);
		expect(guarded.map((o) => o.id)).toEqual(['seasonal', 'smooth', 'bad']);
	});
});
