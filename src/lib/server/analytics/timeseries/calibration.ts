// Widening model intervals that the backtest showed to be too narrow: the errors at the
// backtest origins, measured in half-widths of the model's own bands, give (as in split
// conformal prediction, Papadopoulos et al. 2002; Stankeviciute et al. 2021 for time
// series) the factor by which the bands must grow to have covered the nominal share. We
// only ever widen: a few dozen correlated errors are too weak evidence to narrow.
import type { Bands, ModelForecast } from './bands.ts';
import type { IntervalScores } from './backtest.ts';

export interface CalibrationFactors {
	widen80: number;
	widen95: number;
	/** Share of backtest points inside the model's own (uncalibrated) bands. */
	coverage80: number;
	coverage95: number;
	points: number;
}

/** Conformal quantile: the ⌈(N+1)·level⌉-th smallest score (the largest when that exceeds N). */
export function conformalQuantile(scores: readonly number[], level: number): number {
	const finite = scores.filter((s) => !Number.isNaN(s)).sort((a, b) => a - b);
	if (finite.length === 0) return NaN;
	const rank = Math.min(finite.length, Math.ceil((finite.length + 1) * level));
	return finite[rank - 1];
}

export function calibrationFactors(scores: IntervalScores): CalibrationFactors | null {
	const points = scores.ratio95.filter((s) => !Number.isNaN(s)).length;
	if (points === 0) return null;
	const share = (xs: number[]) => xs.filter((s) => s <= 1).length / xs.filter((s) => !Number.isNaN(s)).length;
	const widen = (q: number) => (Number.isFinite(q) ? Math.max(1, q) : 1);
	return {
		widen80: widen(conformalQuantile(scores.ratio80, 0.8)),
		widen95: widen(conformalQuantile(scores.ratio95, 0.95)),
		coverage80: share(scores.ratio80),
		coverage95: share(scores.ratio95),
		points
	};
}

/** The forecast with each band stretched about the point forecast by its factor. */
export function widenBands(forecast: ModelForecast, factors: CalibrationFactors): ModelForecast {
	const b = forecast.bands;
	if (!b || (factors.widen80 === 1 && factors.widen95 === 1)) return forecast;
	const stretch = (bound: Float64Array, factor: number) =>
		bound.map((v, i) => forecast.mean[i] + factor * (v - forecast.mean[i]));
	const lo80 = stretch(b.lo80, factors.widen80);
	const hi80 = stretch(b.hi80, factors.widen80);
	// The 95% band must still contain the 80% band when the latter grew more.
	const bands: Bands = {
		lo80,
		hi80,
		lo95: stretch(b.lo95, factors.widen95).map((v, i) => Math.min(v, lo80[i])),
		hi95: stretch(b.hi95, factors.widen95).map((v, i) => Math.max(v, hi80[i]))
	};
	return {
		...forecast,
		bands,
		intervalMethod:
			`${forecast.intervalMethod ?? 'model bands'}, widened ×${factors.widen80.toFixed(2)} (80%)` +
			` and ×${factors.widen95.toFixed(2)} (95%) to the backtest errors`
	};
}
