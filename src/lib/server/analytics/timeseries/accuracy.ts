// Forecast accuracy measures. sMAPE follows the M3 competition (Makridakis & Hibon 2000),
// on a 0–200 scale; MASE follows Hyndman & Koehler (2006), scaled by the in-sample MAE of
// the seasonal naive forecast.

/**
 * 200·|y−f|/(|y|+|f|) for one point; 0 when both are 0 (a perfect forecast of nothing).
 * The ratio is taken first: |y−f| ≤ |y|+|f| holds in floating point too, so the term never
 * exceeds 200, where (200·|y−f|)/(|y|+|f|) gives 200.00000000000003 for y = 0, f = 0.0812….
 */
export function smapeTerm(actual: number, forecast: number): number {
	const denominator = Math.abs(actual) + Math.abs(forecast);
	return denominator === 0 ? 0 : 200 * (Math.abs(actual - forecast) / denominator);
}

/** Mean symmetric absolute percentage error (M3 definition, 0–200). */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
	assertSameLength(actual, forecast);
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += smapeTerm(actual[i], forecast[i]);
	return sum / actual.length;
}

/** Mean absolute percentage error (0–100+); points whose actual is 0 are left out, NaN when none remain. */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
	assertSameLength(actual, forecast);
	let sum = 0;
	let count = 0;
	for (let i = 0; i < actual.length; i++) {
		if (actual[i] === 0) continue;
		sum += (100 * Math.abs(actual[i] - forecast[i])) / Math.abs(actual[i]);
		count++;
	}
	return count === 0 ? NaN : sum / count;
}

/** Mean absolute difference y[t] − y[t−lag] over the training data; NaN when there is no pair. */
export function laggedMae(train: ArrayLike<number>, lag: number): number {
	let sum = 0;
	let count = 0;
	for (let t = lag; t < train.length; t++) {
		sum += Math.abs(train[t] - train[t - lag]);
		count++;
	}
	return count === 0 ? NaN : sum / count;
}

/**
 * MASE denominator: in-sample seasonal-naive MAE (lag = period). Falls back to the
 * one-step naive MAE when the training data is shorter than a period plus one or its
 * seasonal differences are all zero; NaN when even that is zero (MASE undefined).
 */
export function maseScale(train: ArrayLike<number>, period: number): number {
	const seasonal = train.length > period ? laggedMae(train, period) : NaN;
	if (seasonal > 0) return seasonal;
	const naive = laggedMae(train, 1);
	return naive > 0 ? naive : NaN;
}

export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
	assertSameLength(actual, forecast);
	if (!(scale > 0)) return NaN;
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
	return sum / actual.length / scale;
}

function assertSameLength(actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
	if (actual.length !== forecast.length || actual.length === 0) {
		throw new Error(`accuracy needs equally long, non-empty series (got ${actual.length} and ${forecast.length})`);
	}
}
