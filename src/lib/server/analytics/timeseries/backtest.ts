// Rolling-origin evaluation (Tashman 2000): each model is refitted on the data up to an
// origin and scored on the months after it, up to the backtest horizon or the end of the
// series. Errors are pooled over all scored points; MASE uses each origin's own in-sample
// seasonal-naive scale. sMAPE is undefined (NaN) when every scored actual is 0: each point
// then scores 200 for any forecast above 0 and 0 for a forecast of 0, whatever its size, so
// it says nothing MASE and RMSE do not say better. The forecasts are kept so that the mean of several models (a pool)
// can be scored exactly as it would have forecast.
import { maseScale, smapeTerm } from './accuracy.ts';
import { TrainingFrame, type ModelId } from './model-frame.ts';

export interface BacktestPlan {
	/** Longest horizon scored from an origin. */
	horizon: number;
	/** Training lengths at which forecasts are made (ascending). */
	origins: number[];
}

export interface ModelScore {
	/** A model id, or member ids joined by '+' for a pool. */
	model: string;
	members: ModelId[];
	/** Method fitted at the last origin, e.g. "ETS(A,Ad,M)". */
	method: string;
	/** NaN when every scored actual is 0. */
	smape: number;
	/** NaN when the in-sample scale is 0 at every origin. */
	mase: number;
	/** Root mean squared error over the scored points (units of the series). */
	rmse: number;
	/** Mean actual over the same points. */
	meanActual: number;
	/**
	 * Root mean square of the forecasts over the same points: rmse / forecastRms is the σ of
	 * a multiplicative error (actual = forecast × (1 + ε)), each point weighted by forecast².
	 */
	forecastRms: number;
	points: number;
	origins: number;
}

/**
 * Origins n−H−(count−1)·step, …, n−H so that every origin is scored over the full horizon
 * H (users see long horizons, so the backtest weighs them equally). When the series is too
 * short for that, the origins move later — never before `minTrain` — the step shrinks and
 * the later windows are cut at the series end.
 */
export function planBacktest(
	n: number,
	horizon: number,
	count: number,
	step: number,
	minTrain: number
): BacktestPlan | null {
	const first = Math.max(minTrain, n - horizon - (count - 1) * step);
	if (first >= n || count < 1) return null;
	const h = Math.min(horizon, n - first);
	const stride = count > 1 ? Math.max(1, Math.min(step, Math.floor((n - 1 - first) / (count - 1)))) : step;
	const origins: number[] = [];
	for (let k = 0; k < count; k++) {
		const origin = first + k * stride;
		if (origin < n && !origins.includes(origin)) origins.push(origin);
	}
	return { horizon: h, origins };
}

interface OriginForecast {
	mean: Float64Array;
	/** Half-widths of the model's own 80% and 95% bands (average of the two sides). */
	half80: Float64Array;
	half95: Float64Array;
}

/** Scores of backtest errors against the forecast's own interval half-widths, for calibration. */
export interface IntervalScores {
	/** |error| / half-width of the 80% (95%) band, one per scored point. */
	ratio80: number[];
	ratio95: number[];
}

export class BacktestRun {
	/** Per model, its forecast from each origin; absent when the model failed at some origin. */
	private readonly forecasts = new Map<ModelId, OriginForecast[]>();
	private readonly methods = new Map<ModelId, string>();
	private readonly scales: number[] = [];

	constructor(
		private readonly y: Float64Array,
		period: number,
		models: readonly ModelId[],
		private readonly plan: BacktestPlan,
		simulationPaths = 500
	) {
		const n = y.length;
		const failed = new Set<ModelId>();
		for (const origin of plan.origins) {
			const frame = new TrainingFrame(y.subarray(0, origin), period, simulationPaths);
			const steps = Math.min(plan.horizon, n - origin);
			this.scales.push(maseScale(frame.y, period));
			for (const model of models) {
				if (failed.has(model)) continue;
				const forecast = frame.forecast(model, steps, true);
				if (!forecast || !forecast.mean.every(Number.isFinite)) {
					failed.add(model);
					this.forecasts.delete(model);
					continue;
				}
				const b = forecast.bands;
				const half = (lo?: Float64Array, hi?: Float64Array) =>
					lo && hi ? hi.map((v, i) => (v - lo[i]) / 2) : new Float64Array(steps).fill(NaN);
				if (!this.forecasts.has(model)) this.forecasts.set(model, []);
				this.forecasts.get(model)!.push({
					mean: forecast.mean,
					half80: half(b?.lo80, b?.hi80),
					half95: half(b?.lo95, b?.hi95)
				});
				this.methods.set(model, forecast.method);
			}
		}
	}

