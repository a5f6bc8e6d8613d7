import { buildLtvModelParams } from '../../../src/lib/server/analytics/ltv-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per model and parameter of the fits behind customer_ltv (the chosen purchase model's
 * r, alpha, a, b on the whole history; Gamma-Gamma p, q, v; log-likelihoods). Without a
 * handover from customer_ltv in the same build it computes them again from the same input.
 */
export default defineModel({
	refs: ['customer_ltv', 'int_customer_orders', 'int_data_calendar'],
	async run(ctx) {
		await buildLtvModelParams(ctx);
	}
});
