// Fitting ETS models with additive errors. Initial states follow forecast::ets's
// `initstate`: seasonal states from a classical decomposition of the data, level and
// slope from a regression on the first max(10, 2m) seasonally adjusted values. The
// smoothing parameters, the initial level and the initial slope are then chosen by
// Nelder–Mead on the sum of squared one-step errors (the concentrated Gaussian
// likelihood); the seasonal initial states stay at their decomposition values, which
// keeps the search at ≤ 6 dimensions. Parameters are kept inside forecast::ets's
// "usual" region: 0 < β < α < 1, 0 < γ < 1 − α, 0.8 ≤ φ ≤ 0.98.
import { decomposeRaw } from './decompose.ts';
import { etsFilter, etsLabel, type EtsParameters, type EtsSpec, type EtsState } from './ets-core.ts';
import { nelderMead } from './nelder-mead.ts';

const LOWER = 1e-4;
const UPPER = 0.9999;
const PHI_LOWER = 0.8;
const PHI_UPPER = 0.98;

export interface EtsFit {
	spec: EtsSpec;
	label: string;
	/** Fitted to log(y): forecasts and bounds are exp of the log-scale ones (medians). */
	logScale: boolean;
	params: EtsParameters;
	initial: EtsState;
	final: EtsState;
	n: number;
	sse: number;
	/** Residual variance SSE / (n − parameters). */
	sigma2: number;
	/** Estimated quantities: smoothing parameters, initial states and σ². */
	parameterCount: number;
	aicc: number;
}

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** Why this model cannot be fitted to y, or null. */
export function etsObstacle(y: ArrayLike<number>, spec: EtsSpec, period: number): string | null {
	if (spec.season !== 'N' && y.length < 2 * period + 2) return `seasonal ETS needs ≥ ${2 * period + 2} observations`;
	if (spec.season === 'M') {
		for (let t = 0; t < y.length; t++) if (!(y[t] > 0)) return 'multiplicative seasonality needs positive data';
	}
	if (y.length < 4) return 'ETS needs at least 4 observations';
	return null;
}

export function initialEtsState(y: ArrayLike<number>, spec: EtsSpec, period: number): EtsState {
	const n = y.length;
	const seasonal = spec.season !== 'N';
	const m = seasonal ? period : 1;
	const season = new Float64Array(m);
	const adjusted = Float64Array.from(y);
	if (seasonal) {
		const d = decomposeRaw(y, period, spec.season === 'M' ? 'multiplicative' : 'additive');
		for (let k = 0; k < m; k++) season[k] = spec.season === 'M' ? Math.max(d.figure[k], 1e-2) : d.figure[k];
		for (let t = 0; t < n; t++) adjusted[t] = spec.season === 'M' ? y[t] / season[t % m] : y[t] - season[t % m];
	}
	const count = Math.min(Math.max(10, 2 * m), n);
	if (spec.trend === 'N') {
		let mean = 0;
		for (let t = 0; t < count; t++) mean += adjusted[t] / count;
		return { level: mean, slope: 0, season };
	}
	// Least squares of adjusted[t] on t = 1..count; the intercept is the state at time 0.
	const tMean = (count + 1) / 2;
	let yMean = 0;
	for (let t = 0; t < count; t++) yMean += adjusted[t] / count;
	let sxy = 0;
	let sxx = 0;
	for (let t = 0; t < count; t++) {
		sxy += (t + 1 - tMean) * (adjusted[t] - yMean);
		sxx += (t + 1 - tMean) ** 2;
	}
	const slope = sxy / sxx;
	return { level: yMean - slope * tMean, slope, season };
}

function spread(y: ArrayLike<number>): number {
	let mean = 0;
	for (let t = 0; t < y.length; t++) mean += y[t] / y.length;
	let ss = 0;
	for (let t = 0; t < y.length; t++) ss += (y[t] - mean) ** 2;
	const sd = Math.sqrt(ss / Math.max(1, y.length - 1));
	return sd > 0 ? sd : Math.abs(mean) * 0.1 || 1;
}

