import { buildCustomerLtv } from '../../../src/lib/server/analytics/ltv-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per customer: history to date and the predictions of the purchase model chosen on a
 * holdout (BG/NBD or MBG/NBD, see ltv_model_selection) and the Gamma-Gamma spend model
 * (P(alive), expected purchases and discounted value over ltv_horizon_months), the
 * typical interval between orders and whether the customer is due to reorder.
 */
export default defineModel({
	refs: ['int_customer_orders', 'int_data_calendar'],
	async run(ctx) {
		await buildCustomerLtv(ctx);
	}
});
