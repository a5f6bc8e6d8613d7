// The customer_ltv mart: per-customer history and the predictions of the LTV library (the
// purchase model chosen on a holdout + Gamma-Gamma) from one read of the customers'
// purchase days (int_customer_orders grouped by customer and day), written through the
// runner's appender. ltv_model_params and ltv_model_selection get the fits through
// ltvFitsFor: handed over in the same build, or computed again from the same input.

import type { ModelContext } from '../../transform/index.ts';
import { quoteLiteral } from '../../warehouse/index.ts';
import { customerLtv, epochDay, isoDate, type CustomerLtvResult } from '../ltv/index.ts';
import { fingerprintOf, handOverFits, sameFingerprint, takeFits, type FitFingerprint, type LtvFits } from './fit-handoff.ts';
import { dayNumberSql, readColumns } from '../mart-io/index.ts';
import { LTV_PERIOD_DAYS, LTV_TIME_UNIT_DAYS, readLtvSettings, type LtvSettings } from './settings.ts';

export const CUSTOMER_LTV_COLUMNS = {
	customer_id: 'VARCHAR',
	first_purchase_on: 'DATE',
	last_purchase_on: 'DATE',
	orders: 'INTEGER',
	historical_revenue: 'DECIMAL(18,2)',
	historical_gross_profit: 'DECIMAL(18,2)',
	average_check: 'DECIMAL(18,2)',
	frequency: 'INTEGER',
	recency_weeks: 'DOUBLE',
	t_weeks: 'DOUBLE',
	monetary_value: 'DOUBLE',
	purchase_model: 'VARCHAR',
	p_alive: 'DOUBLE',
	expected_purchases: 'DOUBLE',
	expected_average_value: 'DOUBLE',
	predicted_value: 'DECIMAL(18,2)',
	predicted_gross_profit: 'DECIMAL(18,2)',
	typical_interval_days: 'DOUBLE',
	expected_next_order_on: 'DATE',
	days_until_next_order: 'INTEGER',
	due_to_reorder: 'BOOLEAN',
	observation_end: 'DATE'
} as const;

/** The end of the purchase history (int_data_calendar.last_sale_on) as a day number, or null without sales. */
async function lastSaleDay(ctx: ModelContext): Promise<number | null> {
	const [row] = await ctx.query<{ day: number | null }>(
		`select ${dayNumberSql('last_sale_on')} as day from ${ctx.ref('int_data_calendar')}`
	);
	return row?.day ?? null;
}

/**
 * One row per customer and purchase day up to the observation end, sorted by customer then
 * day (the order summarize prefers): the day's revenue (the LTV value), gross profit and orders.
 */
async function readPurchaseDays(ctx: ModelContext, endDate: string) {
	return readColumns(
		ctx.connection,
		`select customer_id, ${dayNumberSql('ordered_on')}, sum(revenue)::double, sum(gross_profit)::double, count(*)::integer
		from ${ctx.ref('int_customer_orders')}
		where ordered_on <= ${endDate}
		group by customer_id, ordered_on
		order by customer_id, ordered_on`,
		{ customerId: 'text', day: 'int', value: 'float', grossProfit: 'float', orders: 'int' }
	);
}

type PurchaseDays = Awaited<ReturnType<typeof readPurchaseDays>>;

/** Orders, revenue and gross profit per customer, in the order customers first appear (= the summary's). */
function historyOf(days: PurchaseDays) {
	const orders: number[] = [];
	const revenue: number[] = [];
	const grossProfit: number[] = [];
	for (let i = 0, k = -1; i < days.length; i++) {
		if (i === 0 || days.customerId[i] !== days.customerId[i - 1]) {
			k++;
			orders.push(0);
			revenue.push(0);
			// NaN until a day with a known cost: no cost anywhere leaves the gross profit unknown
			grossProfit.push(Number.NaN);
		}
		orders[k] += days.orders[i];
		revenue[k] += days.value[i];
		if (!Number.isNaN(days.grossProfit[i])) grossProfit[k] = (Number.isNaN(grossProfit[k]) ? 0 : grossProfit[k]) + days.grossProfit[i];
	}
	return { orders, revenue, grossProfit };
}

