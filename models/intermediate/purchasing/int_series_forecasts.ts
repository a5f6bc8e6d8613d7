import { buildSeriesForecasts } from '../../../src/lib/server/analytics/forecast-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per demand series (level sku, category or category_tail): the model chosen by
 * backtest, its errors beside seasonal naive's, and the forecast (forecast_horizon_months
 * from the month after the last full month) and backtest rows as JSON lists.
 */
export default defineModel({
	refs: ['int_monthly_demand', 'int_sku_forecast_basis'],
	async run(ctx) {
		await buildSeriesForecasts(ctx);
	}
});
