// Exponential smoothing state-space recursions with additive errors (Hyndman, Koehler,
// Ord & Snyder 2008, "Forecasting with Exponential Smoothing", table 2.3): trend none,
// additive or damped; seasonality none, additive or multiplicative.

export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
	trend: TrendType;
	season: SeasonType;
}

export interface EtsParameters {
	alpha: number;
	/** Slope smoothing in the error-correction form (β = α·β* of Holt's form); 0 without trend. */
	beta: number;
	/** Seasonal smoothing; 0 without seasonality. */
	gamma: number;
	/** Damping; 1 for an undamped trend. */
	phi: number;
}

/**
 * States after (or before) the data. `season[k]` holds the seasonal state for every time
 * t with t mod period = k; time 0 is the first observation.
 */
export interface EtsState {
	level: number;
	slope: number;
	season: Float64Array;
}

export function etsLabel(spec: EtsSpec): string {
	return `ETS(A,${spec.trend},${spec.season})`;
}

/**
 * Runs the one-step-ahead filter over y from `initial` and returns the sum of squared
 * errors; the final state is written to `final` (whose season buffer may be reused
 * across calls) and the errors to `residuals` when given. Returns Infinity when the
 * recursion leaves the real numbers (e.g. a multiplicative season through zero).
 */
export function etsFilter(
	y: ArrayLike<number>,
	spec: EtsSpec,
	p: EtsParameters,
	initial: EtsState,
	final: EtsState,
	residuals?: Float64Array
): number {
	const period = initial.season.length;
	const season = final.season;
	if (season !== initial.season) season.set(initial.season);
	const hasTrend = spec.trend !== 'N';
	const phi = spec.trend === 'Ad' ? p.phi : 1;
	const { alpha, beta, gamma } = p;
	let level = initial.level;
	let slope = hasTrend ? initial.slope : 0;
	let sse = 0;
	const n = y.length;
	for (let t = 0, k = 0; t < n; t++, k = k + 1 === period ? 0 : k + 1) {
		const base = level + phi * slope;
		let error: number;
		if (spec.season === 'N') {
			error = y[t] - base;
			level = base + alpha * error;
			slope = phi * slope + beta * error;
		} else if (spec.season === 'A') {
			const s = season[k];
			error = y[t] - base - s;
			level = base + alpha * error;
			slope = phi * slope + beta * error;
			season[k] = s + gamma * error;
		} else {
			const s = season[k];
			error = y[t] - base * s;
			level = base + (alpha * error) / s;
			slope = phi * slope + (beta * error) / s;
			season[k] = s + (gamma * error) / base;
		}
		if (residuals) residuals[t] = error;
		sse += error * error;
	}
	final.level = level;
	final.slope = hasTrend ? slope : 0;
	return Number.isFinite(sse) ? sse : Infinity;
}

/** Point forecasts for steps 1..horizon after `n` observations ending in `state`. */
export function etsPointForecast(
	spec: EtsSpec,
	p: EtsParameters,
	state: EtsState,
	n: number,
	horizon: number
): Float64Array {
	const period = state.season.length;
	const phi = spec.trend === 'Ad' ? p.phi : 1;
	const out = new Float64Array(horizon);
	let damped = 0;
	let power = 1;
	for (let h = 1; h <= horizon; h++) {
		power *= phi;
		damped += power;
		const base = state.level + (spec.trend === 'N' ? 0 : damped * state.slope);
		const s = state.season[(n + h - 1) % period];
		out[h - 1] = spec.season === 'N' ? base : spec.season === 'A' ? base + s : base * s;
	}
	return out;
}

/**
 * Forecast variances for the linear (homoscedastic, "class 1") models, steps 1..horizon:
 * v_h = σ²(1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j mod m = 0], φ_j = φ + … + φ^j
 * (Hyndman et al. 2008, table 6.1). Multiplicative seasonality has no closed form.
 */
export function linearForecastVariance(
	spec: EtsSpec,
	p: EtsParameters,
	period: number,
	sigma2: number,
	horizon: number
): Float64Array {
	if (spec.season === 'M') throw new Error('ETS(A,*,M) has no analytic forecast variance; simulate it');
	const phi = spec.trend === 'Ad' ? p.phi : 1;
	const out = new Float64Array(horizon);
	let sum = 0;
	let damped = 0;
	let power = 1;
	for (let h = 1; h <= horizon; h++) {
		out[h - 1] = sigma2 * (1 + sum);
		power *= phi;
		damped += power;
		const c =
			p.alpha +
			(spec.trend === 'N' ? 0 : p.beta * damped) +
			(spec.season === 'A' && h % period === 0 ? p.gamma : 0);
		sum += c * c;
	}
	return out;
}
