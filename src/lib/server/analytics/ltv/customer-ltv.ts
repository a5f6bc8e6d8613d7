// Everything the customer_ltv, ltv_model_params and ltv_model_selection marts need, from
// per-customer transactions: the lifetimes-style summary, the choice of the purchase model
// by a calibration/holdout split (model-selection.ts) and every candidate's fit on the whole
// history (whole-history-fits.ts; the chosen one predicts), the Gamma-Gamma spend fit, and
// per customer P(alive), expected purchases and discounted value over the horizon, the
// typical interval between orders and the expected next-order day.
//
// Fits and purchase forecasts run on distinct (x, t_x, T) patterns (rfm-patterns.ts).

import { DAYS_PER_MONTH, expectedNextOrderDay, forecastPurchases, typicalIntervalDays } from './clv.ts';
import { conditionalExpectedAverageValue, fitGammaGamma, frequencyMonetaryCorrelation, prepareGammaGammaData } from './gamma-gamma.ts';
import { selectPurchaseModel, type ModelSelection, type ModelSelectionOptions } from './model-selection.ts';
import { PURCHASE_MODELS, type PurchaseModelName } from './purchase-models.ts';
import { fitEveryCandidateOnWholeHistory } from './whole-history-fits.ts';
import { compressPatterns } from './rfm-patterns.ts';
import { summarizeTransactions, type CustomerSummary, type SummarizeOptions, type TransactionColumns } from './summarize-transactions.ts';
import type { BgNbdParams, FitReport, GammaGammaParams } from './types.ts';

export interface LtvModelOptions {
	/** Months ahead for expected purchases and value (default 12). */
	horizonMonths?: number;
	/** Monthly discount rate (default 0.01). */
	monthlyDiscountRate?: number;
	/** Candidates, holdout split and fit options of the purchase model choice. */
	selection?: ModelSelectionOptions;
	/** Minimum customers with positive spend for the Gamma-Gamma fit (default 30). */
	minGammaGammaCustomers?: number;
	/**
	 * Spend model over every purchase period, the first included (default), so a one-time
	 * buyer's own purchase counts; false: lifetimes' repeat purchases only, where every
	 * one-time buyer gets the population mean spend (gamma-gamma.ts says why that misleads).
	 */
	spendIncludesFirstPurchase?: boolean;
}

export type CustomerLtvOptions = SummarizeOptions & LtvModelOptions;

export interface CustomerLtvColumns extends CustomerSummary {
	/** Per customer; NaN where the model that produces it could not be fitted. */
	pAlive: Float64Array;
	expectedPurchases: Float64Array;
	expectedAverageValue: Float64Array;
	predictedValue: Float64Array;
	typicalIntervalDays: Float64Array;
	nextOrderDay: Float64Array;
}

export interface CustomerLtvResult {
	customers: CustomerLtvColumns;
	/** The model behind pAlive and expectedPurchases (null: none could be fitted) and its fit on the whole history. */
	purchase: { model: PurchaseModelName | null; fit: FitReport<BgNbdParams> | null; patterns: number };
	/** The choice; every candidate's fullFit is set (fitEveryCandidateOnWholeHistory). */
	selection: ModelSelection;
	gammaGamma: FitReport<GammaGammaParams> & { excludedNonPositive: number; frequencyMonetaryCorrelation: number; includesFirstPurchase: boolean };
	settings: { horizonMonths: number; monthlyDiscountRate: number; timeUnitDays: number; periodDays: number; observationEndDay: number };
	/** Patterns whose forecast could not be computed (their customers get NaN), first 10 with the reason. */
	forecastFailures: { count: number; examples: string[] };
	/**
	 * selectModel: calibration fits, holdout scores and the chosen model's whole-history fit;
	 * fitOtherModels: the whole-history fits of the candidates the choice did not fit there.
	 */
	timingsMs: { summarize: number; selectModel: number; fitOtherModels: number; fitGammaGamma: number; predict: number };
}

