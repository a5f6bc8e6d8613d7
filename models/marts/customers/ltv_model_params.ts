import { buildLtvModelParams } from '../../../src/lib/server/analytics/ltv-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/**
 * One row per model and parameter: every candidate purchase model (BG/NBD, MBG/NBD) fitted on
 * the whole history — r, alpha, a, b, log-likelihood — with `chosen` on the one customer_ltv
 * predicts with, and Gamma-Gamma p, q, v. Without a handover from customer_ltv in the same
 * build it computes them again from the same input.
 */
export default defineModel({
	refs: ['customer_ltv', 'int_customer_orders', 'int_data_calendar'],
	async run(ctx) {
		await buildLtvModelParams(ctx);
	}
});
