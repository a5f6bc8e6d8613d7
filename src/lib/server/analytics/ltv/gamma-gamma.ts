// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value
// Curves for Customer Base Analysis"; Hardie's note 025). For a customer with x >= 1
// repeat transactions of mean value m:
//   LL_i = lnG(px + q) - lnG(px) - lnG(q) + q ln v + (px - 1) ln m + px ln x - (px + q) ln(v + x m)
// and the conditional expected average transaction value is
//   E[M | x, m] = p (v + x m) / (p x + q - 1),
// a weighted average of the population mean p v / (q - 1) and the customer's own mean.
// Only customers with x > 0 and m > 0 enter the fit.
//
// lifetimes (and FHL) count x and m over the repeat transactions only, leaving the first
// out; then every one-time buyer gets the population mean, whatever the one purchase
// was. With a heavy-tailed spread of spend (q near 1) that mean is many times a typical
// check: a one-time buyer of 180 ₽ was forecast 259,509 ₽ a purchase on the demo. The
// functions here take whatever (x, m) the caller counts; customer-ltv.ts passes every
// purchase period (x + 1 of them and their mean), so a one-time buyer's own check counts.

import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { fitInLogSpace } from './fit-log-space.ts';
import type { FitReport, GammaGammaParams } from './types.ts';

export interface GammaGammaData {
	n: number;
	x: Float64Array;
	m: Float64Array;
	/** Per customer: (ln m + ln x) and ln m, constants of the likelihood. */
	lnM: Float64Array;
	lnXM: Float64Array;
	/** Distinct frequencies and their counts: the gamma-function terms depend on x only. */
	levels: Float64Array;
	levelCount: Float64Array;
}

/** Keeps customers with frequency > 0 and a positive monetary value; reports how many were left out for m <= 0. */
export function prepareGammaGammaData(frequency: ArrayLike<number>, monetaryValue: ArrayLike<number>): GammaGammaData & { excludedNonPositive: number } {
	if (frequency.length !== monetaryValue.length) throw new Error('Gamma-Gamma data: frequency and monetary value must have equal lengths');
	const keep: number[] = [];
	let excludedNonPositive = 0;
	for (let i = 0; i < frequency.length; i++) {
		if (!(frequency[i] > 0)) continue;
		if (!Number.isFinite(monetaryValue[i])) throw new Error(`Gamma-Gamma data: monetary value of customer #${i} is not a number`);
		if (monetaryValue[i] > 0) keep.push(i);
		else excludedNonPositive++;
	}
	const n = keep.length;
	const x = new Float64Array(n);
	const m = new Float64Array(n);
	const lnM = new Float64Array(n);
	const lnXM = new Float64Array(n);
	const levelOf = new Map<number, number>();
	const counts: number[] = [];
	for (let j = 0; j < n; j++) {
		x[j] = frequency[keep[j]];
		m[j] = monetaryValue[keep[j]];
		lnM[j] = Math.log(m[j]);
		lnXM[j] = lnM[j] + Math.log(x[j]);
		const k = levelOf.get(x[j]);
		if (k === undefined) {
			levelOf.set(x[j], counts.length);
			counts.push(1);
		} else counts[k]++;
	}
	const levels = Float64Array.from(levelOf.keys());
	return { n, x, m, lnM, lnXM, levels, levelCount: Float64Array.from(counts), excludedNonPositive };
}

/** Total log-likelihood; fills dLL/d(p, q, v) when gradient is given. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: GammaGammaData, gradient?: Float64Array): number {
	const { p, q, v } = params;
	const { n, x, m, lnM, lnXM, levels, levelCount } = data;
	const lnV = Math.log(v);
	const lnGammaQ = gammaln(q);
	const psiQ = gradient ? digamma(q) : 0;
	let ll = 0;
	let gP = 0;
	let gQ = 0;
	let gV = 0;
	for (let k = 0; k < levels.length; k++) {
		// Per distinct x: lnG(px + q) - lnG(px) - lnG(q) + q ln v and its derivatives.
		const px = p * levels[k];
		ll += levelCount[k] * (gammaln(px + q) - gammaln(px) - lnGammaQ + q * lnV);
		if (gradient) {
			const psiPxQ = digamma(px + q);
			gP += levelCount[k] * levels[k] * (psiPxQ - digamma(px));
			gQ += levelCount[k] * (psiPxQ - psiQ + lnV);
		}
	}
	for (let i = 0; i < n; i++) {
		const px = p * x[i];
		const denominator = v + x[i] * m[i];
		const lnDen = Math.log(denominator);
		ll += px * lnXM[i] - lnM[i] - (px + q) * lnDen;
		if (gradient) {
			gP += x[i] * (lnXM[i] - lnDen);
			gQ -= lnDen;
			gV += q / v - (px + q) / denominator;
		}
	}
	if (gradient) {
		gradient[0] = gP;
		gradient[1] = gQ;
		gradient[2] = gV;
	}
	return ll;
}

/** E[M | x, m]; for x = 0 the population mean p v / (q - 1). NaN when q <= 1 (no finite mean). */
export function conditionalExpectedAverageValue(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, v } = params;
	if (!(q > 1)) return Number.NaN;
	return (p * (v + x * m)) / (p * x + q - 1);
}