function* customerRows(result: CustomerLtvResult, history: ReturnType<typeof historyOf>, settings: LtvSettings, endDay: number) {
	const c = result.customers;
	const endDate = isoDate(endDay);
	for (let i = 0; i < c.ids.length; i++) {
		const revenue = history.revenue[i];
		const grossProfit = history.grossProfit[i];
		const margin = revenue > 0 && Number.isFinite(grossProfit) ? grossProfit / revenue : Number.NaN;
		const next = c.nextOrderDay[i];
		const daysUntilNext = Number.isFinite(next) ? next - endDay : Number.NaN;
		yield [
			c.ids[i],
			isoDate(c.firstPurchaseDay[i]),
			isoDate(c.lastPurchaseDay[i]),
			history.orders[i],
			revenue,
			grossProfit,
			history.orders[i] > 0 ? revenue / history.orders[i] : Number.NaN,
			c.frequency[i],
			c.recency[i],
			c.T[i],
			c.monetaryValue[i],
			result.purchase.model,
			c.pAlive[i],
			c.expectedPurchases[i],
			c.expectedAverageValue[i],
			c.predictedValue[i],
			c.predictedValue[i] * margin,
			c.typicalIntervalDays[i],
			Number.isFinite(next) ? isoDate(next) : null,
			daysUntilNext,
			// unknown P(alive) (no fit) or no repeat purchase to time the next one: not due
			c.pAlive[i] > settings.reorderMinPAlive && daysUntilNext <= settings.reorderWindowDays,
			endDate
		];
	}
}

/** Reads the purchase days and runs the LTV library with the project's settings; null without sales. */
async function computeLtv(ctx: ModelContext) {
	const settings = readLtvSettings(ctx.var);
	const endDay = settings.observationEndDay ?? (await lastSaleDay(ctx));
	if (endDay === null) return null;
	const purchases = await readPurchaseDays(ctx, `DATE ${quoteLiteral(isoDate(endDay))}`);
	const result = customerLtv(purchases, {
		observationEnd: endDay,
		periodDays: LTV_PERIOD_DAYS,
		timeUnitDays: LTV_TIME_UNIT_DAYS,
		horizonMonths: settings.horizonMonths,
		monthlyDiscountRate: settings.monthlyDiscountRate,
		selection: { candidates: settings.purchaseModels },
		spendIncludesFirstPurchase: settings.spendIncludesFirstPurchase
	});
	return { settings, endDay, purchases, result };
}

export async function buildCustomerLtv(ctx: ModelContext): Promise<CustomerLtvResult | null> {
	const computed = await computeLtv(ctx);
	if (!computed) {
		await ctx.createTable(CUSTOMER_LTV_COLUMNS, []);
		return null;
	}
	const { settings, endDay, purchases, result } = computed;
	const history = historyOf(purchases);
	if (history.orders.length !== result.customers.ids.length) {
		throw new Error(`customer_ltv: ${history.orders.length} customers in the history but ${result.customers.ids.length} in the summary`);
	}
	await ctx.createTable(CUSTOMER_LTV_COLUMNS, customerRows(result, history, settings, endDay));
	handOverFits(ctx.connection, result);
	return result;
}

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

/**
 * The fits behind customer_ltv's table, for the models that report them (they ref
 * customer_ltv, int_customer_orders and int_data_calendar): handed over in this build, or
 * computed again from int_customer_orders, which must still hold what customer_ltv was
 * built from. Null when there were no sales.
 */
export async function ltvFitsFor(ctx: ModelContext): Promise<LtvFits | null> {
	const stored = await storedFingerprint(ctx);
	const handed = takeFits(ctx.connection, stored);
	if (handed) return handed;
	const computed = await computeLtv(ctx);
	if (!computed) {
		if (stored.customers > 0) throw new Error('customer_ltv holds customers but there are no sales now: build customer_ltv again (select +ltv_model_params)');
		return null;
	}
	if (!sameFingerprint(fingerprintOf(computed.result), stored)) {
		throw new Error(
			`customer_ltv was built from other purchases (or another ltv_observation_end) than int_customer_orders holds now: build customer_ltv again with it (select customer_ltv+)`
		);
	}
	// The other reporting model of this build takes them instead of fitting everything again.
	handOverFits(ctx.connection, computed.result);
	return computed.result;
}
