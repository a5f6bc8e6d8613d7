// Forecast of one monthly series: classify it, backtest the candidate models of its
// class from rolling origins, and forecast with the best of them — by default the mean
// of the two with the lowest backtest error ("forecast pooling", Kourentzes, Barrow &
// Petropoulos 2019), which on M3 monthly beats picking the single best (see README.md).
import { assertFiniteSeries, assertPeriod, TimeSeriesError } from './errors.ts';
import { BacktestRun, planBacktest, type ModelScore } from './backtest.ts';
import { averageDemandInterval } from './intermittent.ts';
import { TrainingFrame, MODEL_IDS, type ModelId } from './model-frame.ts';
import { finishForecast, type FinishedForecast } from './finish-forecast.ts';
import { poolForecasts } from './pool.ts';
import { calibrationFactors, widenBands, type CalibrationFactors } from './calibration.ts';

/** Backtest measures the models can be ranked by. */
export type SelectionMeasure = 'mase' | 'smape' | 'rmse';

/**
 * regular: two years or more, full candidate set; short: under two years, simple models;
 * intermittent: average demand interval above 1.32 (many zero months); constant: one value
 * repeated; minimal: under 4 months, the mean without a backtest.
 */
export type SeriesRegime = 'regular' | 'short' | 'intermittent' | 'constant' | 'minimal';

export interface ForecastOptions {
	/** Months ahead (default 18). */
	horizon?: number;
	/** Seasonal period (default 12). */
	period?: number;
	/** Longest horizon scored in the backtest (default min(horizon, 18)). */
	backtestHorizon?: number;
	/** Number of rolling origins (default 6) and months between them (default 6). */
	backtestOrigins?: number;
	backtestStep?: number;
	/**
	 * Backtest measure that ranks the models (default 'mase': defined when actuals are 0).
	 * Where it is undefined the next defined one of mase, smape, rmse ranks them.
	 */
	selectBy?: SelectionMeasure;
	/** 'pool': mean of the `poolSize` best models (default); 'best': the single best. */
	selection?: 'pool' | 'best';
	poolSize?: number;
	/** Clip forecasts and bounds at 0 (default true: demand cannot be negative). */
	nonNegative?: boolean;
	/** Candidate models per regime, overriding DEFAULT_CANDIDATES. */
	candidates?: Partial<Record<SeriesRegime, readonly ModelId[]>>;
	/** Average demand interval above which a series counts as intermittent (default 1.32). */
	intermittentInterval?: number;
	/** Simulated paths for ETS(A,*,M) bands (default 2000). */
	simulationPaths?: number;
	/** Widen the bands when the backtest errors exceeded them (default true; see calibration.ts). */
	calibrateIntervals?: boolean;
}

/** The benchmark (seasonal naive, or naive for short histories) is always scored and may win. */
export const DEFAULT_CANDIDATES: Record<SeriesRegime, readonly ModelId[]> = {
	regular: ['ets', 'theta', 'damped', 'combination'],
	short: ['naive', 'drift', 'ses', 'mean'],
	// the mean first: it is what a series too short to backtest gets
	intermittent: ['mean', 'croston', 'sba', 'tsb', 'naive'],
	constant: ['naive'],
	minimal: ['mean']
};

export interface SeriesForecast extends FinishedForecast {
	regime: SeriesRegime;
	/** A model id, or member ids joined by '+' for a pool. */
	model: string;
	members: ModelId[];
	/** Whether the 90% ACF test found seasonality over the whole history. */
	seasonal: boolean;
	/** Backtest scores of every candidate and of the benchmark; empty when not backtested. */
	scores: ModelScore[];
	/** Backtest score of the forecast used (of the pool when pooled); null when not backtested. */
	chosen: ModelScore | null;
	/** 'snaive' when every backtest origin has more than a period of history, else 'naive'. */
	benchmark: ModelId | null;
	benchmarkScore: ModelScore | null;
	/** Measure that ranked the models ('mase'; 'smape' where MASE was undefined, 'rmse' where both were). */
	selectedBy: SelectionMeasure | null;
	/** Chosen forecast's backtest error below the benchmark's; null when not backtested. */
	beatsSeasonalNaive: boolean | null;
	/** Backtest coverage of the chosen forecast's own bands and the widening applied; null when not backtested. */
	calibration: CalibrationFactors | null;
	notes: string[];
}

export function classifySeries(y: ArrayLike<number>, period: number, intermittentInterval = 1.32): SeriesRegime {
	const n = y.length;
	if (n < 4) return 'minimal';
	let constant = true;
	for (let t = 1; t < n && constant; t++) constant = y[t] === y[0];
	if (constant) return 'constant';
	if (averageDemandInterval(y) > intermittentInterval) return 'intermittent';
	return n < 2 * period ? 'short' : 'regular';
}

const MEASURES: readonly SelectionMeasure[] = ['mase', 'smape', 'rmse'];

/**
 * The preferred measure when every score has it, else the next in mase, smape, rmse that
 * all have: MASE is undefined when the in-sample scale is 0 at every origin (a constant
 * training window), sMAPE when every backtest actual is 0; RMSE always exists.
 */
