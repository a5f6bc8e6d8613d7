import { buildLtvModelSelection } from '../../../src/lib/server/analytics/ltv-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per candidate purchase model (BG/NBD, MBG/NBD): its error on the holdout weeks, and
 * which one customer_ltv predicts with and why. Computed with customer_ltv (handed over in the
 * same build, else again from the same input).
 */
export default defineModel({
	refs: ['customer_ltv', 'int_customer_orders', 'int_data_calendar'],
	async run(ctx) {
		await buildLtvModelSelection(ctx);
	}
});
