// The seasonality test of Hyndman's forecast::thetaf: the lag-m autocorrelation is
// significant at the 90% level against Bartlett's standard error built from lags 1..m−1.
import quantile from '@stdlib/stats-base-dists-normal-quantile';

const Z_95 = quantile(0.95, 0, 1);

/** Sample autocorrelations r[1..maxLag] as R's acf (mean-centred, denominator n); r[0] = 1. */
export function autocorrelations(values: ArrayLike<number>, maxLag: number): Float64Array {
	const n = values.length;
	let mean = 0;
	for (let t = 0; t < n; t++) mean += values[t] / n;
	let denominator = 0;
	for (let t = 0; t < n; t++) denominator += (values[t] - mean) ** 2;
	const r = new Float64Array(maxLag + 1);
	r[0] = 1;
	if (denominator === 0) return r;
	for (let k = 1; k <= maxLag && k < n; k++) {
		let sum = 0;
		for (let t = 0; t + k < n; t++) sum += (values[t] - mean) * (values[t + k] - mean);
		r[k] = sum / denominator;
	}
	return r;
}

/**
 * True when the series shows seasonality of the given period: |r_m| exceeds
 * z(0.95)·sqrt((1 + 2·Σ_{k<m} r_k²)/n). Needs more than two periods of data, as thetaf.
 */
export function hasSeasonality(values: ArrayLike<number>, period: number): boolean {
	const n = values.length;
	if (period < 2 || n <= 2 * period) return false;
	const r = autocorrelations(values, period);
	let sumSquares = 0;
	for (let k = 1; k < period; k++) sumSquares += r[k] * r[k];
	const standardError = Math.sqrt((1 + 2 * sumSquares) / n);
	return Math.abs(r[period]) / standardError > Z_95;
}
