// The ltv_model_params mart: the BG/NBD and Gamma-Gamma fits behind customer_ltv.
// Built in the same build as customer_ltv, it takes that model's fits (fit-handoff.ts);
// otherwise it refits from the summary columns customer_ltv stored (frequency, recency,
// T, monetary value, exactly as fitted, in the same customer order): the same data
// through the same deterministic fit gives the same parameters.

import type { ModelContext } from '../../transform/index.ts';
import { customerLtvFromSummary, epochDay, isoDate, ltvModelParamRows, type CustomerSummary } from '../ltv/index.ts';
import { takeFits, type FitFingerprint } from './fit-handoff.ts';
import { dayNumberSql, readColumns } from '../mart-io/index.ts';
import { LTV_PERIOD_DAYS, LTV_TIME_UNIT_DAYS, readLtvSettings } from './settings.ts';

export const LTV_MODEL_PARAMS_COLUMNS = {
	model: 'VARCHAR',
	parameter: 'VARCHAR',
	value: 'DOUBLE',
	standard_error: 'DOUBLE',
	status: 'VARCHAR',
	observations: 'INTEGER',
	message: 'VARCHAR',
	time_unit_days: 'INTEGER',
	observation_end: 'DATE'
} as const;

/** The fingerprint of the data in customer_ltv (see fit-handoff.ts). */
async function storedFingerprint(ctx: ModelContext): Promise<FitFingerprint> {
	const [row] = await ctx.query<{ customers: number; end: string | null; frequency: number | null; t: number | null; monetary: number | null }>(
		`select count(*) as customers, max(observation_end)::varchar as "end", sum(frequency)::double as frequency,
			sum(t_weeks) as t, sum(monetary_value) as monetary
		from ${ctx.ref('customer_ltv')}`
	);
	return {
		customers: row.customers,
		observationEndDay: row.end ? epochDay(row.end) : Number.NaN,
		frequencySum: row.frequency ?? 0,
		tSum: row.t ?? 0,
		monetarySum: row.monetary ?? 0
	};
}

async function readSummary(ctx: ModelContext, observationEndDay: number): Promise<CustomerSummary> {
	const relation = ctx.ref('customer_ltv');
	const stored = await readColumns(
		ctx.connection,
		`select customer_id, frequency, recency_weeks, t_weeks, monetary_value,
			${dayNumberSql('first_purchase_on')},
			${dayNumberSql('last_purchase_on')},
			historical_revenue::double
		from ${relation}
		order by customer_id`,
		{ id: 'text', frequency: 'float', recency: 'float', T: 'float', monetaryValue: 'float', first: 'int', last: 'int', total: 'float' }
	);
	return {
		ids: stored.id,
		frequency: stored.frequency,
		recency: stored.recency,
		T: stored.T,
		monetaryValue: stored.monetaryValue,
		firstPurchaseDay: stored.first,
		lastPurchaseDay: stored.last,
		totalValue: stored.total,
		observationEndDay: Number.isNaN(observationEndDay) ? 0 : observationEndDay,
		periodDays: LTV_PERIOD_DAYS,
		timeUnitDays: LTV_TIME_UNIT_DAYS,
		droppedAfterEnd: 0
	};
}

export async function buildLtvModelParams(ctx: ModelContext): Promise<void> {
	const settings = readLtvSettings(ctx.var);
	const stored = await storedFingerprint(ctx);
	const result =
		takeFits(ctx.connection, stored) ??
		customerLtvFromSummary(await readSummary(ctx, stored.observationEndDay), {
			horizonMonths: settings.horizonMonths,
			monthlyDiscountRate: settings.monthlyDiscountRate
		});
	const observationEnd = stored.customers > 0 ? stored.observationEndDay : null;
	const rows = ltvModelParamRows(result).map((row) => ({
		model: row.model,
		parameter: row.parameter,
		value: row.value,
		standard_error: row.standardError,
		status: row.status,
		observations: row.observations,
		message: row.message,
		time_unit_days: LTV_TIME_UNIT_DAYS,
		observation_end: observationEnd === null ? null : isoDate(observationEnd)
	}));
	await ctx.createTable(LTV_MODEL_PARAMS_COLUMNS, rows);
}
