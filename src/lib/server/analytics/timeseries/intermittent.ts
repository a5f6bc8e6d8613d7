// Intermittent demand: Croston (1972) and the Syntetos–Boylan approximation (2005),
// smoothing sizes and intervals separately with a fixed α = 0.1 (forecast::croston's
// default). Intervals are empirical: the 2.5/10/90/97.5% quantiles of the in-sample
// errors (demand − forecast) added to the flat forecast, the same at every horizon.
import { sortedQuantile, type Bands, type ModelForecast } from './bands.ts';

export const CROSTON_ALPHA = 0.1;

/** Average inter-demand interval (Syntetos & Boylan): above 1.32 demand is intermittent. */
export function averageDemandInterval(y: ArrayLike<number>): number {
	let nonZero = 0;
	for (let t = 0; t < y.length; t++) if (y[t] !== 0) nonZero++;
	return nonZero === 0 ? Infinity : y.length / nonZero;
}

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
	const errors: number[] = [];
	for (let t = first + 1; t < n; t++) {
		errors.push(y[t] - (factor * size) / interval);
		if (y[t] !== 0) {
			size += alpha * (y[t] - size);
			interval += alpha * (t - last - interval);
			last = t;
		}
	}
	const level = (factor * size) / interval;
	const mean = new Float64Array(horizon).fill(level);
	const method = variant === 'sba' ? 'SBA (Syntetos–Boylan)' : 'Croston';
	if (!withBands || errors.length < 2) return { mean, method };
	const sorted = Float64Array.from(errors).sort();
	const band = (p: number) => new Float64Array(horizon).fill(level + sortedQuantile(sorted, p));
	const bands: Bands = { lo80: band(0.1), hi80: band(0.9), lo95: band(0.025), hi95: band(0.975) };
	return { mean, bands, method, intervalMethod: 'empirical quantiles of in-sample errors' };
}
