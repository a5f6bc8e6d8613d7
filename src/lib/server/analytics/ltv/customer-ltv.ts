// Everything the customer_ltv and ltv_model_params marts need, from per-customer
// transactions: the lifetimes-style summary, the BG/NBD and Gamma-Gamma fits, and per
// customer P(alive), expected purchases and discounted value over the horizon, the
// typical interval between orders and the expected next-order day.
//
// For speed the BG/NBD is fitted on distinct (x, t_x, T) patterns with counts as
// weights (Fader & Hardie's own practice; the likelihood is identical); with daily
// periods a million customers collapse to far fewer patterns.

import { fitBgNbd, type BgNbdFitOptions } from './bg-nbd-fit.ts';
import { prepareBgNbdData } from './bg-nbd-likelihood.ts';
import { DAYS_PER_MONTH, expectedNextOrderDay, forecastPurchases, typicalIntervalDays } from './clv.ts';
import { conditionalExpectedAverageValue, fitGammaGamma, frequencyMonetaryCorrelation, prepareGammaGammaData } from './gamma-gamma.ts';
import { summarizeTransactions, type CustomerSummary, type SummarizeOptions, type TransactionColumns } from './summarize-transactions.ts';
import type { BgNbdParams, FitReport, GammaGammaParams } from './types.ts';

export interface LtvModelOptions {
	/** Months ahead for expected purchases and value (default 12). */
	horizonMonths?: number;
	/** Monthly discount rate (default 0.01). */
	monthlyDiscountRate?: number;
	bgNbd?: BgNbdFitOptions;
	/** Minimum repeat customers with positive spend for the Gamma-Gamma fit (default 30). */
	minGammaGammaCustomers?: number;
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
	bgNbd: FitReport<BgNbdParams> & { patterns: number };
	gammaGamma: FitReport<GammaGammaParams> & { excludedNonPositive: number; frequencyMonetaryCorrelation: number };
	settings: { horizonMonths: number; monthlyDiscountRate: number; timeUnitDays: number; periodDays: number; observationEndDay: number };
	/** Patterns whose forecast could not be computed (their customers get NaN), first 10 with the reason. */
	forecastFailures: { count: number; examples: string[] };
	timingsMs: { summarize: number; fitBgNbd: number; fitGammaGamma: number; predict: number };
}

/** Transactions -> summary -> fits -> per-customer predictions. */
export function customerLtv(transactions: TransactionColumns, options: CustomerLtvOptions): CustomerLtvResult {
	const started = performance.now();
	const summary = summarizeTransactions(transactions, options);
	const summarizeMs = performance.now() - started;
	const result = customerLtvFromSummary(summary, options);
	result.timingsMs.summarize = summarizeMs;
	return result;
}

/**
 * Distinct (x, t_x, T) patterns with counts, and each customer's pattern. Keys are whole
 * period counts, so exact; a summary whose times are not whole periods (made
 * elsewhere) is used uncompressed.
 */
function compressPatterns(summary: CustomerSummary, unitsPerPeriod: number) {
	const { frequency, recency, T } = summary;
	const n = frequency.length;
	const patternOf = new Int32Array(n);
	let maxPeriods = 0;
	for (let i = 0; i < n; i++) {
		const periods = T[i] / unitsPerPeriod;
		const recencyPeriods = recency[i] / unitsPerPeriod;
		if (Math.abs(periods - Math.round(periods)) > 1e-6 || Math.abs(recencyPeriods - Math.round(recencyPeriods)) > 1e-6) {
			for (let j = 0; j < n; j++) patternOf[j] = j;
			return { data: prepareBgNbdData(frequency, recency, T), patternOf };
		}
		maxPeriods = Math.max(maxPeriods, Math.round(periods));
	}
	const span = maxPeriods + 1;
	const indexOf = new Map<number, number>();
	const x: number[] = [];
	const tx: number[] = [];
	const age: number[] = [];
	const weight: number[] = [];
	for (let i = 0; i < n; i++) {
		const key = (frequency[i] * span + Math.round(recency[i] / unitsPerPeriod)) * span + Math.round(T[i] / unitsPerPeriod);
		const k = indexOf.get(key);
		if (k === undefined) {
			patternOf[i] = x.length;
			indexOf.set(key, x.length);
			x.push(frequency[i]);
			tx.push(recency[i]);
			age.push(T[i]);
			weight.push(1);
		} else {
			patternOf[i] = k;
			weight[k]++;
		}
	}
	return { data: prepareBgNbdData(x, tx, age, weight), patternOf };
}

