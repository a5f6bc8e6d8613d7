// The predictive-LTV numerics on 1,000,000 synthetic customers drawn from the BG/NBD and
// Gamma-Gamma parameters fitted to CDNOW: summary from transactions, the choice of the
// purchase model (BG/NBD and MBG/NBD fitted on the calibration period, scored on the
// holdout, the chosen one refitted on the whole history), the other candidates' whole-history
// fits for ltv_model_params (started from their calibration fits), the spend fit and the
// per-customer 12-month predictions, timed stage by stage. LTV_BENCH_CUSTOMERS overrides the count.
import type { Benchmark } from './lib/context.ts';
import { customerLtv } from '../src/lib/server/analytics/ltv/customer-ltv.ts';
import { epochDay } from '../src/lib/server/analytics/ltv/epoch-day.ts';
import { fitBgNbd } from '../src/lib/server/analytics/ltv/bg-nbd-fit.ts';
import { prepareBgNbdData } from '../src/lib/server/analytics/ltv/bg-nbd-likelihood.ts';
import { fitGammaGamma, prepareGammaGammaData } from '../src/lib/server/analytics/ltv/gamma-gamma.ts';
import { simulateTransactions } from '../src/lib/server/analytics/ltv/simulate.ts';
import { column, loadCdnowSummary, loadCdnowSummaryWithMonetary } from '../test/reference/ltv-cdnow-data.ts';
import { loadAverage, round } from './lib/figures.ts';


const benchmark: Benchmark = {
	name: 'ltv-model',
	description: 'purchase-model choice on a holdout (BG/NBD, MBG/NBD), every candidate on the whole history, Gamma-Gamma fit and 12-month predictions for 1M synthetic customers',
	async run(ctx) {
		const customers = Number(process.env.LTV_BENCH_CUSTOMERS ?? 1_000_000);
		const summary = loadCdnowSummary();
		const cdnowStarted = performance.now();
		const bg = fitBgNbd(prepareBgNbdData(column(summary, 'frequency'), column(summary, 'recency'), column(summary, 'T')));
		const cdnowBgMs = performance.now() - cdnowStarted;
		const monetary = loadCdnowSummaryWithMonetary();
		const gg = fitGammaGamma(prepareGammaGammaData(column(monetary, 'frequency'), column(monetary, 'monetaryValue')));
		if (!bg.params || !gg.params) throw new Error('CDNOW fits failed; cannot draw synthetic customers');

		const end = epochDay('2024-12-31');
		ctx.log(`simulating ${customers} customers from the CDNOW fit`);
		const simulated = await ctx.time(async () =>
			simulateTransactions({ customers, bgNbd: bg.params!, gammaGamma: gg.params!, observationEndDay: end, acquisitionDays: 546, seed: 20240601 })
		);
		ctx.log(`${simulated.value.day.length} transactions in ${simulated.seconds.toFixed(1)} s; running customerLtv`);
		const loadBefore = loadAverage();
		const cpuBefore = process.cpuUsage();
		const run = await ctx.time(async () => customerLtv(simulated.value, { observationEnd: end }));
		const cpu = process.cpuUsage(cpuBefore);
		const result = run.value;
		return {
			customers,
			transactions: simulated.value.day.length,
			cdnowBgNbdFitMs: round(cdnowBgMs, 1),
			simulateSeconds: round(simulated.seconds, 3),
			totalSeconds: round(run.seconds, 3),
			// CPU time of this process: the wall time above stretches with the shared machine's load
			totalCpuSeconds: round((cpu.user + cpu.system) / 1e6, 3),
			loadAverage: { before: loadBefore, after: loadAverage() },
			summarizeSeconds: round(result.timingsMs.summarize / 1000, 3),
			selectModelSeconds: round(result.timingsMs.selectModel / 1000, 3),
			fitOtherModelsSeconds: round(result.timingsMs.fitOtherModels / 1000, 3),
			fitGammaGammaSeconds: round(result.timingsMs.fitGammaGamma / 1000, 3),
			predictSeconds: round(result.timingsMs.predict / 1000, 3),
			chosenModel: result.purchase.model,
			selection: result.selection.candidates.map((c) => ({
				model: c.model,
				calibrationEvaluations: c.calibrationFit?.evaluations ?? null,
				fullEvaluations: c.fullFit?.evaluations ?? null,
				fullStarts: c.fullFit?.starts.length ?? null,
				holdoutBrier: c.holdout ? round(c.holdout.brier, 5) : null,
				holdoutMae: c.holdout ? round(c.holdout.mae, 4) : null
			})),
			patterns: result.purchase.patterns,
			gammaGammaCustomers: result.gammaGamma.observations,
			generating: { ...bg.params, ...gg.params },
			fitted: { ...result.purchase.fit?.params, ...result.gammaGamma.params },
			status: [result.purchase.fit?.status ?? 'none', result.gammaGamma.status],
			peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0)
		};
	}
};

export default benchmark;
