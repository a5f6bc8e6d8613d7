import { buildRevenueProjection } from '../../../src/lib/server/analytics/forecast-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/** One row per future month: monthly revenue projected as linear trend × seasonal index (none under 24 full months). */
export default defineModel({
	refs: ['int_monthly_demand'],
	async run(ctx) {
		await buildRevenueProjection(ctx);
	}
});
