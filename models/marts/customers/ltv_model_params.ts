import { buildLtvModelParams } from '../../../src/lib/server/analytics/ltv-mart/index.ts';
import { defineModel } from '../../../src/lib/server/transform/index.ts';

/** One row per model and parameter of the fits behind customer_ltv (BG/NBD r, alpha, a, b; Gamma-Gamma p, q, v; log-likelihoods). */
export default defineModel({
	refs: ['customer_ltv'],
	async run(ctx) {
		await buildLtvModelParams(ctx);
	}
});
