// Seasonal adjustment by classical multiplicative decomposition, as forecast::thetaf does
// before smoothing: applied only when the 90% ACF test finds seasonality and the data
// allow ratios; the adjusted series is y / seasonal, and forecasts are multiplied back.
import { decomposeRaw, multiplicativeObstacle } from './decompose.ts';

export interface SeasonalAdjustment {
	adjusted: Float64Array;
	/** Seasonal figure by position from the first training observation. */
	figure: Float64Array;
	/** Factors for forecast steps 1..horizon after n training observations. */
	futureFactors(horizon: number): Float64Array;
}

/** Null when there is nothing to adjust (no seasonality, or ratios undefined for these data). */
export function multiplicativeAdjustment(y: ArrayLike<number>, period: number): SeasonalAdjustment | null {
	const n = y.length;
	if (n < 2 * period) return null;
	const d = decomposeRaw(y, period, 'multiplicative');
	if (multiplicativeObstacle(y, d.trend)) return null;
	// thetaf: "Seasonal indexes close to zero. Using non-seasonal Theta method".
	for (let k = 0; k < period; k++) if (Math.abs(d.figure[k]) < 1e-4) return null;
	const adjusted = new Float64Array(n);
	for (let t = 0; t < n; t++) adjusted[t] = y[t] / d.figure[t % period];
	return {
		adjusted,
		figure: d.figure,
		futureFactors(horizon: number) {
			const out = new Float64Array(horizon);
			for (let h = 1; h <= horizon; h++) out[h - 1] = d.figure[(n + h - 1) % period];
			return out;
		}
	};
}