export const GAMMA_GAMMA_MIN_CUSTOMERS = 30;

export function fitGammaGamma(data: GammaGammaData, options: { minCustomers?: number; starts?: number[][] } = {}): FitReport<GammaGammaParams> {
	const minCustomers = options.minCustomers ?? GAMMA_GAMMA_MIN_CUSTOMERS;
	const empty = { params: null, logLikelihood: null, standardErrors: null, observations: data.n, converged: false, iterations: 0, evaluations: 0, gradientMaxAbs: Number.NaN, starts: [] };
	let meanM = 0;
	let distinct = false;
	for (let i = 0; i < data.n; i++) {
		meanM += data.m[i] / data.n;
		if (data.m[i] !== data.m[0]) distinct = true;
	}
	if (data.n < minCustomers || !distinct) {
		return {
			...empty,
			status: 'insufficient_data',
			message: `Gamma-Gamma needs at least ${minCustomers} customers with a positive spend that differ in spend; have ${data.n}${data.n > 0 && !distinct ? ', all with the same value' : ''}`
		};
	}
	const scratch = { p: 0, q: 0, v: 0 };
	// Starts with the population mean p v / (q - 1) equal to the observed mean spend.
	const starts = options.starts ?? [
		[1, 2, meanM],
		[5, 3, (meanM * 2) / 5],
		[0.5, 5, meanM * 8],
		[10, 10, (meanM * 9) / 10]
	];
	const fit = fitInLogSpace({
		observations: data.n,
		starts,
		logLikelihood(values, gradient) {
			scratch.p = values[0];
			scratch.q = values[1];
			scratch.v = values[2];
			return gammaGammaLogLikelihood(scratch, data, gradient);
		}
	});
	const params = { p: fit.params[0], q: fit.params[1], v: fit.params[2] };
	const status = !fit.converged ? 'not_converged' : params.q <= 1 ? 'degenerate' : 'ok';
	const message =
		status === 'not_converged'
			? `Gamma-Gamma optimiser stopped without converging (${fit.message})`
			: status === 'degenerate'
				? `Gamma-Gamma fit gives q = ${params.q.toPrecision(3)} <= 1: the population mean spend is infinite, so expected values are not reported`
				: `converged after ${fit.iterations} iterations (max |gradient| ${fit.gradientMaxAbs.toExponential(2)})`;
	return {
		status,
		message,
		params,
		logLikelihood: fit.logLikelihood,
		standardErrors: fit.standardErrors ? { p: fit.standardErrors[0], q: fit.standardErrors[1], v: fit.standardErrors[2] } : null,
		observations: data.n,
		converged: fit.converged,
		iterations: fit.iterations,
		evaluations: fit.evaluations,
		gradientMaxAbs: fit.gradientMaxAbs,
		starts: fit.starts
	};
}

/**
 * Pearson correlation of frequency and monetary value among repeat customers: the
 * Gamma-Gamma model assumes spend is independent of frequency (lifetimes' Quickstart
 * shows 0.113884 on CDNOW and calls that close enough to 0).
 */
export function frequencyMonetaryCorrelation(data: GammaGammaData): number {
	const { n, x, m } = data;
	if (n < 2) return Number.NaN;
	let mx = 0;
	let mm = 0;
	for (let i = 0; i < n; i++) {
		mx += x[i];
		mm += m[i];
	}
	mx /= n;
	mm /= n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (m[i] - mm);
		sxx += (x[i] - mx) ** 2;
		syy += (m[i] - mm) ** 2;
	}
	return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