/** Fits one ETS(A,·,·) model; null when the model does not apply to these data. */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, period: number): EtsFit | null {
	if (etsObstacle(y, spec, period)) return null;
	const n = y.length;
	const start = initialEtsState(y, spec, period);
	const hasTrend = spec.trend !== 'N';
	const seasonal = spec.season !== 'N';
	const damped = spec.trend === 'Ad';
	const m = start.season.length;
	const scale = spread(y);
	// Vector layout: [alpha, beta?, gamma?, phi?, level, slope?] — smoothing parameters in logit space.
	const layout = { beta: -1, gamma: -1, phi: -1, level: 0, slope: -1 };
	const x0: number[] = [];
	const steps: number[] = [];
	const add = (value: number, step: number) => {
		x0.push(value);
		steps.push(step);
		return x0.length - 1;
	};
	const alpha0 = LOWER + (0.2 * (UPPER - LOWER)) / m;
	add(logit((alpha0 - LOWER) / (UPPER - LOWER)), 1);
	if (hasTrend) layout.beta = add(logit(0.1), 1);
	if (seasonal) layout.gamma = add(logit(0.05), 1);
	if (damped) layout.phi = add(logit(0.9), 1);
	layout.level = add(start.level, 0.2 * scale);
	if (hasTrend) layout.slope = add(start.slope, (0.05 * scale) / Math.sqrt(n));

	const params: EtsParameters = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
	const initial: EtsState = { level: 0, slope: 0, season: start.season };
	const scratch: EtsState = { level: 0, slope: 0, season: new Float64Array(m) };
	const decode = (x: ArrayLike<number>) => {
		params.alpha = LOWER + (UPPER - LOWER) * logistic(x[0]);
		params.beta = hasTrend ? LOWER + (params.alpha - LOWER) * logistic(x[layout.beta]) : 0;
		params.gamma = seasonal ? LOWER + (1 - params.alpha - LOWER) * logistic(x[layout.gamma]) : 0;
		params.phi = damped ? PHI_LOWER + (PHI_UPPER - PHI_LOWER) * logistic(x[layout.phi]) : 1;
		initial.level = x[layout.level];
		initial.slope = hasTrend ? x[layout.slope] : 0;
	};
	const objective = (x: Float64Array) => {
		decode(x);
		return etsFilter(y, spec, params, initial, scratch);
	};
	const best = nelderMead(objective, x0, { steps, relTol: 1e-8 });
	decode(best.x);
	const final: EtsState = { level: 0, slope: 0, season: new Float64Array(m) };
	const sse = etsFilter(y, spec, params, initial, final);
	const smoothing = 1 + (hasTrend ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0);
	const parameterCount = smoothing + 1 + (hasTrend ? 1 : 0) + (seasonal ? period - 1 : 0) + 1;
	const sigma2 = sse / Math.max(1, n - parameterCount);
	const aic = n * Math.log(Math.max(sse, Number.MIN_VALUE) / n) + 2 * parameterCount;
	const aicc =
		n - parameterCount - 1 > 0 ? aic + (2 * parameterCount * (parameterCount + 1)) / (n - parameterCount - 1) : Infinity;
	return {
		spec,
		label: etsLabel(spec),
		logScale: false,
		params: { ...params },
		initial: { level: initial.level, slope: initial.slope, season: Float64Array.from(start.season) },
		final,
		n,
		sse,
		sigma2,
		parameterCount,
		aicc
	};
}

export const SEASONAL_ETS: readonly EtsSpec[] = [
	{ trend: 'N', season: 'A' },
	{ trend: 'Ad', season: 'A' },
	{ trend: 'N', season: 'M' },
	{ trend: 'Ad', season: 'M' }
];
export const NONSEASONAL_ETS: readonly EtsSpec[] = [
	{ trend: 'N', season: 'N' },
	{ trend: 'A', season: 'N' },
	{ trend: 'Ad', season: 'N' }
];
/** On the log scale seasonality is additive (multiplicative in the data) and a linear trend is growth. */
export const LOG_SEASONAL_ETS: readonly EtsSpec[] = [
	{ trend: 'N', season: 'A' },
	{ trend: 'A', season: 'A' },
	{ trend: 'Ad', season: 'A' }
];

/**
 * Fits every applicable candidate and keeps the lowest AICc, as forecast::ets does. For
 * positive data the candidates are also fitted to log(y) (Box–Cox λ = 0); their AICc is
 * put on the data's scale with the Jacobian term 2·Σ log y, so that both kinds compare.
 */
export function fitEtsAuto(y: ArrayLike<number>, period: number, seasonal: boolean): EtsFit | null {
	let best: EtsFit | null = null;
	const consider = (fit: EtsFit | null) => {
		if (fit && Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
	};
	const rawSpecs = seasonal ? [...SEASONAL_ETS, ...NONSEASONAL_ETS] : NONSEASONAL_ETS;
	for (const spec of rawSpecs) consider(fitEts(y, spec, period));
	let positive = true;
	for (let t = 0; t < y.length && positive; t++) positive = y[t] > 0;
	if (positive) {
		const logs = Float64Array.from(y as ArrayLike<number>, Math.log);
		let jacobian = 0;
		for (let t = 0; t < logs.length; t++) jacobian += 2 * logs[t];
		for (const spec of seasonal ? [...LOG_SEASONAL_ETS, ...NONSEASONAL_ETS] : NONSEASONAL_ETS) {
			const fit = fitEts(logs, spec, period);
			if (fit) consider({ ...fit, label: `${fit.label} on log scale`, logScale: true, aicc: fit.aicc + jacobian });
		}
	}
	return best;
}
