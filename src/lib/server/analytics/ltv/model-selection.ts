// Which purchase model predicts a company's customers best, decided the way lifetimes'
// calibration_and_holdout_data sets it up: hold the last weeks of the history out, fit
// every candidate on the purchases before them (the calibration period), predict each
// calibration customer's holdout, and compare with what they did. The best model is
// refitted on the whole history and predicts (the others are fitted there too, for the
// record: whole-history-fits.ts). Customers first seen in the holdout are not
// scored (they have no calibration history), as in lifetimes.
//
// The split: the holdout is the last third of the history (first purchase to the
// observation end) in whole weeks, at most 52 weeks; the calibration period keeps the
// rest, so the fits that are compared see most of the data, and a year of holdout
// already spans every season. A history under 26 weeks is too short to split (a holdout
// of 8 weeks or less says little about a 12-month forecast); so is one whose calibration
// period is too small to fit the models or whose holdout has under 30 purchases by
// calibration customers. Then the models are compared by their log-likelihood on the
// whole history instead: both have four parameters, so that is also their AIC order.
//
// The measure that chooses: the Brier score of "buys again within the holdout", the mean
// over customers of (P(purchase in the holdout) − [bought in it])². That is what P(alive)
// is used for (active customers, segments by P(alive)), and where the models differ: a
// BG/NBD customer without a repeat purchase is alive for sure, an MBG/NBD one may be gone.
// Errors in the number of purchases are reported beside it, not used: the squared error
// is dominated by the few heaviest buyers, the absolute error is smallest for whichever
// model predicts less (the median count is 0 for most customers; on 50,000 customers
// simulated from a BG/NBD it preferred the MBG/NBD). The Brier score chose the generating
// model in such simulations of either model (model-selection.spec.ts).
//
// A tie: BG/NBD explains a silent one-time buyer by a low purchase rate, MBG/NBD by
// dropout, and on many histories their scores differ by less than chance. When the
// difference is within TIE_Z standard errors (paired over the same customers), the model
// in which one-time buyers can drop out is used: BG/NBD's P(alive) = 1 for every one-time
// buyer is then an assumption the data did not confirm.

import type { BgNbdFitOptions } from './bg-nbd-fit.ts';
import { isoDate } from './epoch-day.ts';
import { PURCHASE_MODEL_NAMES, PURCHASE_MODELS, type PurchaseModelName } from './purchase-models.ts';
import { compressPatterns, type RfmPatterns } from './rfm-patterns.ts';
import { periodEndDay, summarizeTransactions, type CustomerSummary, type TransactionColumns } from './summarize-transactions.ts';
import type { BgNbdParams, FitReport } from './types.ts';

export interface ModelSelectionOptions {
	/** Models to choose from (default: all of PURCHASE_MODEL_NAMES, in that order, which also breaks exact ties). */
	candidates?: readonly PurchaseModelName[];
	/** Share of the history held out (default 1/3), rounded to whole weeks. */
	holdoutShare?: number;
	/** Longest holdout in days (default 364: 52 weeks). */
	maxHoldoutDays?: number;
	/** Shortest history (first purchase to observation end, days) that is split (default 182: 26 weeks). */
	minHistoryDays?: number;
	/** Fewest holdout purchases by calibration customers to judge the models on (default 30). */
	minHoldoutPurchases?: number;
	/** Passed to every fit (minimum customers, starting points). */
	fit?: BgNbdFitOptions;
}

export const HOLDOUT_SHARE = 1 / 3;
export const MAX_HOLDOUT_DAYS = 364;
export const MIN_HISTORY_DAYS = 182;
export const MIN_HOLDOUT_PURCHASES = 30;
/** Scores closer than this many standard errors of their paired difference are a tie. */
export const TIE_Z = 2;

