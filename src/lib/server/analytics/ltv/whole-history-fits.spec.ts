import { describe, expect, it } from 'vitest';
import { epochDay } from './epoch-day.ts';
import { selectPurchaseModel, type CandidateResult } from './model-selection.ts';
import { PURCHASE_MODELS } from './purchase-models.ts';
import { compressPatterns } from './rfm-patterns.ts';
import { simulateTransactions } from './simulate.ts';
import { summarizeTransactions } from './summarize-transactions.ts';
import type { BgNbdParams, FitReport } from './types.ts';
import { fitEveryCandidateOnWholeHistory } from './whole-history-fits.ts';

const end = epochDay('2024-12-31');

function company(acquisitionDays: number, seed: number) {
	const transactions = simulateTransactions({
		customers: 3000, bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 },
		observationEndDay: end, acquisitionDays, seed
	});
	const full = summarizeTransactions(transactions, { observationEnd: end });
	const patterns = compressPatterns(full, 1 / 7);
	return { patterns, selection: selectPurchaseModel(transactions, full, patterns) };
}

/** The same optimum: log-likelihoods within 1e-6, every parameter within 1e-5 relative. */
function expectSameOptimum(fit: FitReport<BgNbdParams>, reference: FitReport<BgNbdParams>) {
	expect(fit.status).toBe('ok');
	expect(Math.abs(fit.logLikelihood! - reference.logLikelihood!)).toBeLessThan(1e-6);
	for (const key of ['r', 'alpha', 'a', 'b'] as const) {
		expect(Math.abs(fit.params![key] / reference.params![key] - 1), key).toBeLessThan(1e-5);
	}
}

describe('fitEveryCandidateOnWholeHistory', () => {
	// 18 months of customers: split on a holdout, the chosen model refitted on the whole history.
	const { patterns, selection } = company(540, 11);

	it('keeps the choice\'s whole-history fit and fits the other model from its calibration fit, to the optimum of the generic starts', () => {
		expect(selection.method).toBe('holdout');
		const chosen = selection.candidates.find((c) => c.model === selection.chosen)!;
		const other = selection.candidates.find((c) => c !== chosen)!;
		const chosenFit = chosen.fullFit;
		expect(chosenFit!.status).toBe('ok');
		expect(other.fullFit).toBeNull();

		expect(fitEveryCandidateOnWholeHistory(selection, patterns)).toBe(1);
		expect(chosen.fullFit).toBe(chosenFit);
		const fit = other.fullFit!;
		const { r, alpha, a, b } = other.calibrationFit!.params!;
		expect(fit.starts.map((start) => start.start)).toEqual([[r, alpha, a, b]]);
		expect(fit.message).toMatch(/^converged after \d+ iterations .*, started from its fit on the calibration period$/);
		expect(fit.observations).toBe(3000);
		// An independent route to the same optimum: the model's own fit from its four generic starting points.
		const generic = PURCHASE_MODELS[other.model].fit(patterns.data);
		expectSameOptimum(fit, generic);
		console.log(`${PURCHASE_MODELS[other.model].label} on the whole history: ${fit.evaluations} evaluations from the calibration fit, ${generic.evaluations} from the generic starts`);
		expect(fit.evaluations).toBeLessThan(generic.evaluations / 2);
		// nothing is left to fit
		expect(fitEveryCandidateOnWholeHistory(selection, patterns)).toBe(0);
	});

	it('fits nothing again when the choice compared the models on the whole history', () => {
		// 20 weeks of history: no holdout, both models already fitted on everything.
		const short = company(140, 8);
		expect(short.selection.method).toBe('likelihood');
		const fits = short.selection.candidates.map((c) => c.fullFit);
		expect(fits.every((fit) => fit !== null)).toBe(true);
		expect(fitEveryCandidateOnWholeHistory(short.selection, short.patterns)).toBe(0);
		expect(short.selection.candidates.map((c) => c.fullFit)).toEqual(fits);
	});

	it('falls back to the generic starts without a calibration fit, or when its start runs to the edge of the parameter space', () => {
		const template = selection.candidates[0].calibrationFit!;
		const candidate = (model: CandidateResult['model'], calibrationFit: FitReport<BgNbdParams>): CandidateResult => ({ model, calibrationFit, holdout: null, fullFit: null, rank: null });
		const candidates = [
			// every parameter 1e8: from there MBG/NBD runs off to r = 3.1e7, alpha = 3.2e8, ... (degenerate)
			candidate('mbg_nbd', { ...template, params: { r: 1e8, alpha: 1e8, a: 1e8, b: 1e8 } }),
			candidate('bg_nbd', { ...template, status: 'insufficient_data', params: null })
		];
		expect(fitEveryCandidateOnWholeHistory({ ...selection, candidates }, patterns)).toBe(2);
		for (const { model, fullFit } of candidates) {
			expect(fullFit, model).toEqual(PURCHASE_MODELS[model].fit(patterns.data));
			expect(fullFit!.starts).toHaveLength(4);
		}
	});
});
