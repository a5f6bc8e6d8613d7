// Batch forecasting for marts: many monthly series in, flat rows out (forecasts, backtest
// scores per model, one summary per series) plus the averages reported beside the
// seasonal-naive benchmark. A series that cannot be forecast is listed with its reason;
// it never stops the others.
import { addMonths } from './months.ts';
import { forecastSeries, type ForecastOptions, type SelectionMeasure, type SeriesRegime } from './forecast-series.ts';
import type { ModelId } from './model-frame.ts';

export interface MonthlySeries {
	id: string;
	/** First month of `values`, 'YYYY-MM'. */
	start: string;
	/** One value per consecutive month; months without sales must be 0, not missing. */
	values: number[];
}

export interface ForecastRow {
	id: string;
	month: string;
	step: number;
	forecast: number;
	lo80: number | null;
	hi80: number | null;
	lo95: number | null;
	hi95: number | null;
	/** Model id, or member ids joined by '+' when pooled. */
	model: string;
	/** True when the forecast or a bound was raised to 0 (demand cannot be negative). */
	clipped: boolean;
}

export interface BacktestRow {
	id: string;
	/** Model id; for the chosen pool, its member ids joined by '+'. */
	model: string;
	method: string;
	smape: number | null;
	mase: number | null;
	/** Root mean squared error, mean actual and root mean square forecast over the scored points. */
	rmse: number | null;
	mean_actual: number | null;
	forecast_rms: number | null;
	points: number;
	origins: number;
	is_chosen: boolean;
	is_benchmark: boolean;
}

export interface SeriesSummaryRow {
	id: string;
	regime: SeriesRegime;
	observations: number;
	first_forecast_month: string;
	model: string;
	members: ModelId[];
	method: string;
	interval_method: string | null;
	seasonal: boolean;
	selected_by: SelectionMeasure | null;
	/** Backtest errors of the forecast used; sMAPE null when every backtest actual was 0, MASE when its scale was. */
	smape: number | null;
	mase: number | null;
	rmse: number | null;
	benchmark: ModelId | null;
	benchmark_smape: number | null;
	benchmark_mase: number | null;
	benchmark_rmse: number | null;
	beats_seasonal_naive: boolean | null;
	note: string;
}

export interface ForecastFailure {
	id: string;
	error: string;
}

export interface AccuracyAverage {
	/** 'chosen' for the selected models, 'benchmark', or a model id. */
	model: string;
	series: number;
	smape: number | null;
	mase: number | null;
}

export interface ForecastBatch {
	forecasts: ForecastRow[];
	backtest: BacktestRow[];
	series: SeriesSummaryRow[];
	/** Mean backtest sMAPE/MASE over series, per model, for the chosen models and for the benchmark. */
	averages: AccuracyAverage[];
	failures: ForecastFailure[];
}

const finiteOrNull = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);

export function forecastMany(series: readonly MonthlySeries[], options: ForecastOptions = {}): ForecastBatch {
	const batch: ForecastBatch = { forecasts: [], backtest: [], series: [], averages: [], failures: [] };
	const seen = new Set<string>();
	const sums = new Map<string, { series: number; smape: number; smapeCount: number; mase: number; maseCount: number }>();
	const addToAverage = (key: string, smape: number, mase: number) => {
		const s = sums.get(key) ?? { series: 0, smape: 0, smapeCount: 0, mase: 0, maseCount: 0 };
		s.series++;
		if (Number.isFinite(smape)) {
			s.smape += smape;
			s.smapeCount++;
		}
		if (Number.isFinite(mase)) {
			s.mase += mase;
			s.maseCount++;
		}
		sums.set(key, s);
	};
	for (const item of series) {
		const id = String(item.id ?? '');
		try {
			if (!id) throw new Error('series id is empty');
			if (seen.has(id)) throw new Error(`series id «${id}» appears twice; ids must be unique`);
			seen.add(id);
			const result = forecastSeries(item.values, options);
			if (!Array.isArray(item.values)) throw new Error('values must be an array of monthly numbers');
			const firstMonth = addMonths(item.start, item.values.length);
			result.mean.forEach((forecast, i) => {
				batch.forecasts.push({
					id,
					month: addMonths(firstMonth, i),
					step: i + 1,
					forecast,
					lo80: result.lo80[i],
					hi80: result.hi80[i],
					lo95: result.lo95[i],
					hi95: result.hi95[i],
					model: result.model,
					clipped: result.clipped[i]
				});
			});
			const rows = [...result.scores];
			if (result.chosen && result.chosen.members.length > 1) rows.push(result.chosen);
			for (const s of rows) {
				batch.backtest.push({
					id,
					model: s.model,
					method: s.method,
					smape: finiteOrNull(s.smape),
					mase: finiteOrNull(s.mase),
					rmse: finiteOrNull(s.rmse),
					mean_actual: finiteOrNull(s.meanActual),
					forecast_rms: finiteOrNull(s.forecastRms),
					points: s.points,
					origins: s.origins,
					is_chosen: s.model === result.chosen?.model,
					is_benchmark: s.model === result.benchmark
				});
				if (s.members.length === 1) addToAverage(s.model, s.smape, s.mase);
			}
			if (result.chosen) addToAverage('chosen', result.chosen.smape, result.chosen.mase);
			if (result.benchmarkScore) addToAverage('benchmark', result.benchmarkScore.smape, result.benchmarkScore.mase);
			batch.series.push({
				id,
				regime: result.regime,
				observations: item.values.length,
				first_forecast_month: firstMonth,
				model: result.model,
				members: result.members,
				method: result.method,
				interval_method: result.intervalMethod,
				seasonal: result.seasonal,
				selected_by: result.selectedBy,
				smape: finiteOrNull(result.chosen?.smape),
				mase: finiteOrNull(result.chosen?.mase),
				rmse: finiteOrNull(result.chosen?.rmse),
				benchmark: result.benchmark,
				benchmark_smape: finiteOrNull(result.benchmarkScore?.smape),
				benchmark_mase: finiteOrNull(result.benchmarkScore?.mase),
				benchmark_rmse: finiteOrNull(result.benchmarkScore?.rmse),
				beats_seasonal_naive: result.beatsSeasonalNaive,
				note: result.notes.join('; ')
			});
		} catch (error) {
			batch.failures.push({ id: id || '(no id)', error: error instanceof Error ? error.message : String(error) });
		}
	}
	for (const [model, s] of sums) {
		batch.averages.push({
			model,
			series: s.series,
			smape: s.smapeCount ? s.smape / s.smapeCount : null,
			mase: s.maseCount ? s.mase / s.maseCount : null
		});
	}
	return batch;
}