/** holdout: by holdout score; likelihood: by log-likelihood on the whole history; only_candidate: one model could be fitted; none: no model could. */
export type SelectionMethod = 'holdout' | 'likelihood' | 'only_candidate' | 'none';
/** Why the choice was not made on a holdout. */
export type FallbackReason = 'history_too_short' | 'calibration_fit_failed' | 'too_few_holdout_purchases';

export interface HoldoutSplit {
	/** First purchase of any customer: the start of the calibration period. */
	firstPurchaseDay: number;
	/** Last day of the calibration period; the holdout is the days after it up to the observation end. */
	calibrationEndDay: number;
	observationEndDay: number;
	holdoutDays: number;
}

export interface HoldoutScore {
	/** Calibration customers scored (everyone with a purchase up to the calibration end). */
	customers: number;
	/** Of them, how many bought in the holdout, and the sum of their predicted probabilities of it. */
	actualReturners: number;
	predictedReturners: number;
	/** Mean of (P(purchase in the holdout) − [bought in it])²: the choosing measure. */
	brier: number;
	/** Purchase periods of those customers in the holdout, and the model's expectation of them. */
	actualPurchases: number;
	predictedPurchases: number;
	/** Mean over customers of |predicted − actual| purchases in the holdout. */
	mae: number;
	/** Root mean square of predicted − actual purchases. */
	rmse: number;
	/** (predicted − actual) / actual purchases over all scored customers together. */
	totalError: number;
	/** This model's Brier score minus the best one, and the standard error of that paired difference (null for the best). */
	brierGapToBest: number | null;
	brierGapStandardError: number | null;
}

export interface CandidateResult {
	model: PurchaseModelName;
	/** Fit on the calibration period (null when there was no split). */
	calibrationFit: FitReport<BgNbdParams> | null;
	holdout: HoldoutScore | null;
	/**
	 * Fit on the whole history. The choice makes the chosen model's (and those of the ranked
	 * models before it that failed there), or every candidate's when it compares likelihoods;
	 * fitEveryCandidateOnWholeHistory (whole-history-fits.ts) adds the others'.
	 */
	fullFit: FitReport<BgNbdParams> | null;
	/** 1 = chosen; by holdout score or likelihood; null when not ranked. */
	rank: number | null;
}

export interface ModelSelection {
	method: SelectionMethod;
	chosen: PurchaseModelName | null;
	fallbackReason: FallbackReason | null;
	/** The holdout scores were within TIE_Z standard errors, and the model that lets one-time buyers drop out was used. */
	tieBroken: boolean;
	/** How the choice was made, in words (English; pages word it themselves from the fields). */
	note: string;
	/** The split used, or the one tried before falling back (null when the history was too short to try). */
	split: HoldoutSplit | null;
	candidates: CandidateResult[];
}

/** The holdout split of a history, or why there is none. */
export function planHoldoutSplit(
	firstPurchaseDay: number,
	observationEndDay: number,
	periodDays: number,
	options: ModelSelectionOptions = {}
): { split: HoldoutSplit } | { split: null; reason: string } {
	const minHistoryDays = options.minHistoryDays ?? MIN_HISTORY_DAYS;
	const historyDays = observationEndDay - firstPurchaseDay;
	if (historyDays < minHistoryDays) {
		return { split: null, reason: `the history of ${weeks(historyDays)} weeks is shorter than the ${weeks(minHistoryDays)} weeks a holdout split needs` };
	}
	const share = options.holdoutShare ?? HOLDOUT_SHARE;
	const holdoutWeeks = Math.max(1, Math.min(Math.round((historyDays * share) / 7), Math.floor((options.maxHoldoutDays ?? MAX_HOLDOUT_DAYS) / 7)));
	// The calibration end closes a purchase period, so no period straddles the two parts.
	const calibrationEndDay = periodEndDay(observationEndDay - holdoutWeeks * 7, periodDays);
	return { split: { firstPurchaseDay, calibrationEndDay, observationEndDay, holdoutDays: observationEndDay - calibrationEndDay } };
}

const weeks = (days: number) => Math.round((days / 7) * 10) / 10;
const figure = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const precise = (value: number) => value.toPrecision(2);
const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;

