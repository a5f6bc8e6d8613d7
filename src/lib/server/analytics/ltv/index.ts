// Predictive LTV numerics (BG/NBD or MBG/NBD, chosen per company on a holdout, + Gamma-Gamma),
// pure TypeScript over typed arrays. The customer_ltv, ltv_model_params and ltv_model_selection
// models wrap customerLtv, ltvModelParamRows and ltvModelSelectionRows.

export { customerLtv } from './customer-ltv.ts';
export type { CustomerLtvColumns, CustomerLtvOptions, CustomerLtvResult, LtvModelOptions } from './customer-ltv.ts';
export { ltvModelParamRows, ltvModelSelectionRows } from './model-param-rows.ts';
export type { LtvModelParamRow, LtvModelSelectionRow } from './model-param-rows.ts';
export { summarizeTransactions, periodEndDay } from './summarize-transactions.ts';
export type { CustomerSummary, SummarizeOptions, TransactionColumns } from './summarize-transactions.ts';
export { epochDay, isoDate } from './epoch-day.ts';
export { prepareBgNbdData, bgNbdLogLikelihood, mbgNbdLogLikelihood } from './bg-nbd-likelihood.ts';
export { fitBgNbd, fitMbgNbd, BG_NBD_MIN_CUSTOMERS, BG_NBD_MIN_REPEAT_CUSTOMERS } from './bg-nbd-fit.ts';
export {
	probabilityAlive,
	expectedPurchases,
	conditionalExpectedPurchases,
	expectedPurchasesIfAlive,
	probabilityOfPurchases,
	mbgProbabilityAlive,
	mbgExpectedPurchases,
	mbgExpectedPurchasesIfAlive,
	mbgConditionalExpectedPurchases
} from './bg-nbd-predict.ts';
export { PURCHASE_MODELS, PURCHASE_MODEL_NAMES, conditionalPurchases } from './purchase-models.ts';
export type { PurchaseModel, PurchaseModelName } from './purchase-models.ts';
export { selectPurchaseModel, planHoldoutSplit, scoreHoldout, HOLDOUT_SHARE, MAX_HOLDOUT_DAYS, MIN_HISTORY_DAYS, MIN_HOLDOUT_PURCHASES } from './model-selection.ts';
export type { ModelSelection, ModelSelectionOptions, SelectionMethod, FallbackReason, HoldoutSplit, HoldoutScore, CandidateResult } from './model-selection.ts';
export { fitEveryCandidateOnWholeHistory } from './whole-history-fits.ts';
export { compressPatterns } from './rfm-patterns.ts';
export {
	prepareGammaGammaData,
	gammaGammaLogLikelihood,
	fitGammaGamma,
	conditionalExpectedAverageValue,
	frequencyMonetaryCorrelation,
	GAMMA_GAMMA_MIN_CUSTOMERS
} from './gamma-gamma.ts';
export { forecastPurchases, customerLifetimeValue, typicalIntervalDays, expectedNextOrderDay, DAYS_PER_MONTH } from './clv.ts';
export { hyp2f1, hyp2f1MinusOneOverB } from './hyp2f1.ts';
export type { BgNbdParams, GammaGammaParams, FitReport, FitStatus, FitStart, RfmColumns } from './types.ts';
