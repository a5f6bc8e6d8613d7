// Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for real
// parameters and 0 <= |z| < 1. No well-kept npm package provides it, and the
// BG/NBD expectations only ever need z = t / (alpha + T + t) in [0, 1), where the
// series converges; the callers apply Euler's transformation first so that the
// numerator parameters stay small and the terms never grow (see bg-nbd-predict.ts).
//
// Stopping rule. Term n+1 = term n * rho_n with
//   rho_n = (a + n)(b + n) / ((c + n)(n + 1)) * z  ->  z  as n grows.
// Once |rho| stays below 1 the remaining tail is bounded by a geometric series,
// |tail| <= |term| / (1 - rhoMax) with rhoMax = max(|rho_n|, |z|); we stop when that
// bound is below `tolerance` * |sum|, and only after n has passed -a, -b and -c, so
// that no factor can still change sign (a negative parameter makes rho dip through
// zero and rise again). If it does not happen within `maxTerms` terms we throw
// instead of returning an unconverged value.

export interface Hyp2f1Options {
	/** Relative tolerance of the truncated tail (default 1e-15). */
	tolerance?: number;
	/** Hard limit on the number of series terms (default 1,000,000). */
	maxTerms?: number;
}

const DEFAULT_TOLERANCE = 1e-15;
const DEFAULT_MAX_TERMS = 1_000_000;

function checkArguments(c: number, z: number): void {
	if (!(Math.abs(z) < 1)) throw new RangeError(`hyp2f1: |z| must be below 1 for the power series, got z = ${z}`);
	if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c = ${c} is a non-positive integer (pole)`);
}

/**
 * Sum of the series from `firstTerm` (the term of index `startIndex`) on.
 * The ratio between term n+1 and term n is (a + n)(b + n) / ((c + n)(n + 1)) * z.
 */
function sumSeries(
	a: number,
	b: number,
	c: number,
	z: number,
	startIndex: number,
	firstTerm: number,
	options: Hyp2f1Options
): number {
	const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
	const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
	const absZ = Math.abs(z);
	const signsSettleAt = Math.max(-a, -b, -c, 0);
	let term = firstTerm;
	let sum = firstTerm;
	if (term === 0) return 0;
	for (let n = startIndex; n < startIndex + maxTerms; n++) {
		const rho = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
		term *= rho;
		sum += term;
		// A zero numerator parameter ends a terminating (polynomial) series.
		if (term === 0) return sum;
		const rhoMax = Math.max(Math.abs(rho), absZ);
		if (n >= signsSettleAt && rhoMax < 1 && Math.abs(term) / (1 - rhoMax) <= tolerance * Math.abs(sum)) return sum;
	}
	throw new Error(
		`hyp2f1: series did not converge in ${maxTerms} terms (a=${a}, b=${b}, c=${c}, z=${z}); z is too close to 1`
	);
}

/**
 * 2F1(a, b; c; z) = sum_n (a)_n (b)_n / ((c)_n n!) z^n for |z| < 1. For z < 0 the
 * series alternates and cancels badly when a or b is large, so Pfaff's transformation
 * 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)) moves it to (0, 1/2).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
	checkArguments(c, z);
	if (z === 0 || a === 0 || b === 0) return 1;
	if (z < 0) {
		const w = z / (z - 1);
		return Math.pow(1 - z, -a) * sumSeries(a, c - b, c, w, 0, 1, options);
	}
	return sumSeries(a, b, c, z, 0, 1, options);
}

/**
 * (2F1(a, b; c; z) - 1) / b, summed directly so that it stays accurate (and defined)
 * as b -> 0: sum_{n>=1} (a)_n (b + 1)_{n-1} / ((c)_n n!) z^n. The BG/NBD expectations
 * divide by (a - 1) where this b is a - 1, so they need exactly this quantity.
 * Summed as is also for z < 0 (the BG/NBD never needs that), so large parameters
 * with negative z lose accuracy to cancellation.
 */
export function hyp2f1MinusOneOverB(
	a: number,
	b: number,
	c: number,
	z: number,
	options: Hyp2f1Options = {}
): number {
	checkArguments(c, z);
	if (z === 0 || a === 0) return 0;
	// Term n = 1 is a z / c; later ratios equal those of 2F1 itself.
	return sumSeries(a, b, c, z, 1, (a * z) / c, options);
}
