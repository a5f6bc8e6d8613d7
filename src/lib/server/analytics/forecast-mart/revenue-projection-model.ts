// The int_revenue_projection model: the company's monthly revenue projected as trend ×
// seasonal index (projectRevenueByMonth), the seasonal half of revenue_forecast.
// Fewer than 24 full months: no rows (classical decomposition needs two years).
import type { ModelContext } from '../../transform/index.ts';
import { projectRevenueByMonth } from '../timeseries/index.ts';
import { readMonthlySeries } from './monthly-series.ts';
import { SEASONALITY_MIN_MONTHS } from './seasonality-model.ts';
import { forecastHorizon } from './settings.ts';

export const REVENUE_PROJECTION_COLUMNS = {
	month: 'DATE',
	horizon_step: 'INTEGER',
	trend: 'DOUBLE',
	seasonal_index: 'DOUBLE',
	forecast: 'DOUBLE',
	lo80: 'DOUBLE',
	hi80: 'DOUBLE',
	lo95: 'DOUBLE',
	hi95: 'DOUBLE',
	decomposition_type: 'VARCHAR',
	slope_per_month: 'DOUBLE',
	months_of_history: 'INTEGER',
	history_start: 'DATE',
	method: 'VARCHAR'
} as const;

export async function buildRevenueProjection(ctx: ModelContext): Promise<void> {
	const horizon = forecastHorizon(ctx.var);
	// Summed over categories: every month from the first sale to the last full month is there.
	const [revenue] = await readMonthlySeries(
		ctx.connection,
		`select 'revenue', strftime(month, '%Y-%m'), sum(revenue)::double
		from ${ctx.ref('int_monthly_demand')}
		where level = 'category'
		group by month
		order by month`
	);
	if (!revenue || revenue.values.length < SEASONALITY_MIN_MONTHS) {
		await ctx.createTable(REVENUE_PROJECTION_COLUMNS, []);
		return;
	}
	const projection = projectRevenueByMonth(revenue.values, revenue.start, horizon);
	const rows = projection.rows.map((row, i) => ({
		month: `${row.month}-01`,
		horizon_step: i + 1,
		trend: row.trend,
		seasonal_index: row.seasonal_index,
		forecast: row.forecast,
		lo80: row.lo80,
		hi80: row.hi80,
		lo95: row.lo95,
		hi95: row.hi95,
		decomposition_type: projection.type,
		slope_per_month: projection.slopePerMonth,
		months_of_history: revenue.values.length,
		history_start: `${revenue.start}-01`,
		method: projection.method
	}));
	await ctx.createTable(REVENUE_PROJECTION_COLUMNS, rows);
}
