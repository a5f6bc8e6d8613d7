// BG/NBD predictions (Fader, Hardie & Lee 2005, eqs. 8-10; P(alive) from Hardie's
// note 021), and the MBG/NBD ones (at the end), which are the same with b shifted. Time is in the model's unit (the unit recency and T were given in).
//
// The expectations contain 2F1(r + x, b + x; a + b + x - 1; z) (or with x = 0 and
// z = t / (alpha + t)). Euler's transformation 2F1(A, B; C; z) =
// (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z) turns it into
// (1 - z)^(a - 1 - r - x) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z), whose numerator
// parameters do not grow with x, so the series never overflows for heavy buyers
// (lifetimes switches to the same form when the direct one overflows). Together with
// the factor ((alpha + T) / (alpha + T + t))^(r + x) = (1 - z)^(r + x) and the leading
// 1 / (a - 1) this gives, with e = a - 1, L = ln(1 - z), S = (2F1(.., e; ..) - 1) / e:
//   [1 - (1 - z)^e (1 + e S)] / e = -expm1(e L) / e - S exp(e L),
// which stays finite and accurate as a -> 1 where the textbook form is 0 / 0.

import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { hyp2f1MinusOneOverB } from './hyp2f1.ts';
import type { BgNbdParams } from './types.ts';

/** [1 - (1 - z)^e 2F1(A, e; C; z)] / e for e = a - 1, stable through e = 0. */
function bracket(params: BgNbdParams, c: number, z: number): number {
	const e = params.a - 1;
	const logOneMinusZ = Math.log1p(-z);
	const s = hyp2f1MinusOneOverB(params.a + params.b - 1 - params.r, e, c, z);
	const leading = e === 0 ? -logOneMinusZ : -Math.expm1(e * logOneMinusZ) / e;
	return leading - s * Math.exp(e * logOneMinusZ);
}

/** P(customer still alive | x, t_x, T); 1 for customers without a repeat purchase (the model assumes no death before the first repeat). */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
	return x === 0 ? 1 : aliveGivenOddsOfDeath(Math.log(params.a / (params.b + x - 1)), params, x, tx, T);
}

/**
 * 1 / (1 + odds of death), the odds being a / (b + x - 1 + shift) ((alpha + T) / (alpha + t_x))^(r + x)
 * (Hardie's note 021; MBG/NBD: Batislam et al. 2007, eq. 9), written to stay exact for large |log odds|.
 */
function aliveGivenOddsOfDeath(logBetaRatio: number, params: BgNbdParams, x: number, tx: number, T: number): number {
	const { r, alpha } = params;
	const logOdds = logBetaRatio + (r + x) * Math.log((alpha + T) / (alpha + tx));
	return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (eq. 9). */
export function expectedPurchases(params: BgNbdParams, t: number): number {
	if (t === 0) return 0;
	const z = t / (params.alpha + t);
	return (params.a + params.b - 1) * bracket(params, params.a + params.b - 1, z);
}

/**
 * E[Y(t) | x, T, alive]: expected purchases in (T, T + t] of a customer with x repeat
 * purchases and age T who is alive at T. Does not depend on t_x; eq. 10 is this times
 * P(alive), so a caller needing several horizons computes P(alive) once.
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
	if (t === 0) return 0;
	const c = params.a + params.b + x - 1;
	const z = t / (params.alpha + T + t);
	return c * bracket(params, c, z);
}

/**
 * P(at least one purchase in (T, T + t] | x, T, alive at T), for BG/NBD and MBG/NBD alike: a
 * customer alive at T buys again after an exponential wait (dropout comes only right after a
 * purchase), and given the alive branch of the likelihood, lambda ~ Gamma(r + x, alpha + T),
 * so this is 1 - E[exp(-lambda t)] = 1 - ((alpha + T) / (alpha + T + t))^(r + x).
 */
export function probabilityOfPurchaseIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
	return -Math.expm1((params.r + x) * Math.log((params.alpha + T) / (params.alpha + T + t)));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of a customer with that history (eq. 10). */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
	if (t === 0) return 0;
	return probabilityAlive(params, x, tx, T) * expectedPurchasesIfAlive(params, t, x, T);
}

