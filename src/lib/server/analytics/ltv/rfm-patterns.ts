// Distinct (x, t_x, T) patterns with counts as weights, and each customer's pattern.
// The purchase models' likelihoods and forecasts depend on the pattern only, so fits and
// forecasts run once per pattern (Fader & Hardie's own practice; the likelihood is
// identical); with daily periods a million customers collapse to far fewer patterns.

import { prepareBgNbdData, type BgNbdData } from './bg-nbd-likelihood.ts';
import type { RfmColumns } from './types.ts';

export interface RfmPatterns {
	data: BgNbdData;
	/** Per customer, the index of its pattern in `data`. */
	patternOf: Int32Array;
}

/**
 * Keys are whole period counts, so exact; a summary whose times are not whole periods
 * (made elsewhere) is used uncompressed.
 */
export function compressPatterns(summary: RfmColumns, unitsPerPeriod: number): RfmPatterns {
	const { frequency, recency, T } = summary;
	const n = frequency.length;
	const patternOf = new Int32Array(n);
	let maxPeriods = 0;
	for (let i = 0; i < n; i++) {
		const periods = T[i] / unitsPerPeriod;
		const recencyPeriods = recency[i] / unitsPerPeriod;
		if (Math.abs(periods - Math.round(periods)) > 1e-6 || Math.abs(recencyPeriods - Math.round(recencyPeriods)) > 1e-6) {
			for (let j = 0; j < n; j++) patternOf[j] = j;
			return { data: prepareBgNbdData(frequency, recency, T), patternOf };
		}
		maxPeriods = Math.max(maxPeriods, Math.round(periods));
	}
	const span = maxPeriods + 1;
	const indexOf = new Map<number, number>();
	const x: number[] = [];
	const tx: number[] = [];
	const age: number[] = [];
	const weight: number[] = [];
	for (let i = 0; i < n; i++) {
		const key = (frequency[i] * span + Math.round(recency[i] / unitsPerPeriod)) * span + Math.round(T[i] / unitsPerPeriod);
		const k = indexOf.get(key);
		if (k === undefined) {
			patternOf[i] = x.length;
			indexOf.set(key, x.length);
			x.push(frequency[i]);
			tx.push(recency[i]);
			age.push(T[i]);
			weight.push(1);
		} else {
			patternOf[i] = k;
			weight[k]++;
		}
	}
	return { data: prepareBgNbdData(x, tx, age, weight), patternOf };
}
