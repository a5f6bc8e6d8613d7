// Predictive customer value over a horizon, the lifetimes way
// (utils._customer_lifetime_value): month by month, the expected purchases in that
// month (cumulative expectation of the purchase model at the month's end minus at its start) times
// the Gamma-Gamma expected transaction value, discounted at a monthly rate:
//   CLV = sum_{m=1..H} (E[Y(m)] - E[Y(m-1)]) * value / (1 + d)^m.
// Plus the reorder helpers of the customer_ltv mart.

import { PURCHASE_MODELS, type PurchaseModel } from './purchase-models.ts';
import type { BgNbdParams } from './types.ts';

/** Average days in a month (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface ClvOptions {
	/** Months ahead (default 12). */
	horizonMonths?: number;
	/** Monthly discount rate, e.g. 0.01 for about 12.7% a year (default 0.01). */
	monthlyDiscountRate?: number;
	/** Model time units in one month: 30.4375 / timeUnitDays (4.348 for weeks). lifetimes uses 4.345 for weeks and 30 for days. */
	timeUnitsPerMonth: number;
	/** The purchase model the parameters belong to (default BG/NBD). */
	model?: PurchaseModel;
}

export interface PurchaseForecast {
	pAlive: number;
	/** Expected purchases over the whole horizon (undiscounted). */
	expectedPurchases: number;
	/** Sum over months of that month's expected purchases / (1 + d)^m: times the value per purchase it is the CLV. */
	discountedPurchases: number;
}

/** The value-free part of the CLV; it depends on (x, t_x, T) only, so customers with one pattern share it. */
export function forecastPurchases(params: BgNbdParams, x: number, tx: number, T: number, options: ClvOptions): PurchaseForecast {
	const horizon = options.horizonMonths ?? 12;
	const rate = options.monthlyDiscountRate ?? 0.01;
	const model = options.model ?? PURCHASE_MODELS.bg_nbd;
	const pAlive = model.probabilityAlive(params, x, tx, T);
	let previous = 0;
	let discounted = 0;
	let discount = 1;
	for (let month = 1; month <= horizon; month++) {
		const cumulative = pAlive * model.expectedPurchasesIfAlive(params, month * options.timeUnitsPerMonth, x, T);
		discount /= 1 + rate;
		discounted += (cumulative - previous) * discount;
		previous = cumulative;
	}
	return { pAlive, expectedPurchases: previous, discountedPurchases: discounted };
}

/** Discounted expected value over the horizon of one customer, given the expected value per purchase. */
export function customerLifetimeValue(
	params: BgNbdParams,
	x: number,
	tx: number,
	T: number,
	expectedValuePerPurchase: number,
	options: ClvOptions
): number {
	return forecastPurchases(params, x, tx, T, options).discountedPurchases * expectedValuePerPurchase;
}

/**
 * Typical days between orders: the days from the first purchase to the last over the number of
 * repeat purchases (periods); NaN without a repeat purchase. From whole day numbers, not from
 * recency in model time units: 87 days as 87 / 7 weeks × 7 is 86.999…, which would round a
 * 43.5-day interval down and bring the next order a day early.
 */
export function typicalIntervalDays(frequency: number, firstPurchaseDay: number, lastPurchaseDay: number): number {
	return frequency > 0 ? (lastPurchaseDay - firstPurchaseDay) / frequency : Number.NaN;
}

/** Day number when the next order is due: the last purchase plus the typical interval (rounded to a day); NaN without one. */
export function expectedNextOrderDay(lastPurchaseDay: number, intervalDays: number): number {
	return Number.isFinite(intervalDays) ? lastPurchaseDay + Math.round(intervalDays) : Number.NaN;
}
