// Predictive LTV numerics (BG/NBD + Gamma-Gamma), pure TypeScript over typed arrays.
// The customer_ltv model wraps customerLtv / customerLtvFromSummary and ltvModelParamRows.

export { customerLtv, customerLtvFromSummary } from './customer-ltv.ts';
export type { CustomerLtvColumns, CustomerLtvOptions, CustomerLtvResult, LtvModelOptions } from './customer-ltv.ts';
export { ltvModelParamRows } from './model-param-rows.ts';
export type { LtvModelParamRow } from './model-param-rows.ts';
export { summarizeTransactions } from './summarize-transactions.ts';
export type { CustomerSummary, SummarizeOptions, TransactionColumns } from './summarize-transactions.ts';
export { epochDay, isoDate } from './epoch-day.ts';
export { prepareBgNbdData, bgNbdLogLikelihood } from './bg-nbd-likelihood.ts';
export { fitBgNbd, BG_NBD_MIN_CUSTOMERS, BG_NBD_MIN_REPEAT_CUSTOMERS } from './bg-nbd-fit.ts';
export { probabilityAlive, expectedPurchases, conditionalExpectedPurchases, expectedPurchasesIfAlive, probabilityOfPurchases } from './bg-nbd-predict.ts';
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