/** P(X(t) = n): probability of exactly n repeat purchases in (0, t] for a new customer (eq. 8). */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
	if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`number of purchases must be a non-negative integer, got ${n}`);
	const { r, alpha, a, b } = params;
	const logBetaAB = betaln(a, b);
	const z = t / (alpha + t);
	const logP0 = r * Math.log(alpha / (alpha + t)); // ln (alpha / (alpha + t))^r
	const logNbTerm = (j: number) => gammaln(r + j) - gammaln(r) - gammaln(j + 1) + logP0 + (j > 0 ? j * Math.log(z) : 0);
	// Alive through all n purchases, with n purchases: B(a, b + n) / B(a, b) * NB(n).
	const first = Math.exp(betaln(a, b + n) - logBetaAB + logNbTerm(n));
	if (n === 0) return first;
	// Died right after the n-th purchase: B(a + 1, b + n - 1) / B(a, b) * P(NB >= n).
	const second = Math.exp(betaln(a + 1, b + n - 1) - logBetaAB) * negativeBinomialUpperTail(r, z, logNbTerm(n), n);
	return first + second;
}

/**
 * P(N >= n) for the negative binomial with pmf Gamma(r + j) / (Gamma(r) j!) (1 - z)^r z^j.
 * Summed upward from term n when the tail is small (1 - head would lose its digits to
 * cancellation; P(X(2) = 10) is about 1e-7), as 1 - head otherwise.
 */
function negativeBinomialUpperTail(r: number, z: number, logTermN: number, n: number): number {
	const termN = Math.exp(logTermN);
	let head = 0;
	let term = Math.exp(r * Math.log1p(-z));
	for (let j = 0; j < n; j++) {
		head += term;
		term *= ((r + j) / (j + 1)) * z;
	}
	if (head < 0.5) return 1 - head;
	let tail = 0;
	term = termN;
	for (let j = n; j < n + 1_000_000; j++) {
		tail += term;
		const rho = ((r + j) / (j + 1)) * z;
		term *= rho;
		const rhoMax = Math.max(rho, z); // ratios tend to z, from below when r < 1
		if (rhoMax < 1 && term / (1 - rhoMax) <= 1e-16 * tail) return tail;
	}
	return Math.max(0, 1 - head);
}

// MBG/NBD (Batislam, Denizel & Filiztekin 2007). A customer alive at T with x repeat
// purchases has survived x + 1 dropout chances (the first purchase included), so the
// posterior of the dropout probability is Beta(a, b + x + 1) where the BG/NBD has
// Beta(a, b + x): every expectation "if alive" is the BG/NBD one with b + 1 (lifetimes'
// ModifiedBetaGeoFitter: 2F1(r + x, b + x + 1; a + b + x; z) and (a + b + x) / (a - 1)).

/** MBG/NBD P(alive | x, t_x, T): below 1 for one-time buyers too, falling the longer they stay away. */
export function mbgProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
	return aliveGivenOddsOfDeath(Math.log(params.a / (params.b + x)), params, x, tx, T);
}

/** MBG/NBD E[Y(t) | x, T, alive]. */
export function mbgExpectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
	return expectedPurchasesIfAlive({ ...params, b: params.b + 1 }, t, x, T);
}

/** MBG/NBD E[X(t)] of a customer just acquired: alive after the first purchase with probability b / (a + b). */
export function mbgExpectedPurchases(params: BgNbdParams, t: number): number {
	return (params.b / (params.a + params.b)) * expectedPurchases({ ...params, b: params.b + 1 }, t);
}

/** MBG/NBD E[Y(t) | x, t_x, T]. */
export function mbgConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
	if (t === 0) return 0;
	return mbgProbabilityAlive(params, x, tx, T) * mbgExpectedPurchasesIfAlive(params, t, x, T);
}
