// Prediction-interval bands shared by all forecasters: 80% and 95%, two-sided.
import quantile from '@stdlib/stats-base-dists-normal-quantile';

export const Z80 = quantile(0.9, 0, 1);
export const Z95 = quantile(0.975, 0, 1);

export interface Bands {
	lo80: Float64Array;
	hi80: Float64Array;
	lo95: Float64Array;
	hi95: Float64Array;
}

export interface ModelForecast {
	mean: Float64Array;
	bands?: Bands;
	/** Exact method fitted, e.g. "ETS(A,Ad,M)" or "Theta (seasonally adjusted)". */
	method: string;
	/** How the bands were obtained, for the reader of the forecast. */
	intervalMethod?: string;
}

/** Normal bands mean ± z·sd, with sd[h] = sqrt(variance[h]) · scale[h] when scale is given. */
export function normalBands(mean: Float64Array, variance: ArrayLike<number>, scale?: ArrayLike<number>): Bands {
	const h = mean.length;
	const bands: Bands = {
		lo80: new Float64Array(h),
		hi80: new Float64Array(h),
		lo95: new Float64Array(h),
		hi95: new Float64Array(h)
	};
	for (let i = 0; i < h; i++) {
		const sd = Math.sqrt(Math.max(0, variance[i])) * (scale ? Math.abs(scale[i]) : 1);
		bands.lo80[i] = mean[i] - Z80 * sd;
		bands.hi80[i] = mean[i] + Z80 * sd;
		bands.lo95[i] = mean[i] - Z95 * sd;
		bands.hi95[i] = mean[i] + Z95 * sd;
	}
	return bands;
}

/** Quantile of a sorted sample, R's default (type 7) linear interpolation. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const position = (n - 1) * p;
	const below = Math.floor(position);
	const above = Math.min(n - 1, below + 1);
	return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** Element-wise mean of several forecasts' bands (quantile averaging for combinations). */
export function averageBands(all: Bands[]): Bands {
	const h = all[0].lo80.length;
	const out: Bands = {
		lo80: new Float64Array(h),
		hi80: new Float64Array(h),
		lo95: new Float64Array(h),
		hi95: new Float64Array(h)
	};
	for (const b of all) {
		for (let i = 0; i < h; i++) {
			out.lo80[i] += b.lo80[i] / all.length;
			out.hi80[i] += b.hi80[i] / all.length;
			out.lo95[i] += b.lo95[i] / all.length;
			out.hi95[i] += b.hi95[i] / all.length;
		}
	}
	return out;
}

/**
 * The forecast with its bounds moved out where needed so that lo95 ≤ lo80 ≤ mean ≤ hi80 ≤ hi95
 * at every step. Quantiles of a skewed demand need not contain its mean (intermittent.ts:
 * the 90% quantile of a month that sells in fewer than one month in ten is 0, below the
 * mean rate); moving a bound outwards only adds coverage, so every interval still holds
 * at least its nominal share. Exact comparisons: the marts test these inequalities as they are.
 */
export function containForecast(forecast: ModelForecast): ModelForecast {
	const b = forecast.bands;
	if (!b) return forecast;
	const { mean } = forecast;
	const lo80 = b.lo80.map((v, i) => Math.min(v, mean[i]));
	const hi80 = b.hi80.map((v, i) => Math.max(v, mean[i]));
	const bands: Bands = {
		lo80,
		hi80,
		lo95: b.lo95.map((v, i) => Math.min(v, lo80[i])),
		hi95: b.hi95.map((v, i) => Math.max(v, hi80[i]))
	};
	return { ...forecast, bands };
}