/**
 * Scores a fitted model on the holdout: per pattern the probability of buying in the
 * holdout and the expected purchases, against each customer's actual count. `brier`, if
 * given, receives each customer's squared error of the probability.
 */
export function scoreHoldout(
	model: PurchaseModelName,
	params: BgNbdParams,
	patterns: RfmPatterns,
	actual: ArrayLike<number>,
	holdoutUnits: number,
	brier?: Float64Array
): HoldoutScore {
	const spec = PURCHASE_MODELS[model];
	const { data, patternOf } = patterns;
	const buys = new Float64Array(data.n);
	const purchases = new Float64Array(data.n);
	for (let k = 0; k < data.n; k++) {
		const alive = spec.probabilityAlive(params, data.x[k], data.tx[k], data.T[k]);
		buys[k] = alive * spec.probabilityOfPurchaseIfAlive(params, holdoutUnits, data.x[k], data.T[k]);
		purchases[k] = alive * spec.expectedPurchasesIfAlive(params, holdoutUnits, data.x[k], data.T[k]);
	}
	let squaredProbability = 0;
	let returners = 0;
	let predictedReturners = 0;
	let absolute = 0;
	let squared = 0;
	let actualTotal = 0;
	let predictedTotal = 0;
	for (let i = 0; i < patternOf.length; i++) {
		const k = patternOf[i];
		const bought = actual[i] > 0 ? 1 : 0;
		const miss = (buys[k] - bought) ** 2;
		if (brier) brier[i] = miss;
		squaredProbability += miss;
		returners += bought;
		predictedReturners += buys[k];
		const error = purchases[k] - actual[i];
		absolute += Math.abs(error);
		squared += error * error;
		actualTotal += actual[i];
		predictedTotal += purchases[k];
	}
	const customers = patternOf.length;
	const mean = (sum: number) => (customers > 0 ? sum / customers : Number.NaN);
	return {
		customers,
		actualReturners: returners,
		predictedReturners,
		brier: mean(squaredProbability),
		actualPurchases: actualTotal,
		predictedPurchases: predictedTotal,
		mae: mean(absolute),
		rmse: Math.sqrt(mean(squared)),
		totalError: actualTotal > 0 ? (predictedTotal - actualTotal) / actualTotal : Number.NaN,
		brierGapToBest: null,
		brierGapStandardError: null
	};
}

/** Mean of values − reference per customer and its standard error (paired: the same customers, the same holdout). */
function pairedGap(values: Float64Array, reference: Float64Array): { gap: number; standardError: number } {
	const n = values.length;
	let mean = 0;
	for (let i = 0; i < n; i++) mean += (values[i] - reference[i]) / n;
	let squares = 0;
	for (let i = 0; i < n; i++) squares += (values[i] - reference[i] - mean) ** 2;
	return { gap: mean, standardError: n > 1 ? Math.sqrt(squares / (n - 1) / n) : Number.NaN };
}

/** Holdout purchase periods of each calibration customer: periods up to the end minus periods up to the calibration end. */
function holdoutPurchases(calibration: CustomerSummary, full: CustomerSummary): Float64Array {
	const fullIndex = new Map<string | number, number>();
	full.ids.forEach((id, j) => fullIndex.set(id, j));
	const actual = new Float64Array(calibration.ids.length);
	for (let i = 0; i < calibration.ids.length; i++) {
		const j = fullIndex.get(calibration.ids[i]);
		if (j === undefined) throw new Error(`customer ${calibration.ids[i]} of the calibration period is missing from the whole history`);
		actual[i] = full.frequency[j] - calibration.frequency[i];
	}
	return actual;
}

/**
 * Chooses the purchase model for the customers of `full` (the summary of `transactions`
 * up to its observation end; `fullPatterns` its patterns). The chosen model's fit on
 * the whole history is its candidate's `fullFit`.
 */
