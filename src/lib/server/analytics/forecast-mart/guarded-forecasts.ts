// forecastMany with one rule on top, from DESIGN: "a forecast that loses to seasonal naive
// is not worth showing". The library pools the two models with the lowest backtest error;
// when the second is much worse than the first (often seasonal naive and a smoother that
// misses the season) the pool can lose to seasonal naive although seasonal naive was one
// of the candidates. Those series are forecast again keeping the single best model, which
// by construction is never worse than the benchmark in the backtest (the benchmark is
// ranked with the candidates and wins ties). The rejected pool stays in the backtest rows.
import {
	forecastMany,
	type BacktestRow,
	type ForecastOptions,
	type ForecastRow,
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

const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** Forecasts every series once (a repeated id is forecast once); a pooled forecast that lost to the benchmark is replaced by the single best model. */
export function forecastWithBenchmarkGuard(series: readonly MonthlySeries[], options: ForecastOptions = {}): SeriesOutcome[] {
	const first = outcomes(series, options, 'pool');
	const losers = series.filter((s) => first.get(s.id)?.summary?.beats_seasonal_naive === false);
	if (losers.length > 0) {
		const second = outcomes(losers, options, 'best');
		for (const [id, retry] of second) {
			const pooled = first.get(id)!;
			if (!retry.summary || !pooled.summary) continue;
			const measure = pooled.summary.selected_by ?? 'mase';
			const rejected = pooled.backtest.find((row) => row.is_chosen);
			if (rejected && !retry.backtest.some((row) => row.model === rejected.model)) {
				retry.backtest.push({ ...rejected, is_chosen: false });
			}
			const lost = `pooled ${pooled.summary.model} lost to the benchmark in the backtest (${measure.toUpperCase()} ${fixed(pooled.summary[measure])} vs ${fixed(pooled.summary[measure === 'mase' ? 'benchmark_mase' : 'benchmark_smape'])}): the single best model is used`;
			retry.summary = { ...retry.summary, note: [retry.summary.note, lost].filter(Boolean).join('; ') };
			first.set(id, retry);
		}
	}
	return [...first.values()];
}
