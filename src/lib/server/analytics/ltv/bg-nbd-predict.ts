// BG/NBD predictions (Fader, Hardie & Lee 2005, eqs. 8-10; P(alive) from Hardie's
// note 021). Time is in the model's unit (the unit recency and T were given in).
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
	if (x === 0) return 1;
	const { r, alpha, a, b } = params;
	const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
	// 1 / (1 + exp(logOdds)), written to stay exact for large |logOdds|.
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
