import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from './bg-nbd-predict.ts';
import { customerLtv } from './customer-ltv.ts';
import { epochDay } from './epoch-day.ts';
import { planHoldoutSplit, scoreHoldout, selectPurchaseModel } from './model-selection.ts';
import { compressPatterns } from './rfm-patterns.ts';
import { simulateOneTimeAndRegularBuyers, simulateTransactions } from './simulate.ts';
import { summarizeTransactions } from './summarize-transactions.ts';

const end = epochDay('2024-12-31');

describe('planHoldoutSplit', () => {
	it('holds out the last third of the history in whole weeks, at most 52, ending a purchase period', () => {
		// 300 days of history: 100 days = 14.3 weeks → 14 weeks = 98 days; daily periods: calibration ends 98 days before the end.
		expect(planHoldoutSplit(end - 300, end, 1)).toEqual({ split: { firstPurchaseDay: end - 300, calibrationEndDay: end - 98, observationEndDay: end, holdoutDays: 98 } });
		// 1,000 days: 333.3 days = 47.6 weeks → 48 weeks = 336 days.
		expect(planHoldoutSplit(end - 1000, end, 1).split?.holdoutDays).toBe(336);
		// 2,000 days: a third is 95 weeks, capped at 52.
		expect(planHoldoutSplit(end - 2000, end, 1).split?.holdoutDays).toBe(364);
		// Weekly periods: 2024-12-31 is a Tuesday; end − 98 days is Tuesday 2024-09-24, whose ISO week ends on Sunday 2024-09-29,
		// so the calibration ends there and the holdout is the 93 days after it.
		const weekly = planHoldoutSplit(end - 300, end, 7).split!;
		expect(weekly.calibrationEndDay).toBe(epochDay('2024-09-29'));
		expect(weekly.holdoutDays).toBe(93);
	});

	it('refuses a history under 26 weeks and says so', () => {
		const plan = planHoldoutSplit(end - 181, end, 1);
		expect(plan.split).toBeNull();
		expect(plan).toHaveProperty('reason', 'the history of 25.9 weeks is shorter than the 26 weeks a holdout split needs');
		expect(planHoldoutSplit(end - 182, end, 1).split?.holdoutDays).toBe(63);
	});
});

describe('scoreHoldout', () => {
	it('scores the probability of buying again (Brier) and the purchase counts against hand-computed values', () => {
		// BG/NBD at r = alpha = a = b = 1, holdout of 1 week after T = 2.
		// A: x = 0, T = 2, bought nothing in the holdout. P(alive) = 1; P(buy | alive) = 1 − (3/4)^1 = 1/4.
		// B: x = 1, t_x = 1, T = 2, bought twice. P(alive) = 1 / (1 + 1 · (3/2)^2) = 4/13; P(buy | alive) = 1 − (3/4)^2 = 7/16;
		//    P(buy) = 28/208 = 7/52.
		// Brier = ((1/4)^2 + (1 − 7/52)^2) / 2 = (1/16 + (45/52)^2) / 2.
		const summary = { frequency: Float64Array.from([0, 1]), recency: Float64Array.from([0, 1]), T: Float64Array.from([2, 2]) };
		const patterns = compressPatterns(summary, 1 / 7);
		const ones = { r: 1, alpha: 1, a: 1, b: 1 };
		const score = scoreHoldout('bg_nbd', ones, patterns, [0, 2], 1);
		expect(score.brier).toBeCloseTo((1 / 16 + (45 / 52) ** 2) / 2, 14);
		expect(score.predictedReturners).toBeCloseTo(1 / 4 + 7 / 52, 14);
		expect(score.actualReturners).toBe(1);
		const expectedA = conditionalExpectedPurchases(ones, 1, 0, 0, 2);
		const expectedB = conditionalExpectedPurchases(ones, 1, 1, 1, 2);
		expect(score.mae).toBeCloseTo((expectedA + Math.abs(expectedB - 2)) / 2, 14);
		expect(score.rmse).toBeCloseTo(Math.sqrt((expectedA ** 2 + (expectedB - 2) ** 2) / 2), 14);
		expect(score.totalError).toBeCloseTo((expectedA + expectedB - 2) / 2, 14);
	});
});

