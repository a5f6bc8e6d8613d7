// Rows of the ltv_model_params mart (grain: model x parameter) from a customerLtv result.

import type { CustomerLtvResult } from './customer-ltv.ts';
import type { FitStatus } from './types.ts';

export interface LtvModelParamRow {
	model: 'bg_nbd' | 'gamma_gamma';
	/** r, alpha, a, b | p, q, v, and log_likelihood for both; frequency_monetary_correlation for gamma_gamma. */
	parameter: string;
	value: number | null;
	standardError: number | null;
	status: FitStatus;
	/** Customers in the fit (BG/NBD: all; Gamma-Gamma: repeat customers with positive spend). */
	observations: number;
	message: string;
}

function finiteOrNull(value: number | null | undefined): number | null {
	return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

export function ltvModelParamRows(result: CustomerLtvResult): LtvModelParamRow[] {
	const rows: LtvModelParamRow[] = [];
	const { bgNbd, gammaGamma } = result;
	const base = (model: LtvModelParamRow['model'], fit: typeof bgNbd | typeof gammaGamma) => ({
		model,
		status: fit.status,
		observations: fit.observations,
		message: fit.message
	});
	for (const name of ['r', 'alpha', 'a', 'b'] as const) {
		rows.push({ ...base('bg_nbd', bgNbd), parameter: name, value: finiteOrNull(bgNbd.params?.[name]), standardError: finiteOrNull(bgNbd.standardErrors?.[name]) });
	}
	rows.push({ ...base('bg_nbd', bgNbd), parameter: 'log_likelihood', value: finiteOrNull(bgNbd.logLikelihood), standardError: null });
	for (const name of ['p', 'q', 'v'] as const) {
		rows.push({ ...base('gamma_gamma', gammaGamma), parameter: name, value: finiteOrNull(gammaGamma.params?.[name]), standardError: finiteOrNull(gammaGamma.standardErrors?.[name]) });
	}
	rows.push({ ...base('gamma_gamma', gammaGamma), parameter: 'log_likelihood', value: finiteOrNull(gammaGamma.logLikelihood), standardError: null });
	rows.push({ ...base('gamma_gamma', gammaGamma), parameter: 'frequency_monetary_correlation', value: finiteOrNull(gammaGamma.frequencyMonetaryCorrelation), standardError: null });
	return rows;
}
