// The customer_ltv mart: per-customer history and the BG/NBD + Gamma-Gamma predictions
// of the LTV library from one read of the customers' purchase days (int_customer_orders
// grouped by customer and day), written through the runner's appender.

import type { ModelContext } from '../../transform/index.ts';
import { quoteLiteral } from '../../warehouse/index.ts';
import { customerLtv, isoDate, type CustomerLtvResult } from '../ltv/index.ts';
import { handOverFits } from './fit-handoff.ts';
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

export async function buildCustomerLtv(ctx: ModelContext): Promise<CustomerLtvResult | null> {
	const settings = readLtvSettings(ctx.var);
	const endDay = settings.observationEndDay ?? (await lastSaleDay(ctx));
	if (endDay === null) {
		await ctx.createTable(CUSTOMER_LTV_COLUMNS, []);
		return null;
	}
	const endDate = `DATE ${quoteLiteral(isoDate(endDay))}`;
	const purchases = await readPurchaseDays(ctx, endDate);
	const history = historyOf(purchases);
	const result = customerLtv(purchases, {
		observationEnd: endDay,
		periodDays: LTV_PERIOD_DAYS,
		timeUnitDays: LTV_TIME_UNIT_DAYS,
		horizonMonths: settings.horizonMonths,
		monthlyDiscountRate: settings.monthlyDiscountRate
	});
	if (history.orders.length !== result.customers.ids.length) {
		throw new Error(`customer_ltv: ${history.orders.length} customers in the history but ${result.customers.ids.length} in the summary`);
	}
	await ctx.createTable(CUSTOMER_LTV_COLUMNS, customerRows(result, history, settings, endDay));
	handOverFits(ctx.connection, result);
	return result;
}
