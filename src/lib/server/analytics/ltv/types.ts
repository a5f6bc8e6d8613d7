// Shared shapes of the LTV numerics. Per-customer data is columnar (one typed array
// per field, index = customer) so that a million customers stay a few arrays.

/** BG/NBD (Fader, Hardie & Lee 2005): purchase rate ~ Gamma(r, alpha), dropout probability ~ Beta(a, b). */
export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

/** Gamma-Gamma spend model: transaction value ~ Gamma(p, nu), nu ~ Gamma(q, v). */
export interface GammaGammaParams {
	p: number;
	q: number;
	v: number;
}

/**
 * Frequency (repeat purchase periods), recency (time of the last purchase since the
 * first) and age T (time from the first purchase to the end of observation), in the
 * model's time unit. recency = 0 when frequency = 0.
 */
export interface RfmColumns {
	frequency: Float64Array;
	recency: Float64Array;
	T: Float64Array;
}

/** How a fit ended. 'insufficient_data' fits nothing; the others carry parameters. */
export type FitStatus = 'ok' | 'insufficient_data' | 'not_converged' | 'degenerate';

/** One optimiser run from one starting point, for the record. */
export interface FitStart {
	start: number[];
	params: number[];
	logLikelihood: number;
	converged: boolean;
	iterations: number;
	evaluations: number;
	message: string;
}

export interface FitReport<P> {
	status: FitStatus;
	/** Why the status is not 'ok', in words a user can act on. */
	message: string;
	params: P | null;
	/** Total (not per-customer mean) log-likelihood at params. */
	logLikelihood: number | null;
	/** Standard errors from the observed information (delta method from log space). */
	standardErrors: P | null;
	/** Customers (or weighted patterns) the fit used. */
	observations: number;
	converged: boolean;
	iterations: number;
	evaluations: number;
	gradientMaxAbs: number;
	starts: FitStart[];
}
