// BG/NBD log-likelihood and its gradient (Fader, Hardie & Lee 2005, eq. 6; the
// A1..A4 split of Hardie's note 004 and of lifetimes):
//   LL_i = A1 + A2 + ln(exp(A3) + [x > 0] exp(A4))
//   A1 = lnG(r + x) - lnG(r) + r ln(alpha)
//   A2 = lnG(a + b) + lnG(b + x) - lnG(b) - lnG(a + b + x)
//   A3 = -(r + x) ln(alpha + T)
//   A4 = ln(a) - ln(b + x - 1) - (r + x) ln(alpha + t_x)
// and of the MBG/NBD (Batislam, Denizel & Filiztekin 2007), where a customer may also
// drop out right after the first purchase, so that one-time buyers can be gone too:
// survive x + 1 coin flips instead of x, death possible whatever x is:
//   A2 = lnG(a + b) + lnG(b + x + 1) - lnG(b) - lnG(a + b + x + 1)
//   A4 = ln(a) - ln(b + x) - (r + x) ln(alpha + t_x)          (for every x, t_x = 0 when x = 0)
// i.e. the BG/NBD terms with x shifted by one in the beta part. Both share one loop.
// A1 + A2 depend on x only, so they (and their digamma derivatives) are computed once
// per distinct frequency, not once per customer. Likewise ln(alpha + t) is computed once
// per distinct time value (recency and T take few distinct values when time is counted
// in whole days), so the customer loop is table look-ups and a log-sum-exp.

import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { BgNbdParams } from './types.ts';

/** Customers (or distinct patterns with weights) grouped by frequency, ready for repeated evaluation. */
export interface BgNbdData {
	n: number;
	x: Float64Array;
	tx: Float64Array;
	T: Float64Array;
	weight: Float64Array;
	totalWeight: number;
	/** Distinct frequencies and, per customer, the index of its frequency. */
	levels: Float64Array;
	level: Int32Array;
	levelWeight: Float64Array;
	/** Distinct values of recency and T together, and per customer the index of its T and its recency. */
	times: Float64Array;
	tIndex: Int32Array;
	txIndex: Int32Array;
}

function indexValues(values: Float64Array, into: Map<number, number>): Int32Array {
	const index = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		let k = into.get(values[i]);
		if (k === undefined) {
			k = into.size;
			into.set(values[i], k);
		}
		index[i] = k;
	}
	return index;
}

/** Checks the lifetimes input rules and groups customers by frequency. */
export function prepareBgNbdData(
	frequency: ArrayLike<number>,
	recency: ArrayLike<number>,
	T: ArrayLike<number>,
	weights?: ArrayLike<number>
): BgNbdData {
	const n = frequency.length;
	if (recency.length !== n || T.length !== n || (weights && weights.length !== n)) {
		throw new Error(`BG/NBD data: frequency, recency, T (and weights) must have equal lengths`);
	}
	const x = Float64Array.from(frequency);
	const tx = Float64Array.from(recency);
	const age = Float64Array.from(T);
	const weight = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
	const levelOf = new Map<number, number>();
	const level = new Int32Array(n);
	let totalWeight = 0;
	for (let i = 0; i < n; i++) {
		const xi = x[i];
		if (!(xi >= 0) || !Number.isInteger(xi)) throw new Error(`BG/NBD data: frequency must be a non-negative integer (customer #${i}: ${xi})`);
		if (!(tx[i] >= 0) || !(tx[i] <= age[i]) || !Number.isFinite(age[i])) {
			throw new Error(`BG/NBD data: need 0 <= recency <= T (customer #${i}: recency ${tx[i]}, T ${age[i]})`);
		}
		if (xi === 0 && tx[i] !== 0) throw new Error(`BG/NBD data: recency must be 0 when frequency is 0 (customer #${i})`);
		if (!(weight[i] >= 0)) throw new Error(`BG/NBD data: weights must be non-negative (customer #${i})`);
		let k = levelOf.get(xi);
		if (k === undefined) {
			k = levelOf.size;
			levelOf.set(xi, k);
		}
		level[i] = k;
		totalWeight += weight[i];
	}
	const levels = new Float64Array(levelOf.size);
	for (const [value, k] of levelOf) levels[k] = value;
	const levelWeight = new Float64Array(levels.length);
	for (let i = 0; i < n; i++) levelWeight[level[i]] += weight[i];
	const timeOf = new Map<number, number>();
	const tIndex = indexValues(age, timeOf);
	const txIndex = indexValues(tx, timeOf);
	const times = Float64Array.from(timeOf.keys());
	return { n, x, tx, T: age, weight, totalWeight, levels, level, levelWeight, times, tIndex, txIndex };
}

