// Intermittent demand: Croston (1972), the Syntetos–Boylan approximation (2005) and TSB
// (Teunter, Syntetos & Babai 2011), with a fixed α = 0.1 (forecast::croston's default).
// Croston and SBA smooth the demand sizes and the intervals between demands, updating only
// in months with demand, so a SKU that stopped selling keeps its old forecast; TSB smooths
// the probability of demand every month, so its forecast decays while nothing sells.
//
// All three forecast a mean rate, flat over the horizon. Their bands are quantiles of the
// month's demand under the model's own assumptions: a month has demand with probability π
// (1 / smoothed interval; TSB's smoothed probability), and then a size drawn from the
// series' past non-zero demands, scaled so that the mixture's mean is the forecast. When
// fewer than one month in ten has demand, the 90% quantile of such a month is 0, below the
// mean rate: the bounds are then moved out to the forecast (bands.ts, containForecast), so
// an interval holds the month's demand with at least its nominal probability and always
// contains the forecast.
import type { Bands, ModelForecast } from './bands.ts';

export const CROSTON_ALPHA = 0.1;
/** TSB's smoothing constant for the probability of demand. */
export const TSB_BETA = 0.1;

/** Average inter-demand interval (Syntetos & Boylan): above 1.32 demand is intermittent. */
export function averageDemandInterval(y: ArrayLike<number>): number {
	let nonZero = 0;
	for (let t = 0; t < y.length; t++) if (y[t] !== 0) nonZero++;
	return nonZero === 0 ? Infinity : y.length / nonZero;
}

function nonZeroValues(y: ArrayLike<number>): number[] {
	const sizes: number[] = [];
	for (let t = 0; t < y.length; t++) if (y[t] !== 0) sizes.push(y[t]);
	return sizes;
}

/**
 * τ-quantile of a month's demand D = B·S: B is 1 with probability `probability`, S one of
 * `sizes` (equally likely) times `scale`. The inverse of the mixture's distribution function,
 * the smallest x with P(D ≤ x) ≥ τ (R's quantile type 1): 0 while τ ≤ 1 − π for positive sizes.
 */
export function zeroInflatedQuantile(sizes: readonly number[], scale: number, probability: number, tau: number): number {
	const points = [
		{ value: 0, weight: 1 - probability },
		...sizes.map((s) => ({ value: s * scale, weight: probability / sizes.length }))
	].sort((a, b) => a.value - b.value);
	let cumulative = 0;
	for (const p of points) {
		cumulative += p.weight;
		if (cumulative >= tau) return p.value;
	}
	return points[points.length - 1].value;
}

/** Bands of a flat mean rate under the occurrence-and-size model; sizes scaled so that the mixture's mean is `rate`. */
function occurrenceBands(y: ArrayLike<number>, rate: number, probability: number, horizon: number): Bands {
	const sizes = nonZeroValues(y);
	const meanSize = sizes.reduce((a, b) => a + b, 0) / sizes.length;
	const scale = probability * meanSize > 0 ? rate / (probability * meanSize) : 1;
	const band = (tau: number) => new Float64Array(horizon).fill(zeroInflatedQuantile(sizes, scale, probability, tau));
	return { lo80: band(0.1), hi80: band(0.9), lo95: band(0.025), hi95: band(0.975) };
}

const OCCURRENCE_INTERVALS = 'quantiles of demand occurrence × past demand sizes (zero-inflated), widened to contain the forecast';

export function crostonForecast(
	y: ArrayLike<number>,
	horizon: number,
	withBands: boolean,
	variant: 'croston' | 'sba',
	alpha = CROSTON_ALPHA
): ModelForecast | null {
	const n = y.length;
	let first = -1;
	for (let t = 0; t < n; t++) {
		if (y[t] !== 0) {
			first = t;
			break;
		}
	}
	if (first < 0) return null;
	const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
	let size = y[first];
	let interval = first + 1;
	let last = first;
	for (let t = first + 1; t < n; t++) {
		if (y[t] !== 0) {
			size += alpha * (y[t] - size);
			interval += alpha * (t - last - interval);
			last = t;
		}
	}
	const level = (factor * size) / interval;
	const mean = new Float64Array(horizon).fill(level);
	const method = variant === 'sba' ? 'SBA (Syntetos–Boylan)' : 'Croston';
	if (!withBands) return { mean, method };
	return { mean, bands: occurrenceBands(y, level, Math.min(1, 1 / interval), horizon), method, intervalMethod: OCCURRENCE_INTERVALS };
}

/**
 * TSB: every month the probability of demand p moves towards 1 (demand) or 0 (none) by β;
 * the size z moves towards the demand by α in months with demand. Forecast p·z. Both start
 * at the training window's share of months with demand and its mean demand size.
 */
export function tsbForecast(
	y: ArrayLike<number>,
	horizon: number,
	withBands: boolean,
	alpha = CROSTON_ALPHA,
	beta = TSB_BETA
): ModelForecast | null {
	const sizes = nonZeroValues(y);
	if (sizes.length === 0) return null;
	let probability = sizes.length / y.length;
	let size = sizes.reduce((a, b) => a + b, 0) / sizes.length;
	for (let t = 0; t < y.length; t++) {
		if (y[t] !== 0) {
			probability += beta * (1 - probability);
			size += alpha * (y[t] - size);
		} else {
			probability -= beta * probability;
		}
	}
	const level = probability * size;
	const mean = new Float64Array(horizon).fill(level);
	const method = 'TSB (Teunter–Syntetos–Babai)';
	if (!withBands) return { mean, method };
	return { mean, bands: occurrenceBands(y, level, probability, horizon), method, intervalMethod: OCCURRENCE_INTERVALS };
}