export function selectPurchaseModel(
	transactions: TransactionColumns,
	full: CustomerSummary,
	fullPatterns: RfmPatterns,
	options: ModelSelectionOptions = {}
): ModelSelection {
	const candidates: CandidateResult[] = (options.candidates ?? PURCHASE_MODEL_NAMES).map((model) => ({
		model,
		calibrationFit: null,
		holdout: null,
		fullFit: null,
		rank: null
	}));
	const { periodDays, timeUnitDays, observationEndDay } = full;
	let firstPurchaseDay = Number.POSITIVE_INFINITY;
	for (let i = 0; i < full.firstPurchaseDay.length; i++) firstPurchaseDay = Math.min(firstPurchaseDay, full.firstPurchaseDay[i]);
	const plan = Number.isFinite(firstPurchaseDay)
		? planHoldoutSplit(firstPurchaseDay, observationEndDay, periodDays, options)
		: { split: null, reason: 'there are no purchases' };
	if (!plan.split) return byLikelihood(candidates, fullPatterns, options, null, 'history_too_short', plan.reason);

	const { split } = plan;
	const calibration = summarizeTransactions(transactions, { observationEnd: split.calibrationEndDay, periodDays, timeUnitDays });
	const calibrationPatterns = compressPatterns(calibration, periodDays / timeUnitDays);
	for (const candidate of candidates) candidate.calibrationFit = PURCHASE_MODELS[candidate.model].fit(calibrationPatterns.data, options.fit);
	const fitted = candidates.filter((c) => c.calibrationFit!.status === 'ok');
	if (fitted.length < Math.min(2, candidates.length)) {
		const failures = candidates.filter((c) => c.calibrationFit!.status !== 'ok').map((c) => `${PURCHASE_MODELS[c.model].label}: ${c.calibrationFit!.message}`);
		return byLikelihood(candidates, fullPatterns, options, split, 'calibration_fit_failed', `on the calibration period up to ${isoDate(split.calibrationEndDay)} ${failures.join('; ')}`);
	}
	const actual = holdoutPurchases(calibration, full);
	let actualTotal = 0;
	for (let i = 0; i < actual.length; i++) actualTotal += actual[i];
	const minHoldoutPurchases = options.minHoldoutPurchases ?? MIN_HOLDOUT_PURCHASES;
	if (actualTotal < minHoldoutPurchases) {
		return byLikelihood(candidates, fullPatterns, options, split, 'too_few_holdout_purchases',
			`the calibration customers made ${actualTotal} purchases in the ${weeks(split.holdoutDays)} holdout weeks, fewer than the ${minHoldoutPurchases} needed to compare the models`);
	}

	const holdoutUnits = split.holdoutDays / timeUnitDays;
	const misses = new Map<PurchaseModelName, Float64Array>();
	for (const candidate of fitted) {
		const brier = new Float64Array(actual.length);
		candidate.holdout = scoreHoldout(candidate.model, candidate.calibrationFit!.params!, calibrationPatterns, actual, holdoutUnits, brier);
		misses.set(candidate.model, brier);
	}
	const byScore = [...fitted].sort((p, q) => p.holdout!.brier - q.holdout!.brier);
	const best = byScore[0];
	for (const candidate of byScore.slice(1)) {
		const { gap, standardError } = pairedGap(misses.get(candidate.model)!, misses.get(best.model)!);
		candidate.holdout!.brierGapToBest = gap;
		candidate.holdout!.brierGapStandardError = standardError;
	}
	const tied = byScore.filter((c) => c === best || c.holdout!.brierGapToBest! <= TIE_Z * c.holdout!.brierGapStandardError!);
	const preferred = PURCHASE_MODELS[best.model].oneTimeBuyersCanDrop ? best : (tied.find((c) => PURCHASE_MODELS[c.model].oneTimeBuyersCanDrop) ?? best);
	const ranked = [preferred, ...byScore.filter((c) => c !== preferred)];
	ranked.forEach((candidate, i) => (candidate.rank = i + 1));

	const scores = byScore
		.map((c) => `${PURCHASE_MODELS[c.model].label} ${c.holdout!.brier.toFixed(4)} (purchases: mean absolute error ${figure(c.holdout!.mae)} per customer, total ${percent(c.holdout!.totalError)})`)
		.join(', ');
	const returners = `${figure(best.holdout!.actualReturners)} of them bought again`;
	const setting = `holdout of the last ${weeks(split.holdoutDays)} weeks (after ${isoDate(split.calibrationEndDay)}): ${figure(best.holdout!.customers)} calibration customers, ${returners}, ${figure(actualTotal)} purchases; Brier score of buying again: ${scores}`;
	const tie =
		preferred !== best
			? `; ${PURCHASE_MODELS[best.model].label} scores better by ${precise(preferred.holdout!.brierGapToBest!)}, within ${TIE_Z} standard errors (${precise(preferred.holdout!.brierGapStandardError!)}), so the holdout cannot tell them apart and the model in which one-time buyers can drop out is used`
			: '';
	// The first of the ranking whose fit on the whole history succeeds predicts.
	const skipped: string[] = [];
	for (const candidate of ranked) {
		candidate.fullFit = PURCHASE_MODELS[candidate.model].fit(fullPatterns.data, options.fit);
		if (candidate.fullFit.status === 'ok') {
			const tieBroken = candidate === preferred && preferred !== best;
			const note = `${PURCHASE_MODELS[candidate.model].label} chosen by the ${setting}${tieBroken ? tie : ''}${skipped.length ? `; ${skipped.join('; ')}` : ''}`;
			return { method: 'holdout', chosen: candidate.model, fallbackReason: null, tieBroken, note, split, candidates };
		}
		skipped.push(`${PURCHASE_MODELS[candidate.model].label} was not used: on the whole history ${candidate.fullFit.message}`);
	}
	return { method: 'none', chosen: null, fallbackReason: null, tieBroken: false, note: `No model predicts: ${skipped.join('; ')} (${setting})`, split, candidates };
}