/**
 * Total weighted BG/NBD log-likelihood at params. If `gradient` is given it receives
 * dLL/d(r, alpha, a, b); if `perCustomer` is given it receives each LL_i (unweighted).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: BgNbdData, gradient?: Float64Array, perCustomer?: Float64Array): number {
	return betaGeometricLogLikelihood(0, params, data, gradient, perCustomer);
}

/** The same for the MBG/NBD (death possible after the first purchase too). */
export function mbgNbdLogLikelihood(params: BgNbdParams, data: BgNbdData, gradient?: Float64Array, perCustomer?: Float64Array): number {
	return betaGeometricLogLikelihood(1, params, data, gradient, perCustomer);
}

/** shift 0: BG/NBD; shift 1: MBG/NBD (the beta part counts the first purchase as a dropout opportunity). */
function betaGeometricLogLikelihood(
	shift: 0 | 1,
	params: BgNbdParams,
	data: BgNbdData,
	gradient?: Float64Array,
	perCustomer?: Float64Array
): number {
	const { r, alpha, a, b } = params;
	const { levels, levelWeight } = data;
	const nLevels = levels.length;
	const shared = new Float64Array(nLevels);
	const logA4Const = new Float64Array(nLevels);
	const dShared = gradient ? new Float64Array(nLevels * 3) : null;
	const lnAlpha = Math.log(alpha);
	const lnA = Math.log(a);
	const lnGammaR = gammaln(r);
	const lnBetaAB = betaln(a, b);
	const psi = gradient ? { r: digamma(r), ab: digamma(a + b), b: digamma(b) } : null;
	let ll = 0;
	for (let k = 0; k < nLevels; k++) {
		const xv = levels[k];
		const xs = xv + shift;
		// A2 = ln B(a, b + x + shift) - ln B(a, b).
		shared[k] = gammaln(r + xv) - lnGammaR + r * lnAlpha + betaln(a, b + xs) - lnBetaAB;
		logA4Const[k] = xs > 0 ? lnA - Math.log(b + xs - 1) : Number.NEGATIVE_INFINITY;
		ll += levelWeight[k] * shared[k];
		if (dShared && psi) {
			const psiABX = digamma(a + b + xs);
			dShared[3 * k] = digamma(r + xv) - psi.r + lnAlpha;
			dShared[3 * k + 1] = psi.ab - psiABX;
			dShared[3 * k + 2] = psi.ab + digamma(b + xs) - psi.b - psiABX;
		}
	}
	const { n, x, weight, level, times, tIndex, txIndex } = data;
	const lnAlphaPlus = new Float64Array(times.length);
	const invAlphaPlus = new Float64Array(times.length);
	for (let k = 0; k < times.length; k++) {
		lnAlphaPlus[k] = Math.log(alpha + times[k]);
		invAlphaPlus[k] = 1 / (alpha + times[k]);
	}
	let gR = 0;
	let gAlpha = 0;
	let gA = 0;
	let gB = 0;
	for (let i = 0; i < n; i++) {
		const k = level[i];
		const xi = x[i];
		const rx = r + xi;
		const lnT = lnAlphaPlus[tIndex[i]];
		const a3 = -rx * lnT;
		let term: number;
		let w4 = 0;
		let lnTx = 0;
		if (xi + shift > 0) {
			lnTx = lnAlphaPlus[txIndex[i]];
			const a4 = logA4Const[k] - rx * lnTx;
			// log-sum-exp of A3 and A4.
			if (a3 >= a4) {
				const e = Math.exp(a4 - a3);
				term = a3 + Math.log1p(e);
				w4 = e / (1 + e);
			} else {
				const e = Math.exp(a3 - a4);
				term = a4 + Math.log1p(e);
				w4 = 1 / (1 + e);
			}
		} else {
			term = a3;
		}
		const wi = weight[i];
		ll += wi * term;
		if (perCustomer) perCustomer[i] = shared[k] + term;
		if (gradient) {
			const w3 = 1 - w4;
			gR += wi * (-w3 * lnT - w4 * lnTx);
			gAlpha -= wi * rx * (w3 * invAlphaPlus[tIndex[i]] + w4 * invAlphaPlus[txIndex[i]]);
			if (xi + shift > 0) {
				gA += (wi * w4) / a;
				gB -= (wi * w4) / (b + xi + shift - 1);
			}
		}
	}
	if (gradient && dShared) {
		gAlpha += (data.totalWeight * r) / alpha;
		for (let k = 0; k < nLevels; k++) {
			gR += levelWeight[k] * dShared[3 * k];
			gA += levelWeight[k] * dShared[3 * k + 1];
			gB += levelWeight[k] * dShared[3 * k + 2];
		}
		gradient[0] = gR;
		gradient[1] = gAlpha;
		gradient[2] = gA;
		gradient[3] = gB;
	}
	return ll;
}
