// Benchmark forecasts: naive, seasonal naive, drift and the mean, with the interval
// formulas of forecast::rwf / snaive / meanf (Hyndman & Athanasopoulos, FPP3 §5.5).
import { normalBands, type ModelForecast } from './bands.ts';

/**
 * Random walk with lag `lag` (1 = naive, m = seasonal naive) and optional drift.
 * Residual variance σ² = Σe² / (count − drift); se_h² = σ²·k_h + (h·se_b)² with
 * k_h = ⌊(h−1)/lag⌋ + 1 and se_b = σ/√count the drift's standard error.
 */
export function laggedWalkForecast(
	y: ArrayLike<number>,
	lag: number,
	drift: boolean,
	horizon: number,
	withBands: boolean,
	method: string
): ModelForecast {
	const n = y.length;
	if (n <= lag) throw new Error(`${method} needs more than ${lag} observations`);
	const count = n - lag;
	// Drift per lag step: the average change between the first and last values one lag apart.
	const steps = Math.floor((n - 1) / lag);
	const slope = drift ? (y[n - 1] - y[n - 1 - lag * steps]) / (steps * lag) : 0;
	const mean = new Float64Array(horizon);
	for (let h = 1; h <= horizon; h++) {
		const back = lag * (Math.floor((h - 1) / lag) + 1);
		mean[h - 1] = y[n + h - 1 - back] + slope * h;
	}
	if (!withBands) return { mean, method };
	let ss = 0;
	for (let t = lag; t < n; t++) ss += (y[t] - y[t - lag] - slope * lag) ** 2;
	const dof = count - (drift ? 1 : 0);
	const sigma2 = dof > 0 ? ss / dof : 0;
	const driftVariance = drift ? sigma2 / count : 0;
	const variance = new Float64Array(horizon);
	for (let h = 1; h <= horizon; h++) {
		variance[h - 1] = sigma2 * (Math.floor((h - 1) / lag) + 1) + h * h * driftVariance;
	}
	return { mean, bands: normalBands(mean, variance), method, intervalMethod: 'normal, random-walk variance' };
}

export const naiveForecast = (y: ArrayLike<number>, horizon: number, withBands: boolean) =>
	laggedWalkForecast(y, 1, false, horizon, withBands, 'naive');

export const seasonalNaiveForecast = (y: ArrayLike<number>, period: number, horizon: number, withBands: boolean) =>
	laggedWalkForecast(y, period, false, horizon, withBands, 'seasonal naive');

export const driftForecast = (y: ArrayLike<number>, horizon: number, withBands: boolean) =>
	laggedWalkForecast(y, 1, true, horizon, withBands, 'random walk with drift');

/** Historical mean; se_h = s·√(1 + 1/n) with s the sample standard deviation. */
export function meanForecast(y: ArrayLike<number>, horizon: number, withBands: boolean): ModelForecast {
	const n = y.length;
	let average = 0;
	for (let t = 0; t < n; t++) average += y[t] / n;
	const mean = new Float64Array(horizon).fill(average);
	if (!withBands) return { mean, method: 'mean' };
	let ss = 0;
	for (let t = 0; t < n; t++) ss += (y[t] - average) ** 2;
	const variance = n > 1 ? (ss / (n - 1)) * (1 + 1 / n) : 0;
	return {
		mean,
		bands: normalBands(mean, new Float64Array(horizon).fill(variance)),
		method: 'mean',
		intervalMethod: 'normal, sample variance'
	};
}
