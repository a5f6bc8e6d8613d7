// Rows of the ltv_model_params mart (grain: model x parameter) and of ltv_model_selection
// (grain: candidate purchase model) from a customerLtv result.

import type { CustomerLtvResult } from './customer-ltv.ts';
import type { FallbackReason, SelectionMethod } from './model-selection.ts';
import { PURCHASE_MODELS, type PurchaseModelName } from './purchase-models.ts';
import type { FitReport, FitStatus } from './types.ts';

export interface LtvModelParamRow {
	model: PurchaseModelName | 'gamma_gamma';
	/**
	 * customer_ltv predicts with this fit: the chosen purchase model's rows, and Gamma-Gamma's
	 * (the one spend model) when it was fitted; false on the other candidates' rows.
	 */
	chosen: boolean;
	/** r, alpha, a, b | p, q, v, and log_likelihood for both; frequency_monetary_correlation for gamma_gamma. */
	parameter: string;
	value: number | null;
	standardError: number | null;
	status: FitStatus;
	/** Customers in the fit (purchase model: all; Gamma-Gamma: customers with positive spend). */
	observations: number;
	message: string;
}

function finiteOrNull(value: number | null | undefined): number | null {
	return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/**
 * Every candidate purchase model fitted on the whole history (a failed fit with its status
 * and message, so the mart says why), the chosen one marked, and the Gamma-Gamma.
 */
export function ltvModelParamRows(result: Pick<CustomerLtvResult, 'selection' | 'gammaGamma'>): LtvModelParamRow[] {
	const rows: LtvModelParamRow[] = [];
	const { selection, gammaGamma } = result;
	const base = (model: LtvModelParamRow['model'], chosen: boolean, fit: FitReport<unknown>) => ({
		model,
		chosen,
		status: fit.status,
		observations: fit.observations,
		message: fit.message
	});
	for (const { model, fullFit } of selection.candidates) {
		if (!fullFit) throw new Error(`${PURCHASE_MODELS[model].label} has no fit on the whole history (fitEveryCandidateOnWholeHistory was not run)`);
		const fit = base(model, model === selection.chosen, fullFit);
		for (const name of ['r', 'alpha', 'a', 'b'] as const) {
			rows.push({ ...fit, parameter: name, value: finiteOrNull(fullFit.params?.[name]), standardError: finiteOrNull(fullFit.standardErrors?.[name]) });
		}
		rows.push({ ...fit, parameter: 'log_likelihood', value: finiteOrNull(fullFit.logLikelihood), standardError: null });
	}
	const spend = base('gamma_gamma', gammaGamma.status === 'ok', gammaGamma);
	for (const name of ['p', 'q', 'v'] as const) {
		rows.push({ ...spend, parameter: name, value: finiteOrNull(gammaGamma.params?.[name]), standardError: finiteOrNull(gammaGamma.standardErrors?.[name]) });
	}
	rows.push({ ...spend, parameter: 'log_likelihood', value: finiteOrNull(gammaGamma.logLikelihood), standardError: null });
	rows.push({ ...spend, parameter: 'frequency_monetary_correlation', value: finiteOrNull(gammaGamma.frequencyMonetaryCorrelation), standardError: null });
	return rows;
}

export interface LtvModelSelectionRow {
	model: PurchaseModelName;
	modelName: string;
	oneTimeBuyersCanDrop: boolean;
	chosen: boolean;
	rank: number | null;
	selectionMethod: SelectionMethod;
	fallbackReason: FallbackReason | null;
	holdoutTie: boolean;
	selectionNote: string;
	/** Day numbers; null without a split. */
	calibrationStartDay: number | null;
	calibrationEndDay: number | null;
	holdoutWeeks: number | null;
	calibrationCustomers: number | null;
	calibrationStatus: FitStatus | null;
	calibrationMessage: string | null;
	holdoutActualReturners: number | null;
	holdoutPredictedReturners: number | null;
	holdoutBrier: number | null;
	holdoutActualPurchases: number | null;
	holdoutPredictedPurchases: number | null;
	holdoutRmse: number | null;
	holdoutMae: number | null;
	holdoutTotalError: number | null;
	/** On the whole history, when the model was fitted on it. */
	logLikelihood: number | null;
}

export function ltvModelSelectionRows(result: Pick<CustomerLtvResult, 'selection'>): LtvModelSelectionRow[] {
	const { selection } = result;
	const { split } = selection;
	return selection.candidates.map((candidate) => ({
		model: candidate.model,
		modelName: PURCHASE_MODELS[candidate.model].label,
		oneTimeBuyersCanDrop: PURCHASE_MODELS[candidate.model].oneTimeBuyersCanDrop,
		chosen: candidate.model === selection.chosen,
		rank: candidate.rank,
		selectionMethod: selection.method,
		fallbackReason: selection.fallbackReason,
		holdoutTie: selection.tieBroken,
		selectionNote: selection.note,
		calibrationStartDay: split?.firstPurchaseDay ?? null,
		calibrationEndDay: split?.calibrationEndDay ?? null,
		holdoutWeeks: split ? split.holdoutDays / 7 : null,
		calibrationCustomers: candidate.calibrationFit?.observations ?? null,
		calibrationStatus: candidate.calibrationFit?.status ?? null,
		calibrationMessage: candidate.calibrationFit?.message ?? null,
		holdoutActualReturners: candidate.holdout?.actualReturners ?? null,
		holdoutPredictedReturners: finiteOrNull(candidate.holdout?.predictedReturners),
		holdoutBrier: finiteOrNull(candidate.holdout?.brier),
		holdoutActualPurchases: candidate.holdout?.actualPurchases ?? null,
		holdoutPredictedPurchases: finiteOrNull(candidate.holdout?.predictedPurchases),
		holdoutRmse: finiteOrNull(candidate.holdout?.rmse),
		holdoutMae: finiteOrNull(candidate.holdout?.mae),
		holdoutTotalError: finiteOrNull(candidate.holdout?.totalError),
		logLikelihood: finiteOrNull(candidate.fullFit?.logLikelihood)
	}));
}
