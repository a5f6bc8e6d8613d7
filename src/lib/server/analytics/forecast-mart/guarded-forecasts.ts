// forecastMany with one rule on top, from DESIGN: "a forecast that loses to seasonal naive
// is not worth showing". The library pools the two models with the lowest backtest error;
// when the second is much worse than the first (often seasonal naive and a smoother that
// misses the season) the pool can lose to seasonal naive although seasonal naive was one
// of the candidates. Those series are forecast again with the single best model of the
// first run (the library's selection 'best'), which by construction is never worse than
// the benchmark in the backtest: the benchmark is ranked with the candidates and wins ties.
// Only that model is backtested again, so the second pass costs a fraction of the first.
// The rejected pool stays in the backtest rows.
import {
	forecastMany,
	MODEL_IDS,
	type BacktestRow,
	type ForecastOptions,
	type ForecastRow,
	type ModelId,
	type MonthlySeries,
	type SeriesSummaryRow
} from '../timeseries/index.ts';

export interface SeriesOutcome {
	id: string;
	/** null when the series could not be forecast (then `error` says why). */
	summary: SeriesSummaryRow | null;
	forecasts: ForecastRow[];
	backtest: BacktestRow[];
	/** 'pool' (the library default) or 'best' (single best model, after the pool lost to the benchmark). */
	selection: 'pool' | 'best';
	error: string | null;
}

function groupById<T extends { id: string }>(rows: readonly T[]): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const list = groups.get(row.id);
		if (list) list.push(row);
		else groups.set(row.id, [row]);
	}
	return groups;
}

function outcomes(series: readonly MonthlySeries[], options: ForecastOptions, selection: 'pool' | 'best'): Map<string, SeriesOutcome> {
	const batch = forecastMany(series, { ...options, selection });
	const forecasts = groupById(batch.forecasts);
	const backtest = groupById(batch.backtest);
	const result = new Map<string, SeriesOutcome>();
	for (const summary of batch.series) {
		result.set(summary.id, {
			id: summary.id,
			summary,
			forecasts: forecasts.get(summary.id) ?? [],
			backtest: backtest.get(summary.id) ?? [],
			selection,
			error: null
		});
	}
	for (const failure of batch.failures) {
		// A repeated id fails while its first occurrence was forecast: keep the forecast.
		if (!result.has(failure.id)) {
			result.set(failure.id, { id: failure.id, summary: null, forecasts: [], backtest: [], selection, error: failure.error });
		}
	}
	return result;
}

/**
 * The single model the library's selection 'best' would keep: the lowest error by the
 * series' measure among single-model rows, in the library's order (benchmark first), so
 * ties go the same way.
 */
function bestSingle(outcome: SeriesOutcome): ModelId | null {
	const measure = outcome.summary?.selected_by;
	if (!measure) return null;
	let best: BacktestRow | null = null;
	for (const row of outcome.backtest) {
		if (!MODEL_IDS.includes(row.model as ModelId) || row[measure] === null) continue;
		if (!best || row[measure]! < best[measure]!) best = row;
	}
	return (best?.model as ModelId | undefined) ?? null;
}

const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** Forecasts every series once (a repeated id is forecast once); a pooled forecast that lost to the benchmark is replaced by the single best model. */
export function forecastWithBenchmarkGuard(series: readonly MonthlySeries[], options: ForecastOptions = {}): SeriesOutcome[] {
	const first = outcomes(series, options, 'pool');
	const retries = new Map<ModelId, MonthlySeries[]>();
	for (const s of series) {
		const outcome = first.get(s.id);
		if (outcome?.summary?.beats_seasonal_naive !== false) continue;
		const best = bestSingle(outcome);
		if (best) retries.set(best, [...(retries.get(best) ?? []), s]);
	}
	for (const [model, group] of retries) {
		// The benchmark is always scored; with the best model as the only candidate the ranking is the first run's.
		const only = [model];
		const candidates = { regular: only, short: only, intermittent: only, constant: only, minimal: only };
		for (const [id, retry] of outcomes(group, { ...options, candidates }, 'best')) {
			const pooled = first.get(id)!;
			if (!retry.summary || !pooled.summary) continue;
			const measure = pooled.summary.selected_by ?? 'mase';
			// Keep every model the first run tried (the pool not chosen any more); mark the retry's choice.
			const chosen = retry.summary.model;
			const kept = pooled.backtest.map((row) => ({ ...row, is_chosen: row.model === chosen }));
			retry.backtest = kept.some((row) => row.is_chosen) ? kept : [...kept, ...retry.backtest.filter((row) => row.is_chosen)];
			const lost = `pooled ${pooled.summary.model} lost to the benchmark in the backtest (${measure.toUpperCase()} ${fixed(pooled.summary[measure])} vs ${fixed(pooled.summary[`benchmark_${measure}`])}): the single best model is used`;
			retry.summary = { ...retry.summary, note: [pooled.summary.note, lost].filter(Boolean).join('; ') };
			first.set(id, retry);
		}
	}
	return [...first.values()];
}