	/** Equal-weight mean of the members' forecasts (and half-widths) at each origin; null if one failed. */
	private pooled(members: readonly ModelId[]): OriginForecast[] | null {
		const paths = members.map((m) => this.forecasts.get(m));
		if (members.length === 0 || paths.some((p) => !p)) return null;
		if (paths.length === 1) return paths[0]!;
		return this.plan.origins.map((_, o) => {
			const steps = paths[0]![o].mean.length;
			const out: OriginForecast = {
				mean: new Float64Array(steps),
				half80: new Float64Array(steps),
				half95: new Float64Array(steps)
			};
			for (const p of paths) {
				for (let i = 0; i < steps; i++) {
					out.mean[i] += p![o].mean[i] / paths.length;
					out.half80[i] += p![o].half80[i] / paths.length;
					out.half95[i] += p![o].half95[i] / paths.length;
				}
			}
			return out;
		});
	}

	/** Score of the equal-weight mean of `members` (one member: the model itself); null if one failed. */
	score(members: readonly ModelId[]): ModelScore | null {
		const forecasts = this.pooled(members);
		if (!forecasts) return null;
		let smape = 0;
		let mase = 0;
		let maseCount = 0;
		let squaredError = 0;
		let actualSum = 0;
		let forecastSquares = 0;
		let points = 0;
		let demandPoints = 0;
		this.plan.origins.forEach((origin, o) => {
			const scale = this.scales[o];
			const predicted = forecasts[o].mean;
			for (let i = 0; i < predicted.length; i++) {
				const actual = this.y[origin + i];
				smape += smapeTerm(actual, predicted[i]);
				squaredError += (actual - predicted[i]) ** 2;
				actualSum += actual;
				forecastSquares += predicted[i] ** 2;
				if (actual !== 0) demandPoints++;
				if (scale > 0) {
					mase += Math.abs(actual - predicted[i]) / scale;
					maseCount++;
				}
				points++;
			}
		});
		return {
			model: members.join('+'),
			members: [...members],
			method: members.map((m) => this.methods.get(m)).join(' + '),
			smape: demandPoints > 0 ? smape / points : NaN,
			mase: maseCount > 0 ? mase / maseCount : NaN,
			rmse: Math.sqrt(squaredError / points),
			meanActual: actualSum / points,
			forecastRms: Math.sqrt(forecastSquares / points),
			points,
			origins: this.plan.origins.length
		};
	}

	/** Backtest errors of the pooled members relative to their own interval half-widths. */
	intervalScores(members: readonly ModelId[]): IntervalScores | null {
		const forecasts = this.pooled(members);
		if (!forecasts) return null;
		const scores: IntervalScores = { ratio80: [], ratio95: [] };
		this.plan.origins.forEach((origin, o) => {
			const f = forecasts[o];
			for (let i = 0; i < f.mean.length; i++) {
				const error = Math.abs(this.y[origin + i] - f.mean[i]);
				scores.ratio80.push(ratio(error, f.half80[i]));
				scores.ratio95.push(ratio(error, f.half95[i]));
			}
		});
		return scores;
	}
}

/** error / half-width; a zero-width band with an error counts as infinitely exceeded. */
function ratio(error: number, halfWidth: number): number {
	if (Number.isNaN(halfWidth)) return NaN;
	if (halfWidth > 0) return error / halfWidth;
	return error === 0 ? 0 : Infinity;
}
