// The Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's (2003)
// form, as forecast::thetaf: simple exponential smoothing of the (seasonally adjusted)
// series plus half the slope of its least-squares line, then reseasonalised. Also the
// damped-trend companion used in the combination (Holt damped on the adjusted data).
import { normalBands, type ModelForecast } from './bands.ts';
import { etsPointForecast, linearForecastVariance } from './ets-core.ts';
import { fitEts } from './ets-fit.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';

/** Least-squares slope of x on time 0..n−1. */
export function linearSlope(x: ArrayLike<number>): number {
	const n = x.length;
	const tMean = (n - 1) / 2;
	let xMean = 0;
	for (let t = 0; t < n; t++) xMean += x[t] / n;
	let sxy = 0;
	let sxx = 0;
	for (let t = 0; t < n; t++) {
		sxy += (t - tMean) * (x[t] - xMean);
		sxx += (t - tMean) ** 2;
	}
	return sxx > 0 ? sxy / sxx : 0;
}

/**
 * Theta forecast. Bands: thetaf's SES standard error σ·√(1 + (h−1)α²); we multiply it by
 * the seasonal factor (thetaf leaves it on the adjusted scale) so that a low season gets
 * proportionally narrower bands, as multiplicative seasonality implies.
 */
export function thetaForecast(
	y: ArrayLike<number>,
	adjustment: SeasonalAdjustment | null,
	horizon: number,
	withBands: boolean
): ModelForecast | null {
	const x = adjustment ? adjustment.adjusted : y;
	const n = x.length;
	const ses = fitEts(x, { trend: 'N', season: 'N' }, 1);
	if (!ses) return null;
	const alpha = Math.max(1e-10, ses.params.alpha);
	const halfSlope = linearSlope(x) / 2;
	const factors = adjustment ? adjustment.futureFactors(horizon) : null;
	const mean = new Float64Array(horizon);
	const offset = (1 - (1 - alpha) ** n) / alpha;
	for (let h = 1; h <= horizon; h++) {
		const adjustedMean = ses.final.level + halfSlope * (h - 1 + offset);
		mean[h - 1] = factors ? adjustedMean * factors[h - 1] : adjustedMean;
	}
	const method = adjustment ? 'Theta (seasonally adjusted)' : 'Theta';
	if (!withBands) return { mean, method };
	const variance = new Float64Array(horizon);
	for (let h = 1; h <= horizon; h++) variance[h - 1] = ses.sigma2 * (1 + (h - 1) * alpha * alpha);
	return {
		mean,
		bands: normalBands(mean, variance, factors ?? undefined),
		method,
		intervalMethod: 'normal, SES variance (thetaf)'
	};
}

/** Holt's damped trend, ETS(A,Ad,N), on the seasonally adjusted series, reseasonalised. */
export function dampedTrendForecast(
	y: ArrayLike<number>,
	adjustment: SeasonalAdjustment | null,
	horizon: number,
	withBands: boolean
): ModelForecast | null {
	const x = adjustment ? adjustment.adjusted : y;
	const fit = fitEts(x, { trend: 'Ad', season: 'N' }, 1);
	if (!fit) return null;
	const factors = adjustment ? adjustment.futureFactors(horizon) : null;
	const adjustedMean = etsPointForecast(fit.spec, fit.params, fit.final, fit.n, horizon);
	const mean = factors ? adjustedMean.map((v, i) => v * factors[i]) : adjustedMean;
	const method = adjustment ? 'damped trend (seasonally adjusted)' : 'damped trend';
	if (!withBands) return { mean, method };
	const variance = linearForecastVariance(fit.spec, fit.params, 1, fit.sigma2, horizon);
	return {
		mean,
		bands: normalBands(mean, variance, factors ?? undefined),
		method,
		intervalMethod: 'analytic ETS(A,Ad,N) variance on the adjusted scale'
	};
}
