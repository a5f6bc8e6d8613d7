import { describe, expect, it } from 'vitest';
import { forecastMany } from './forecast-many.ts';

const PATTERN = [0.7, 0.8, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7];
const seasonal = (n: number, level: number) =>
	Array.from({ length: n }, (_, t) => level * PATTERN[t % 12] + ((t * 37) % 11) - 5);

describe('forecastMany', () => {
	const batch = forecastMany(
		[
			{ id: 'A', start: '2021-11', values: seasonal(40, 100) },
			{ id: 'B', start: '2020-01', values: seasonal(60, 300) },
			{ id: 'A', start: '2021-01', values: seasonal(30, 100) },
			{ id: 'C', start: '2021-13', values: seasonal(30, 100) },
			{ id: 'D', start: '2022-01', values: [1, 2, NaN, 4, 5] }
		],
		{ horizon: 4 }
	);

	it('continues the months after each series and numbers the steps', () => {
		// A: 40 months from 2021-11 end in 2025-02, so the forecast starts 2025-03.
		const a = batch.forecasts.filter((r) => r.id === 'A');
		expect(a.map((r) => r.month)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06']);
		expect(a.map((r) => r.step)).toEqual([1, 2, 3, 4]);
		expect(batch.series.find((s) => s.id === 'A')!.first_forecast_month).toBe('2025-03');
		for (const r of batch.forecasts) {
			expect(r.lo95!).toBeLessThanOrEqual(r.lo80!);
			expect(r.hi80!).toBeLessThanOrEqual(r.hi95!);
		}
	});

	it('lists bad series with their reason and forecasts the rest', () => {
		expect(batch.failures).toEqual([
			{ id: 'A', error: 'series id «A» appears twice; ids must be unique' },
			{ id: 'C', error: 'month «2021-13» is not in YYYY-MM form (e.g. 2024-03)' },
			{ id: 'D', error: expect.stringMatching(/value #3 is NaN/) }
		]);
		expect(batch.series.map((s) => s.id)).toEqual(['A', 'B']);
	});

	it('marks one chosen and one benchmark backtest row per series', () => {
		for (const id of ['A', 'B']) {
			const rows = batch.backtest.filter((r) => r.id === id);
			expect(rows.filter((r) => r.is_chosen)).toHaveLength(1);
			expect(rows.filter((r) => r.is_benchmark).map((r) => r.model)).toEqual(['snaive']);
			const summary = batch.series.find((s) => s.id === id)!;
			const chosen = rows.find((r) => r.is_chosen)!;
			expect(chosen.model).toBe(summary.model);
			expect(chosen.smape).toBe(summary.smape);
			expect(summary.beats_seasonal_naive).toBe(summary.mase! < summary.benchmark_mase!);
		}
	});

	it('averages the backtest errors over series for each model, the chosen ones and the benchmark', () => {
		const average = (model: string) => batch.averages.find((a) => a.model === model)!;
		const summaries = batch.series;
		expect(average('chosen').series).toBe(2);
		expect(average('chosen').smape).toBeCloseTo((summaries[0].smape! + summaries[1].smape!) / 2, 12);
		expect(average('benchmark').mase).toBeCloseTo(
			(summaries[0].benchmark_mase! + summaries[1].benchmark_mase!) / 2,
			12
		);
		expect(average('snaive').smape).toBe(average('benchmark').smape);
	});
});