describe('selectPurchaseModel', () => {
	it('on half one-time buyers of two years ago and half regular buyers picks MBG/NBD on the holdout, and their P(alive) is near 0', () => {
		const transactions = simulateOneTimeAndRegularBuyers({ oneTime: 500, regular: 500, observationEndDay: end, seed: 1 });
		const result = customerLtv(transactions, { observationEnd: end });
		const { selection } = result;
		expect(selection).toMatchObject({ method: 'holdout', chosen: 'mbg_nbd', tieBroken: false, fallbackReason: null });
		// History from the first regular's start (up to 912 days) → a third, 43 weeks; every customer is in the calibration.
		expect(selection.split!.holdoutDays).toBe(7 * Math.round((end - selection.split!.firstPurchaseDay) / 3 / 7));
		const [bg, mbg] = selection.candidates;
		expect(mbg.holdout!.brier).toBeLessThan(bg.holdout!.brier);
		// not a tie: BG/NBD's score is worse by more than two standard errors of the paired difference
		expect(bg.holdout!.brierGapToBest!).toBeGreaterThan(2 * bg.holdout!.brierGapStandardError!);
		expect(mbg.holdout!.customers).toBe(1000);
		expect(mbg.fullFit!.status).toBe('ok');
		// BG/NBD fitted on the whole history too, for ltv_model_params (whole-history-fits.ts), and not used.
		expect(bg.fullFit!.status).toBe('ok');
		expect(result.purchase.fit).toBe(mbg.fullFit);
		const c = result.customers;
		const oneTime = c.ids.map((id, i) => (String(id).startsWith('once-') ? c.pAlive[i] : Number.NaN)).filter((p) => !Number.isNaN(p));
		expect(oneTime).toHaveLength(500);
		const meanAlive = oneTime.reduce((s, p) => s + p, 0) / oneTime.length;
		expect(meanAlive).toBeLessThan(0.05);
		// BG/NBD, had it been used, keeps every one of them alive.
		const bgOnly = customerLtv(transactions, { observationEnd: end, selection: { candidates: ['bg_nbd'] } });
		expect(bgOnly.customers.ids.filter((id, i) => String(id).startsWith('once-') && bgOnly.customers.pAlive[i] === 1)).toHaveLength(500);
	});

	it('on customers simulated from a BG/NBD picks the BG/NBD, and on ones simulated from an MBG/NBD the MBG/NBD, each by more than chance', () => {
		for (const [modified, expected] of [[false, 'bg_nbd'], [true, 'mbg_nbd']] as const) {
			const transactions = simulateTransactions({
				customers: 20000, bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 },
				observationEndDay: end, acquisitionDays: 540, seed: 4, modified
			});
			const full = summarizeTransactions(transactions, { observationEnd: end });
			const selection = selectPurchaseModel(transactions, full, compressPatterns(full, 1 / 7));
			expect(selection.chosen, modified ? 'MBG/NBD world' : 'BG/NBD world').toBe(expected);
			expect(selection.tieBroken).toBe(false);
			const loser = selection.candidates.find((c) => c.model !== expected)!;
			expect(loser.holdout!.brierGapToBest!).toBeGreaterThan(2 * loser.holdout!.brierGapStandardError!);
		}
	});

	it('falls back to the log-likelihood on the whole history when the history is too short to split', () => {
		// 20 weeks of simulated customers: no holdout; both models fitted on everything, the higher log-likelihood wins.
		const transactions = simulateTransactions({
			customers: 3000, bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 },
			observationEndDay: end, acquisitionDays: 140, seed: 8
		});
		const result = customerLtv(transactions, { observationEnd: end });
		const { selection } = result;
		expect(selection).toMatchObject({ method: 'likelihood', fallbackReason: 'history_too_short', split: null });
		expect(selection.note).toMatch(/^No holdout comparison: the history of 19\.\d weeks is shorter than the 26 weeks a holdout split needs\./);
		const [bg, mbg] = selection.candidates;
		const winner = bg.fullFit!.logLikelihood! > mbg.fullFit!.logLikelihood! ? 'bg_nbd' : 'mbg_nbd';
		expect(selection.chosen).toBe(winner);
		expect(result.purchase.fit).toBe(selection.candidates.find((c) => c.model === winner)!.fullFit);
		expect(selection.candidates.map((c) => c.rank).sort()).toEqual([1, 2]);
	});

	it('falls back when the holdout has too few purchases, or the calibration period is too small to fit', () => {
		// Purchases from 300 to 100 days before the end and none since: the 14-week holdout (98 days) is empty.
		const transactions = simulateTransactions({
			customers: 3000, bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 },
			observationEndDay: end - 100, acquisitionDays: 200, seed: 9
		});
		const quiet = customerLtv(transactions, { observationEnd: end });
		expect(quiet.selection).toMatchObject({ fallbackReason: 'too_few_holdout_purchases' });
		expect(quiet.selection.split!.holdoutDays).toBe(98);
		expect(quiet.selection.note).toMatch(/the calibration customers made 0 purchases in the 14 holdout weeks, fewer than the 30 needed to compare the models/);
		// Nearly everyone arrives in the last weeks: the calibration period has too few customers to fit.
		const late = simulateTransactions({
			customers: 400, bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 }, gammaGamma: { p: 6, q: 4, v: 15 },
			observationEndDay: end, acquisitionDays: 60, seed: 10
		});
		late.customerId = Int32Array.from([0, ...late.customerId].map((id) => id));
		late.day = Int32Array.from([end - 400, ...late.day]);
		late.value = Float64Array.from([100, ...late.value]);
		const early = customerLtv(late, { observationEnd: end });
		expect(early.selection).toMatchObject({ fallbackReason: 'calibration_fit_failed' });
		expect(early.selection.candidates.every((c) => c.calibrationFit?.status === 'insufficient_data')).toBe(true);
		expect(early.selection.note).toMatch(/BG\/NBD needs at least 100 customers/);
	});
});
