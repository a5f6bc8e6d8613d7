// Classical decomposition exactly as R's stats::decompose: a centred moving average
// (2×m for even m) as trend, per-position means of the detrended series as the
// seasonal figure, normalised to mean 1 (multiplicative) or 0 (additive).
import { TimeSeriesError, assertFiniteSeries, assertPeriod } from './errors.ts';

export type DecompositionType = 'multiplicative' | 'additive';

/** Fast form used by the forecasters: NaN marks the undefined ends of trend and random. */
export interface RawDecomposition {
	type: DecompositionType;
	period: number;
	trend: Float64Array;
	seasonal: Float64Array;
	random: Float64Array;
	/** Seasonal figure by position from the first observation (R's `$figure`). */
	figure: Float64Array;
}

/** Centred moving average of order m (2×m when m is even); NaN where the window leaves the series. */
export function centredMovingAverage(values: ArrayLike<number>, period: number): Float64Array {
	const n = values.length;
	const half = Math.floor(period / 2);
	const even = period % 2 === 0;
	const out = new Float64Array(n).fill(NaN);
	for (let t = half; t < n - half; t++) {
		let sum = 0;
		if (even) {
			sum = 0.5 * values[t - half] + 0.5 * values[t + half];
			for (let j = -half + 1; j <= half - 1; j++) sum += values[t + j];
		} else {
			for (let j = -half; j <= half; j++) sum += values[t + j];
		}
		out[t] = sum / period;
	}
	return out;
}

export function decomposeRaw(values: ArrayLike<number>, period: number, type: DecompositionType): RawDecomposition {
	const n = values.length;
	if (n < 2 * period) {
		throw new TimeSeriesError(
			'too_short',
			`classical decomposition needs at least 2 full periods (${2 * period} observations), got ${n}`
		);
	}
	const multiplicative = type === 'multiplicative';
	const trend = centredMovingAverage(values, period);
	const sums = new Float64Array(period);
	const counts = new Float64Array(period);
	for (let t = 0; t < n; t++) {
		const tr = trend[t];
		if (Number.isNaN(tr)) continue;
		const detrended = multiplicative ? values[t] / tr : values[t] - tr;
		sums[t % period] += detrended;
		counts[t % period] += 1;
	}
	const figure = new Float64Array(period);
	let figureMean = 0;
	for (let i = 0; i < period; i++) {
		figure[i] = sums[i] / counts[i];
		figureMean += figure[i] / period;
	}
	for (let i = 0; i < period; i++) figure[i] = multiplicative ? figure[i] / figureMean : figure[i] - figureMean;
	const seasonal = new Float64Array(n);
	const random = new Float64Array(n);
	for (let t = 0; t < n; t++) {
		const s = figure[t % period];
		seasonal[t] = s;
		if (multiplicative) {
			const denominator = trend[t] * s;
			random[t] = denominator === 0 ? NaN : values[t] / denominator;
		} else {
			random[t] = values[t] - trend[t] - s;
		}
	}
	return { type, period, trend, seasonal, random, figure };
}

/** Why a multiplicative decomposition cannot be used on these values, or null when it can. */
export function multiplicativeObstacle(values: ArrayLike<number>, trend: Float64Array): string | null {
	for (let t = 0; t < values.length; t++) {
		if (values[t] < 0) return `value #${t + 1} is negative (${values[t]}); seasonal ratios need non-negative data`;
	}
	for (let t = 0; t < trend.length; t++) {
		if (trend[t] <= 0) return `the moving-average trend is zero around value #${t + 1}; ratios to it are undefined`;
	}
	return null;
}

export interface Decomposition {
	type: DecompositionType;
	period: number;
	/** null for the first and last period/2 observations, as R's NA. */
	trend: (number | null)[];
	seasonal: number[];
	random: (number | null)[];
	/** Seasonal figure by position from the first observation (R's `$figure`). */
	figure: number[];
	/** Set when multiplicative was asked for but the data did not allow it. */
	fallbackReason?: string;
}

function toPublic(raw: RawDecomposition, fallbackReason?: string): Decomposition {
	const orNull = (x: number) => (Number.isNaN(x) ? null : x);
	const result: Decomposition = {
		type: raw.type,
		period: raw.period,
		trend: Array.from(raw.trend, orNull),
		seasonal: Array.from(raw.seasonal),
		random: Array.from(raw.random, orNull),
		figure: Array.from(raw.figure)
	};
	if (fallbackReason) result.fallbackReason = fallbackReason;
	return result;
}

export function decomposeAdditive(values: readonly number[], period = 12): Decomposition {
	assertPeriod(period);
	assertFiniteSeries(values);
	return toPublic(decomposeRaw(values, period, 'additive'));
}

/**
 * R's decompose(type = "multiplicative"). Refuses (TimeSeriesError 'non_positive') when a
 * value is negative or the trend touches zero; use decomposeSeasonal to fall back instead.
 */
export function decomposeMultiplicative(values: readonly number[], period = 12): Decomposition {
	assertPeriod(period);
	assertFiniteSeries(values);
	const raw = decomposeRaw(values, period, 'multiplicative');
	const obstacle = multiplicativeObstacle(values, raw.trend);
	if (obstacle) throw new TimeSeriesError('non_positive', `multiplicative decomposition refused: ${obstacle}`);
	return toPublic(raw);
}

/** Multiplicative where the data allow it, otherwise additive with the reason recorded. */
export function decomposeSeasonal(values: readonly number[], period = 12): Decomposition {
	assertPeriod(period);
	assertFiniteSeries(values);
	const raw = decomposeRaw(values, period, 'multiplicative');
	const obstacle = multiplicativeObstacle(values, raw.trend);
	if (!obstacle) return toPublic(raw);
	return toPublic(decomposeRaw(values, period, 'additive'), obstacle);
}
