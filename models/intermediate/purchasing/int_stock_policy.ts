import { buildStockPolicy } from '../../../src/lib/server/analytics/forecast-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/** One row: the stock plan's settings (service level and its z, review period, default lead time, demand basis). */
export default defineModel({
	refs: [],
	async run(ctx) {
		await buildStockPolicy(ctx);
	}
});
