// Demand forecasting at catalogue scale: 50,000 SKUs × 36 months of synthetic sales lines
// (FORECAST_BENCH_SKUS overrides), built through the real models from staging to
// demand_forecast, forecast_accuracy and seasonality with the default forecast_max_sku_series
// (the rest forecast per category and split by share), timed model by model beside one
// aggregate scan of fct_sales; plus the forecasts alone on samples of the head and the tail
// SKUs, to price forecasting every SKU individually.
import fs from 'node:fs';
import path from 'node:path';
import type { Benchmark } from './lib/context.ts';
import { forecastWithBenchmarkGuard, readMonthlySeries } from '../src/lib/server/analytics/forecast-mart/index.ts';
import { resolvePaths } from '../src/lib/server/config/paths.ts';
import { ensureRawTables, loadJobs } from '../src/lib/server/ingest/index.ts';
import { buildProject, loadProject, projectPaths } from '../src/lib/server/transform/index.ts';
import { Warehouse } from '../src/lib/server/warehouse/index.ts';
import { round } from './lib/figures.ts';

const MONTHS = 36;
const CATEGORIES = 40;

/**
 * One line per SKU and month on the month's last day (so the last month is full):
 * Zipf-like volume 2,000 / rank^0.8 (the tail sells a unit now and then), a yearly
 * season of ±50% shifted by category, and uniform noise ×0.5–1.5 from a hash.
 */
function syntheticSalesSql(skus: number): string {
	return `
		insert into raw.accounting_sales (doc_no, line_no, date, counterparty_id, customer_name, sku, product_name, category, qty, price, amount, _file_id, _row_no, _loaded_at)
		select
			'D' || s || '-' || m, 1, last_day(date '2021-01-01' + to_months(m)), 'K1', 'ООО «Клиент»',
			'SKU' || lpad(s::varchar, 6, '0'), 'Товар ' || s, 'Категория ' || (s % ${CATEGORIES}),
			qty, 100, qty * 100, 1, row_number() over (), now()
		from (
			select s, m,
				floor(2000.0 / pow(s + 1, 0.8)
					* (1 + 0.5 * sin(2 * pi() * (m + s % ${CATEGORIES}) / 12))
					* (0.5 + (hash(s, m) % 1000) / 1000.0)) as qty
			from range(${skus}) as skus(s), range(${MONTHS}) as months(m)
		)
		where qty > 0`;
}

const benchmark: Benchmark = {
	name: 'forecast',
	description: 'demand_forecast, forecast_accuracy and seasonality on 50k SKUs × 36 months; forecastMany per-series cost',
	async run(ctx) {
		const skus = Number(process.env.FORECAST_BENCH_SKUS ?? 50_000);
		const sample = Number(process.env.FORECAST_BENCH_SAMPLE ?? 300);
		const paths = resolvePaths({ OBOROT_HOME: ctx.workDir, OBOROT_PROJECT: path.resolve(import.meta.dirname, '..') });
		fs.mkdirSync(paths.home, { recursive: true });
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			await ensureRawTables(warehouse, loadJobs(paths.ingestJobs));
			const generated = await ctx.time(() => warehouse.run(syntheticSalesSql(skus)));
			const [{ lines }] = await warehouse.query<{ lines: number }>('select count(*)::integer as lines from raw.accounting_sales');
			ctx.log(`${lines} sales lines for ${skus} SKUs in ${generated.seconds.toFixed(1)} s; building`);
			const project = await loadProject(projectPaths(paths));
			const build = await ctx.time(() =>
				buildProject(warehouse, project, { select: ['+demand_forecast', '+demand_forecast_category', '+forecast_accuracy', '+seasonality'], triggeredBy: 'bench' })
			);
			if (build.value.status !== 'success') throw new Error(`build failed: ${build.value.message}`);
			const scan = await ctx.time(() => warehouse.query('select sku, sum(qty), count(*) from marts.fct_sales group by 1 order by 2 desc limit 1'));
			const [figures] = await warehouse.query<Record<string, number>>(`
				select
					(select count(*) filter (where forecast_basis = 'individual') from intermediate.int_sku_forecast_basis) as individual_skus,
					(select count(*) filter (where forecast_basis = 'category_share') from intermediate.int_sku_forecast_basis) as tail_skus,
					(select count(*) from intermediate.int_series_forecasts) as series_forecast,
					(select count(*) from marts.demand_forecast) as forecast_rows,
					(select count(distinct series_id) from marts.seasonality where series_type = 'sku') as sku_seasonality_series`);
			const accuracy = await warehouse.query("select series_level, series, round(mean_smape, 2) as smape, round(mean_mase, 3) as mase, round(benchmark_mean_smape, 2) as benchmark_smape, round(benchmark_mean_mase, 3) as benchmark_mase, series_beating_benchmark from marts.forecast_accuracy where model = 'chosen' order by 1");

			// The guarded forecastMany alone on a spread of SKUs from each path (every k-th by volume rank),
			// to price forecasting every SKU individually: heads are mostly regular series, tails intermittent.
			const costPerSeries = async (where: string, count: number) => {
				const series = await warehouse.withConnection((connection) =>
					readMonthlySeries(connection, `
						with picked as (
							select sku from intermediate.int_sku_forecast_basis where ${where}
							qualify row_number() over (order by volume_rank) % greatest(1, (count(*) over () // ${count})::integer) = 0
						)
						select demand.item, strftime(demand.month, '%Y-%m'), demand.qty::double
						from intermediate.int_monthly_demand as demand
						inner join picked on demand.item = picked.sku
						where demand.level = 'sku'
						order by demand.item, demand.month`)
				);
				const run = await ctx.time(async () => forecastWithBenchmarkGuard(series, { horizon: 18 }));
				return { series: series.length, ms: (run.seconds * 1000) / Math.max(1, series.length) };
			};
			const head = await costPerSeries("forecast_basis = 'individual'", sample);
			const tail = await costPerSeries("forecast_basis = 'category_share'", sample);
			const forecastSeconds = build.value.models.find((m) => m.model === 'int_series_forecasts')!.seconds;
			const models = Object.fromEntries(build.value.models.filter((m) => m.materialized !== 'view').map((m) => [m.model, round(m.seconds)]));
			const ours = ['int_monthly_demand', 'int_sku_forecast_basis', 'int_series_forecasts', 'int_series_forecast_months', 'demand_forecast', 'demand_forecast_category', 'forecast_backtest', 'forecast_accuracy', 'seasonality'];
			return {
				skus,
				salesLines: lines,
				generateSeconds: round(generated.seconds),
				buildSeconds: round(build.seconds),
				forecastModelsSeconds: round(build.value.models.filter((m) => ours.includes(m.model)).reduce((sum, m) => sum + m.seconds, 0)),
				fctSalesScanSeconds: round(scan.seconds, 3),
				...figures,
				accuracy,
				intSeriesForecastsMsPerSeries: round((forecastSeconds * 1000) / figures.series_forecast),
				headSampleSeries: head.series,
				headMsPerSeries: round(head.ms),
				tailSampleSeries: tail.series,
				tailMsPerSeries: round(tail.ms),
				allSkusIndividuallyEstimateSeconds: round((head.ms * figures.individual_skus + tail.ms * figures.tail_skus) / 1000, 0),
				peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
				models
			};
		} finally {
			warehouse.close();
		}
	}
};

export default benchmark;
