import { describe, expect, it } from 'vitest';
import { BacktestRun, planBacktest } from './backtest.ts';

describe('rolling-origin backtest', () => {
	it('plans full-horizon origins when the series is long enough', () => {
		// n 100, H 18, 6 origins 6 apart: first = max(26, 100 − 18 − 30) = 52
		expect(planBacktest(100, 18, 6, 6, 26)).toEqual({ horizon: 18, origins: [52, 58, 64, 70, 76, 82] });
	});

	it('moves the origins later and shortens the step for short series', () => {
		// n 40: first = max(26, 40 − 48) = 26; H = min(18, 14) = 14; step = min(6, ⌊(39 − 26)/5⌋) = 2
		expect(planBacktest(40, 18, 6, 6, 26)).toEqual({ horizon: 14, origins: [26, 28, 30, 32, 34, 36] });
		expect(planBacktest(26, 18, 6, 6, 26)).toBeNull();
	});

	it('scores seasonal naive and pools by hand', () => {
		// period 2, y = 10 20 12 22 14 24 16 26; origins 4 and 6, horizon 2.
		// origin 4 (train 10 20 12 22): snaive 12 22 vs actual 14 24 → sMAPE terms 200·2/26, 200·2/46
		// origin 6 (train …14 24):      snaive 14 24 vs actual 16 26 → 200·2/30, 200·2/50
		const y = Float64Array.from([10, 20, 12, 22, 14, 24, 16, 26]);
		const run = new BacktestRun(y, 2, ['snaive', 'naive'], { horizon: 2, origins: [4, 6] });
		const snaive = run.score(['snaive'])!;
		expect(snaive.smape).toBeCloseTo((400 / 26 + 400 / 46 + 400 / 30 + 400 / 50) / 4, 10);
		// MASE scale at origin 4: |12−10|, |22−20| → 2; at origin 6: 2 2 2 2 → 2. Errors are all 2 → MASE 1.
		expect(snaive.mase).toBeCloseTo(1, 12);
		expect(snaive.points).toBe(4);
		// errors 2 2 2 2 → RMSE 2; actuals 14 24 16 26 → mean 20; forecasts 12 22 14 24 → RMS √(1400 / 4) = √350
		expect(snaive.rmse).toBeCloseTo(2, 12);
		expect(snaive.meanActual).toBeCloseTo(20, 12);
		expect(snaive.forecastRms).toBeCloseTo(Math.sqrt(350), 12);
		// naive from origin 4 is 22 22 (errors 8, 2); from 6 is 24 24 (errors 8, 2) → MAE 5 → MASE 2.5
		expect(run.score(['naive'])!.mase).toBeCloseTo(2.5, 12);
		// pool: origin 4 → (12+22)/2 = 17, (22+22)/2 = 22 → errors 3, 2; origin 6 → 19, 24 → 3, 2 → MASE 2.5/2
		const pool = run.score(['snaive', 'naive'])!;
		expect(pool.model).toBe('snaive+naive');
		expect(pool.mase).toBeCloseTo(1.25, 12);
		// pool errors 3 2 3 2 → RMSE √((9 + 4 + 9 + 4) / 4) = √6.5; forecasts 17 22 19 24 → RMS √((289 + 484 + 361 + 576) / 4) = √427.5
		expect(pool.rmse).toBeCloseTo(Math.sqrt(6.5), 12);
		expect(pool.forecastRms).toBeCloseTo(Math.sqrt(427.5), 12);
	});

	it('leaves sMAPE undefined when every scored actual is 0, and MASE and RMSE defined', () => {
		// sold 5 once, then nothing: origin 4 (train 5 0 0 0), actuals 0 0. Naive forecasts 0 0: RMSE 0; the mean
		// 5/4 = 1.25: RMSE 1.25. MASE scale: train shorter than a period → naive MAE (5 + 0 + 0)/3 = 5/3, so the mean
		// scores 1.25 / (5/3) = 0.75 and naive 0. sMAPE would be 0 for naive and 200 for the mean, whatever its size.
		const y = Float64Array.from([5, 0, 0, 0, 0, 0]);
		const run = new BacktestRun(y, 12, ['naive', 'mean'], { horizon: 2, origins: [4] });
		const naive = run.score(['naive'])!;
		const mean = run.score(['mean'])!;
		expect(Number.isNaN(naive.smape) && Number.isNaN(mean.smape)).toBe(true);
		expect([naive.rmse, naive.mase]).toEqual([0, 0]);
		expect(mean.rmse).toBeCloseTo(1.25, 12);
		expect(mean.mase).toBeCloseTo(0.75, 12);
	});

	it('measures errors in half-widths of the model bands', () => {
		const y = Float64Array.from([10, 20, 12, 22, 14, 24, 16, 26]);
		const run = new BacktestRun(y, 2, ['snaive'], { horizon: 2, origins: [4, 6] });
		const scores = run.intervalScores(['snaive'])!;
		// Seasonal-naive residuals are all 2 → σ = 2 (√(Σe²/count)); every error is 2, so each
		// ratio is 2 / (z·2) = 1/z at h = 1, 2 (k = 1 for h ≤ period).
		expect(scores.ratio95).toHaveLength(4);
		scores.ratio95.forEach((r) => expect(r).toBeCloseTo(1 / 1.959964, 5));
		scores.ratio80.forEach((r) => expect(r).toBeCloseTo(1 / 1.2815516, 5));
	});
});
