// The ltv_model_params mart: every candidate purchase model fitted on the whole history,
// the one customer_ltv predicts with marked `chosen`, and the Gamma-Gamma spend model.

import type { ModelContext } from '../../transform/index.ts';
import { isoDate, ltvModelParamRows } from '../ltv/index.ts';
import { ltvFitsFor } from './customer-ltv-model.ts';
import { LTV_TIME_UNIT_DAYS } from './settings.ts';

export const LTV_MODEL_PARAMS_COLUMNS = {
	model: 'VARCHAR',
	chosen: 'BOOLEAN',
	parameter: 'VARCHAR',
	value: 'DOUBLE',
	standard_error: 'DOUBLE',
	status: 'VARCHAR',
	observations: 'INTEGER',
	message: 'VARCHAR',
	time_unit_days: 'INTEGER',
	observation_end: 'DATE'
} as const;

export async function buildLtvModelParams(ctx: ModelContext): Promise<void> {
	const fits = await ltvFitsFor(ctx);
	if (!fits) {
		await ctx.createTable(LTV_MODEL_PARAMS_COLUMNS, []);
		return;
	}
	const observationEnd = isoDate(fits.settings.observationEndDay);
	const rows = ltvModelParamRows(fits).map((row) => ({
		model: row.model,
		chosen: row.chosen,
		parameter: row.parameter,
		value: row.value,
		standard_error: row.standardError,
		status: row.status,
		observations: row.observations,
		message: row.message,
		time_unit_days: LTV_TIME_UNIT_DAYS,
		observation_end: observationEnd
	}));
	await ctx.createTable(LTV_MODEL_PARAMS_COLUMNS, rows);
}
