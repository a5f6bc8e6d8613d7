// The ltv_model_selection mart: every candidate purchase model with its holdout error, and
// which one customer_ltv predicts with and why (model-selection.ts in the LTV library).

import type { ModelContext } from '../../transform/index.ts';
import { isoDate, ltvModelSelectionRows } from '../ltv/index.ts';
import { choiceSummary } from './choice-summary.ts';
import { ltvFitsFor } from './customer-ltv-model.ts';

export const LTV_MODEL_SELECTION_COLUMNS = {
	model: 'VARCHAR',
	model_name: 'VARCHAR',
	one_time_buyers_can_drop: 'BOOLEAN',
	chosen: 'BOOLEAN',
	rank: 'INTEGER',
	selection_method: 'VARCHAR',
	fallback_reason: 'VARCHAR',
	holdout_tie: 'BOOLEAN',
	selection_note: 'VARCHAR',
	choice_summary_ru: 'VARCHAR',
	choice_summary_en: 'VARCHAR',
	calibration_start: 'DATE',
	calibration_end: 'DATE',
	holdout_weeks: 'DOUBLE',
	calibration_customers: 'INTEGER',
	calibration_status: 'VARCHAR',
	calibration_message: 'VARCHAR',
	holdout_actual_returners: 'INTEGER',
	holdout_predicted_returners: 'DOUBLE',
	holdout_brier: 'DOUBLE',
	holdout_actual_purchases: 'DOUBLE',
	holdout_predicted_purchases: 'DOUBLE',
	holdout_rmse: 'DOUBLE',
	holdout_mae: 'DOUBLE',
	holdout_total_error: 'DOUBLE',
	log_likelihood: 'DOUBLE',
	observation_end: 'DATE'
} as const;

const date = (day: number | null) => (day === null ? null : isoDate(day));

export async function buildLtvModelSelection(ctx: ModelContext): Promise<void> {
	const fits = await ltvFitsFor(ctx);
	if (!fits) {
		await ctx.createTable(LTV_MODEL_SELECTION_COLUMNS, []);
		return;
	}
	const observationEnd = isoDate(fits.settings.observationEndDay);
	const selection = ltvModelSelectionRows(fits);
	const summary = { ru: choiceSummary(selection, 'ru'), en: choiceSummary(selection, 'en') };
	const rows = selection.map((row) => ({
		model: row.model,
		model_name: row.modelName,
		one_time_buyers_can_drop: row.oneTimeBuyersCanDrop,
		chosen: row.chosen,
		rank: row.rank,
		selection_method: row.selectionMethod,
		fallback_reason: row.fallbackReason,
		holdout_tie: row.holdoutTie,
		selection_note: row.selectionNote,
		choice_summary_ru: summary.ru,
		choice_summary_en: summary.en,
		calibration_start: date(row.calibrationStartDay),
		calibration_end: date(row.calibrationEndDay),
		holdout_weeks: row.holdoutWeeks,
		calibration_customers: row.calibrationCustomers,
		calibration_status: row.calibrationStatus,
		calibration_message: row.calibrationMessage,
		holdout_actual_returners: row.holdoutActualReturners,
		holdout_predicted_returners: row.holdoutPredictedReturners,
		holdout_brier: row.holdoutBrier,
		holdout_actual_purchases: row.holdoutActualPurchases,
		holdout_predicted_purchases: row.holdoutPredictedPurchases,
		holdout_rmse: row.holdoutRmse,
		holdout_mae: row.holdoutMae,
		holdout_total_error: row.holdoutTotalError,
		log_likelihood: row.logLikelihood,
		observation_end: observationEnd
	}));
	await ctx.createTable(LTV_MODEL_SELECTION_COLUMNS, rows);
}
