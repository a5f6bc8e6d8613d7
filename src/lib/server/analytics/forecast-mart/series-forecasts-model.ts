// The int_series_forecasts model: one forecastMany run over every demand series (SKUs
// forecast individually, categories, and the per-category aggregate of the long tail),
// written as one row per series with its forecast and backtest rows as JSON lists. A TS
// model writes one table, and the forecast and the backtest must come from the same run:
// the marts demand_forecast, demand_forecast_category, forecast_backtest and
// forecast_accuracy unnest these lists in SQL.
import type { ModelContext } from '../../transform/index.ts';
import type { MonthlySeries } from '../timeseries/index.ts';
import { forecastWithBenchmarkGuard, type SeriesOutcome } from './guarded-forecasts.ts';
import { readMonthlySeries } from './monthly-series.ts';
import { forecastHorizon } from './settings.ts';

export const SERIES_FORECAST_COLUMNS = {
	series_level: 'VARCHAR',
	series_id: 'VARCHAR',
	history_start: 'DATE',
	observations: 'INTEGER',
	first_forecast_month: 'DATE',
	regime: 'VARCHAR',
	model: 'VARCHAR',
	method: 'VARCHAR',
	interval_method: 'VARCHAR',
	is_seasonal: 'BOOLEAN',
	selected_by: 'VARCHAR',
	selection: 'VARCHAR',
	smape: 'DOUBLE',
	mase: 'DOUBLE',
	rmse: 'DOUBLE',
	benchmark_model: 'VARCHAR',
	benchmark_smape: 'DOUBLE',
	benchmark_mase: 'DOUBLE',
	benchmark_rmse: 'DOUBLE',
	beats_seasonal_naive: 'BOOLEAN',
	note: 'VARCHAR',
	error: 'VARCHAR',
	forecasts: 'JSON',
	backtest: 'JSON'
} as const;

export type SeriesLevel = 'sku' | 'category' | 'category_tail';

const monthDate = (label: string) => `${label}-01`;

function seriesRow(level: SeriesLevel, input: MonthlySeries, outcome: SeriesOutcome) {
	const s = outcome.summary;
	const forecasts = outcome.forecasts.map((f) => ({
		month: monthDate(f.month),
		step: f.step,
		forecast: f.forecast,
		lo80: f.lo80,
		hi80: f.hi80,
		lo95: f.lo95,
		hi95: f.hi95,
		clipped: f.clipped
	}));
	const backtest = outcome.backtest.map((b) => ({
		model: b.model,
		method: b.method,
		smape: b.smape,
		mase: b.mase,
		rmse: b.rmse,
		mean_actual: b.mean_actual,
		forecast_rms: b.forecast_rms,
		points: b.points,
		origins: b.origins,
		is_chosen: b.is_chosen,
		is_benchmark: b.is_benchmark
	}));
	return {
		series_level: level,
		series_id: input.id,
		history_start: monthDate(input.start),
		observations: input.values.length,
		first_forecast_month: s ? monthDate(s.first_forecast_month) : null,
		regime: s?.regime ?? null,
		model: s?.model ?? null,
		method: s?.method ?? null,
		interval_method: s?.interval_method ?? null,
		is_seasonal: s?.seasonal ?? null,
		selected_by: s?.selected_by ?? null,
		selection: s ? outcome.selection : null,
		smape: s?.smape ?? null,
		mase: s?.mase ?? null,
		rmse: s?.rmse ?? null,
		benchmark_model: s?.benchmark ?? null,
		benchmark_smape: s?.benchmark_smape ?? null,
		benchmark_mase: s?.benchmark_mase ?? null,
		benchmark_rmse: s?.benchmark_rmse ?? null,
		beats_seasonal_naive: s?.beats_seasonal_naive ?? null,
		note: s?.note || null,
		error: outcome.error,
		// JSON.stringify writes a NaN or an infinite error as null.
		forecasts: JSON.stringify(forecasts),
		backtest: JSON.stringify(backtest)
	};
}

export async function buildSeriesForecasts(ctx: ModelContext): Promise<void> {
	const horizon = forecastHorizon(ctx.var);
	const demand = ctx.ref('int_monthly_demand');
	const basis = ctx.ref('int_sku_forecast_basis');
	const groups: [SeriesLevel, string][] = [
		[
			'sku',
			`select demand.item, strftime(demand.month, '%Y-%m'), demand.qty::double
			from ${demand} as demand
			inner join ${basis} as basis on demand.item = basis.sku
			where demand.level = 'sku' and basis.forecast_basis = 'individual'
			order by demand.item, demand.month`
		],
		[
			'category',
			`select item, strftime(month, '%Y-%m'), qty::double
			from ${demand}
			where level = 'category'
			order by item, month`
		],
		[
			// Every tail SKU's series runs to the last full month, so the sum is gap-free
			// from the category's earliest tail SKU on.
			'category_tail',
			`select basis.category, strftime(demand.month, '%Y-%m'), sum(demand.qty)::double
			from ${demand} as demand
			inner join ${basis} as basis on demand.item = basis.sku
			where demand.level = 'sku' and basis.forecast_basis = 'category_share'
			group by basis.category, demand.month
			order by basis.category, demand.month`
		]
	];
	const rows: ReturnType<typeof seriesRow>[] = [];
	for (const [level, sql] of groups) {
		const series = await readMonthlySeries(ctx.connection, sql);
		const byId = new Map(series.map((s) => [s.id, s]));
		for (const outcome of forecastWithBenchmarkGuard(series, { horizon })) {
			rows.push(seriesRow(level, byId.get(outcome.id)!, outcome));
		}
	}
	await ctx.createTable(SERIES_FORECAST_COLUMNS, rows);
}