function selectionMeasure(scores: readonly ModelScore[], preferred: SelectionMeasure): SelectionMeasure {
	const order = [preferred, ...MEASURES.filter((m) => m !== preferred)];
	return order.find((m) => scores.every((s) => Number.isFinite(s[m]))) ?? 'rmse';
}

/** Shortest training window at a backtest origin: room for seasonal ETS where possible. */
function minimumTraining(regime: SeriesRegime, n: number, period: number): number {
	if (regime === 'regular') return n - 6 >= 2 * period + 2 ? 2 * period + 2 : period + 1;
	return Math.max(4, Math.ceil(n / 2));
}

export function forecastSeries(values: readonly number[], options: ForecastOptions = {}): SeriesForecast {
	const horizon = options.horizon ?? 18;
	const period = options.period ?? 12;
	const poolSize = options.selection === 'best' ? 1 : (options.poolSize ?? 2);
	assertPeriod(period);
	if (!Number.isInteger(horizon) || horizon < 1) {
		throw new TimeSeriesError('bad_option', `horizon must be a positive integer, got ${horizon}`);
	}
	if (!Number.isInteger(poolSize) || poolSize < 1) {
		throw new TimeSeriesError('bad_option', `poolSize must be a positive integer, got ${poolSize}`);
	}
	if (values.length === 0) throw new TimeSeriesError('too_short', 'the series is empty: nothing to forecast');
	assertFiniteSeries(values);
	const y = Float64Array.from(values);
	const n = y.length;
	const regime = classifySeries(y, period, options.intermittentInterval);
	const candidates = options.candidates?.[regime] ?? DEFAULT_CANDIDATES[regime];
	for (const c of candidates) {
		if (!MODEL_IDS.includes(c)) throw new TimeSeriesError('bad_option', `unknown model «${c}»; known: ${MODEL_IDS.join(', ')}`);
	}
	const notes: string[] = [];
	if (regime === 'short') notes.push('under two years of history: only simple models (naive, drift, SES, mean) tried');
	if (regime === 'intermittent') notes.push('intermittent demand (many zero months): Croston, SBA, TSB, mean or naive');

	const plan =
		regime === 'minimal'
			? null
			: planBacktest(
					n,
					options.backtestHorizon ?? Math.min(horizon, 18),
					options.backtestOrigins ?? 6,
					options.backtestStep ?? 6,
					minimumTraining(regime, n, period)
				);
	let scores: ModelScore[] = [];
	let benchmark: ModelId | null = null;
	let chosen: ModelScore | null = null;
	let measure: SelectionMeasure | null = null;
	let members: ModelId[] = [candidates[0]];
	let calibration: CalibrationFactors | null = null;
	if (plan) {
		benchmark = plan.origins[0] > period ? 'snaive' : 'naive';
		if (benchmark === 'naive') notes.push('under a year before the first backtest origin: the benchmark is naive');
		const models = [benchmark, ...candidates.filter((c) => c !== benchmark)];
		const run = new BacktestRun(y, period, models, plan);
		scores = models.map((m) => run.score([m])).filter((s): s is ModelScore => s !== null);
		measure = selectionMeasure(scores, options.selectBy ?? 'mase');
		const key = measure;
		// A stable sort keeps the benchmark ahead of candidates with the same error.
		const ranked = [...scores].sort((a, b) => a[key] - b[key]);
		if (ranked.length > 0) {
			// Listed in catalogue order so that the same pool always has the same name.
			members = ranked
				.slice(0, poolSize)
				.map((s) => s.members[0])
				.sort((a, b) => MODEL_IDS.indexOf(a) - MODEL_IDS.indexOf(b));
			chosen = members.length > 1 ? run.score(members) : ranked[0];
			const intervalScores = run.intervalScores(members);
			calibration = intervalScores && calibrationFactors(intervalScores);
		}
	} else {
		notes.push(
			regime === 'minimal' ? 'fewer than 4 months: mean of the history, not backtested' : 'too short to backtest'
		);
	}

	const frame = new TrainingFrame(y, period, options.simulationPaths);
	const pooled = poolForecasts(frame, members, horizon);
	if (!pooled.complete) {
		notes.push(`${members.join('+')} could not be fitted on the full history; ${pooled.members.join('+')} used instead`);
		chosen = null;
		calibration = null;
	}
	const final =
		calibration && options.calibrateIntervals !== false ? widenBands(pooled.forecast, calibration) : pooled.forecast;
	const benchmarkScore = scores.find((s) => s.model === benchmark) ?? null;
	return {
		...finishForecast(final, options.nonNegative ?? true),
		regime,
		model: pooled.members.join('+'),
		members: pooled.members,
		seasonal: frame.seasonal,
		scores,
		chosen,
		benchmark,
		benchmarkScore,
		selectedBy: measure,
		beatsSeasonalNaive: chosen && benchmarkScore && measure ? chosen[measure] < benchmarkScore[measure] : null,
		calibration,
		notes
	};
}