/** The same from a summary already made (summarizeTransactions' output, or one built to its rules). */
export function customerLtvFromSummary(summary: CustomerSummary, options: LtvModelOptions = {}): CustomerLtvResult {
	const horizonMonths = options.horizonMonths ?? 12;
	const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
	const { periodDays, timeUnitDays } = summary;
	const n = summary.frequency.length;

	let mark = performance.now();
	const { data: patterns, patternOf } = compressPatterns(summary, periodDays / timeUnitDays);
	const bg = fitBgNbd(patterns, options.bgNbd);
	const fitBgMs = performance.now() - mark;

	mark = performance.now();
	const ggData = prepareGammaGammaData(summary.frequency, summary.monetaryValue);
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
	const bgParams = bg.status === 'ok' ? bg.params : null;
	const ggParams = gg.status === 'ok' ? gg.params : null;
	const clvOptions = { horizonMonths, monthlyDiscountRate, timeUnitsPerMonth: DAYS_PER_MONTH / timeUnitDays };
	// Purchase forecasts depend on the (x, t_x, T) pattern only: once per pattern.
	const forecastFailures: string[] = [];
	const patternAlive = new Float64Array(patterns.n);
	const patternPurchases = new Float64Array(patterns.n);
	const patternDiscounted = new Float64Array(patterns.n);
	if (bgParams) {
		for (let k = 0; k < patterns.n; k++) {
			try {
				const forecast = forecastPurchases(bgParams, patterns.x[k], patterns.tx[k], patterns.T[k], clvOptions);
				patternAlive[k] = forecast.pAlive;
				patternPurchases[k] = forecast.expectedPurchases;
				patternDiscounted[k] = forecast.discountedPurchases;
			} catch (error) {
				// Only a hypergeometric series that cannot converge (alpha tiny against the horizon) lands here:
				// leave that pattern without a forecast rather than lose the whole mart.
				patternAlive[k] = patternPurchases[k] = patternDiscounted[k] = Number.NaN;
				forecastFailures.push(`x=${patterns.x[k]}, t_x=${patterns.tx[k]}, T=${patterns.T[k]}: ${(error as Error).message}`);
			}
		}
	}
	for (let i = 0; i < n; i++) {
		const x = summary.frequency[i];
		const m = summary.monetaryValue[i];
		interval[i] = typicalIntervalDays(x, summary.firstPurchaseDay[i], summary.lastPurchaseDay[i]);
		nextOrderDay[i] = expectedNextOrderDay(summary.lastPurchaseDay[i], interval[i]);
		// A repeat customer whose repeat purchases sum to <= 0 (returns) was left out of the fit; no estimate for them.
		if (ggParams && (x === 0 || m > 0)) expectedAverageValue[i] = conditionalExpectedAverageValue(ggParams, x, m);
		if (bgParams) {
			const k = patternOf[i];
			pAlive[i] = patternAlive[k];
			expectedPurchases[i] = patternPurchases[k];
			predictedValue[i] = patternDiscounted[k] * expectedAverageValue[i];
		}
	}
	const predictMs = performance.now() - mark;

	return {
		customers: { ...summary, pAlive, expectedPurchases, expectedAverageValue, predictedValue, typicalIntervalDays: interval, nextOrderDay },
		bgNbd: { ...bg, patterns: patterns.n },
		gammaGamma: { ...gg, excludedNonPositive: ggData.excludedNonPositive, frequencyMonetaryCorrelation: correlation },
		settings: { horizonMonths, monthlyDiscountRate, timeUnitDays, periodDays, observationEndDay: summary.observationEndDay },
		forecastFailures: { count: forecastFailures.length, examples: forecastFailures.slice(0, 10) },
		timingsMs: { summarize: 0, fitBgNbd: fitBgMs, fitGammaGamma: fitGgMs, predict: predictMs }
	};
}