/** Transactions -> summary -> model choice and fits -> per-customer predictions. */
export function customerLtv(transactions: TransactionColumns, options: CustomerLtvOptions): CustomerLtvResult {
	const horizonMonths = options.horizonMonths ?? 12;
	const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
	const includesFirstPurchase = options.spendIncludesFirstPurchase ?? true;

	let mark = performance.now();
	const summary = summarizeTransactions(transactions, options);
	const { periodDays, timeUnitDays } = summary;
	const n = summary.frequency.length;
	const summarizeMs = performance.now() - mark;

	mark = performance.now();
	const patterns = compressPatterns(summary, periodDays / timeUnitDays);
	const selection = selectPurchaseModel(transactions, summary, patterns, options.selection);
	const chosen = selection.candidates.find((c) => c.model === selection.chosen) ?? null;
	const purchaseFit = chosen?.fullFit ?? null;
	const selectMs = performance.now() - mark;

	mark = performance.now();
	fitEveryCandidateOnWholeHistory(selection, patterns, options.selection?.fit);
	const fitOthersMs = performance.now() - mark;

	mark = performance.now();
	// x + 1 purchase periods of mean total / (x + 1), or lifetimes' repeat periods and their mean.
	const spendCount = includesFirstPurchase ? Float64Array.from(summary.frequency, (x) => x + 1) : summary.frequency;
	const spendMean = includesFirstPurchase ? Float64Array.from(summary.totalValue, (total, i) => total / spendCount[i]) : summary.monetaryValue;
	const ggData = prepareGammaGammaData(spendCount, spendMean);
	const gg = fitGammaGamma(ggData, { minCustomers: options.minGammaGammaCustomers });
	const correlation = frequencyMonetaryCorrelation(ggData);
	const fitGgMs = performance.now() - mark;

	mark = performance.now();
	const pAlive = new Float64Array(n).fill(Number.NaN);
	const expectedPurchases = new Float64Array(n).fill(Number.NaN);
	const expectedAverageValue = new Float64Array(n).fill(Number.NaN);
	const predictedValue = new Float64Array(n).fill(Number.NaN);
	const interval = new Float64Array(n);
	const nextOrderDay = new Float64Array(n);
	const purchaseParams = selection.chosen && purchaseFit?.status === 'ok' ? purchaseFit.params : null;
	const ggParams = gg.status === 'ok' ? gg.params : null;
	const clvOptions = {
		horizonMonths,
		monthlyDiscountRate,
		timeUnitsPerMonth: DAYS_PER_MONTH / timeUnitDays,
		model: selection.chosen ? PURCHASE_MODELS[selection.chosen] : undefined
	};
	// Purchase forecasts depend on the (x, t_x, T) pattern only: once per pattern.
	const { data: patternData, patternOf } = patterns;
	const forecastFailures: string[] = [];
	const patternAlive = new Float64Array(patternData.n);
	const patternPurchases = new Float64Array(patternData.n);
	const patternDiscounted = new Float64Array(patternData.n);
	if (purchaseParams) {
		for (let k = 0; k < patternData.n; k++) {
			try {
				const forecast = forecastPurchases(purchaseParams, patternData.x[k], patternData.tx[k], patternData.T[k], clvOptions);
				patternAlive[k] = forecast.pAlive;
				patternPurchases[k] = forecast.expectedPurchases;
				patternDiscounted[k] = forecast.discountedPurchases;
			} catch (error) {
				// Only a hypergeometric series that cannot converge (alpha tiny against the horizon) lands here:
				// leave that pattern without a forecast rather than lose the whole mart.
				patternAlive[k] = patternPurchases[k] = patternDiscounted[k] = Number.NaN;
				forecastFailures.push(`x=${patternData.x[k]}, t_x=${patternData.tx[k]}, T=${patternData.T[k]}: ${(error as Error).message}`);
			}
		}
	}
	for (let i = 0; i < n; i++) {
		interval[i] = typicalIntervalDays(summary.frequency[i], summary.firstPurchaseDay[i], summary.lastPurchaseDay[i]);
		nextOrderDay[i] = expectedNextOrderDay(summary.lastPurchaseDay[i], interval[i]);
		// Counted purchases that sum to <= 0 (returns) left the customer out of the spend fit: no estimate.
		// Without counted purchases (x = 0 in lifetimes' way) the estimate is the population mean.
		if (ggParams && (spendCount[i] === 0 || spendMean[i] > 0)) expectedAverageValue[i] = conditionalExpectedAverageValue(ggParams, spendCount[i], spendMean[i]);
		if (purchaseParams) {
			const k = patternOf[i];
			pAlive[i] = patternAlive[k];
			expectedPurchases[i] = patternPurchases[k];
			predictedValue[i] = patternDiscounted[k] * expectedAverageValue[i];
		}
	}
	const predictMs = performance.now() - mark;

	return {
		customers: { ...summary, pAlive, expectedPurchases, expectedAverageValue, predictedValue, typicalIntervalDays: interval, nextOrderDay },
		purchase: { model: selection.chosen, fit: purchaseFit, patterns: patternData.n },
		selection,
		gammaGamma: { ...gg, excludedNonPositive: ggData.excludedNonPositive, frequencyMonetaryCorrelation: correlation, includesFirstPurchase },
		settings: { horizonMonths, monthlyDiscountRate, timeUnitDays, periodDays, observationEndDay: summary.observationEndDay },
		forecastFailures: { count: forecastFailures.length, examples: forecastFailures.slice(0, 10) },
		timingsMs: { summarize: summarizeMs, selectModel: selectMs, fitOtherModels: fitOthersMs, fitGammaGamma: fitGgMs, predict: predictMs }
	};
}