/** The fallback: every candidate fitted on the whole history, the highest log-likelihood chosen. */
function byLikelihood(
	candidates: CandidateResult[],
	fullPatterns: RfmPatterns,
	options: ModelSelectionOptions,
	split: HoldoutSplit | null,
	reason: FallbackReason,
	why: string
): ModelSelection {
	for (const candidate of candidates) candidate.fullFit = PURCHASE_MODELS[candidate.model].fit(fullPatterns.data, options.fit);
	const fitted = candidates.filter((c) => c.fullFit!.status === 'ok').sort((p, q) => q.fullFit!.logLikelihood! - p.fullFit!.logLikelihood!);
	fitted.forEach((candidate, i) => (candidate.rank = i + 1));
	const noHoldout = `No holdout comparison: ${why}.`;
	const base = { fallbackReason: reason, tieBroken: false, split, candidates };
	if (fitted.length === 0) {
		const failures = candidates.map((c) => `${PURCHASE_MODELS[c.model].label}: ${c.fullFit!.message}`).join('; ');
		return { ...base, method: 'none', chosen: null, note: `${noHoldout} No model could be fitted on the whole history (${failures}).` };
	}
	const chosen = fitted[0];
	const label = PURCHASE_MODELS[chosen.model].label;
	if (fitted.length === 1) {
		return { ...base, method: 'only_candidate', chosen: chosen.model, note: `${noHoldout} ${label} is the only model that could be fitted on the whole history.` };
	}
	const scores = fitted.map((c) => `${PURCHASE_MODELS[c.model].label} ${c.fullFit!.logLikelihood!.toFixed(2)}`).join(', ');
	return {
		...base,
		method: 'likelihood',
		chosen: chosen.model,
		note: `${noHoldout} ${label} chosen by the log-likelihood on the whole history (equal parameter counts, so also by AIC): ${scores}.`
	};
}
