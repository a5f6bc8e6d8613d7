import { buildSeasonality } from '../../../src/lib/server/analytics/forecast-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per series (category, or SKU with 24+ full months selling on average at least
 * seasonality_sku_min_monthly_qty a month) and calendar month: the seasonal index of
 * R's decompose(type = "multiplicative"), additive where ratios are undefined.
 */
export default defineModel({
	refs: ['int_monthly_demand'],
	async run(ctx) {
		await buildSeasonality(ctx);
	}
});
