// Transactions -> per-customer frequency / recency / T / monetary value, by the rules
// of lifetimes' summary_data_from_transaction_data (utils.py 0.11.3, l.230-327):
// - transactions after the observation end are dropped;
// - dates become periods of `periodDays` days and purchases in one period merge into
//   one, their values summed;
// - frequency = distinct purchase periods - 1;
// - recency = (last period - first period), T = (end period - first period), both in
//   days converted to time units of `timeUnitDays` (lifetimes' freq_multiplier);
// - monetary value = mean of the per-period totals after the first period (0 when
//   there is no repeat period).
// Periods longer than a day are counted from Monday 1970-01-05, so 7-day periods are
// ISO weeks (pandas' 'W' periods end on Sunday too).

import { epochDay } from './epoch-day.ts';
import type { RfmColumns } from './types.ts';

export interface TransactionColumns {
	/** Customer key per transaction (string or number; compared with ===). */
	customerId: ArrayLike<string | number>;
	/** Transaction date as a UTC day number (see epoch-day.ts). */
	day: ArrayLike<number>;
	/** Transaction value (revenue or margin, as the caller chooses). */
	value: ArrayLike<number>;
}

export interface SummarizeOptions {
	/** Last day observed, as a day number or 'YYYY-MM-DD'. */
	observationEnd: number | string;
	/** Length of a purchase period in days (default 1: purchases on one day merge). */
	periodDays?: number;
	/** Days per model time unit (default 7: recency and T in weeks). */
	timeUnitDays?: number;
}

export interface CustomerSummary extends RfmColumns {
	ids: (string | number)[];
	monetaryValue: Float64Array;
	/** Day numbers of the first and the last transaction on or before the observation end. */
	firstPurchaseDay: Int32Array;
	lastPurchaseDay: Int32Array;
	/** Sum of all transaction values on or before the observation end. */
	totalValue: Float64Array;
	observationEndDay: number;
	periodDays: number;
	timeUnitDays: number;
	/** Transactions dropped because they fall after the observation end. */
	droppedAfterEnd: number;
}

const PERIOD_ANCHOR_DAY = 4; // 1970-01-05, a Monday

/** The last day of the purchase period of `periodDays` days that holds `day` (the day itself for daily periods). */
export function periodEndDay(day: number, periodDays: number): number {
	return PERIOD_ANCHOR_DAY + (Math.floor((day - PERIOD_ANCHOR_DAY) / periodDays) + 1) * periodDays - 1;
}

export function summarizeTransactions(transactions: TransactionColumns, options: SummarizeOptions): CustomerSummary {
	const { customerId, day, value } = transactions;
	const periodDays = options.periodDays ?? 1;
	const timeUnitDays = options.timeUnitDays ?? 7;
	if (!(Number.isInteger(periodDays) && periodDays >= 1)) throw new Error(`periodDays must be a positive whole number of days, got ${periodDays}`);
	if (!(timeUnitDays > 0)) throw new Error(`timeUnitDays must be positive, got ${timeUnitDays}`);
	const endDay = typeof options.observationEnd === 'string' ? epochDay(options.observationEnd) : options.observationEnd;
	if (!Number.isInteger(endDay)) throw new Error(`observationEnd must be a whole day number, got ${options.observationEnd}`);
	const rows = customerId.length;
	if (day.length !== rows || value.length !== rows) throw new Error('customerId, day and value must have equal lengths');

	// Dense customer index per kept row, in order of first appearance.
	const ids: (string | number)[] = [];
	const indexOf = new Map<string | number, number>();
	const rowCustomer = new Int32Array(rows).fill(-1);
	let droppedAfterEnd = 0;
	let previousId: string | number | undefined;
	let previousIndex = -1;
	for (let i = 0; i < rows; i++) {
		const d = day[i];
		if (!Number.isInteger(d)) throw new Error(`transaction #${i + 1}: day must be a whole day number, got ${d}`);
		if (!Number.isFinite(value[i])) throw new Error(`transaction #${i + 1}: value must be a finite number, got ${value[i]}`);
		if (d > endDay) {
			droppedAfterEnd++;
			continue;
		}
		const id = customerId[i];
		if (id === null || id === undefined || id === '') throw new Error(`transaction #${i + 1}: customer id is empty`);
		if (id !== previousId) {
			let k = indexOf.get(id);
			if (k === undefined) {
				k = ids.length;
				indexOf.set(id, k);
				ids.push(id);
			}
			previousId = id;
			previousIndex = k;
		}
		rowCustomer[i] = previousIndex;
	}

	// Counting sort of the kept rows by customer.
	const customers = ids.length;
	const start = new Int32Array(customers + 1);
	for (let i = 0; i < rows; i++) if (rowCustomer[i] >= 0) start[rowCustomer[i] + 1]++;
	for (let k = 0; k < customers; k++) start[k + 1] += start[k];
	const cursor = start.slice(0, customers);
	const order = new Int32Array(start[customers]);
	for (let i = 0; i < rows; i++) if (rowCustomer[i] >= 0) order[cursor[rowCustomer[i]]++] = i;

	const frequency = new Float64Array(customers);
	const recency = new Float64Array(customers);
	const T = new Float64Array(customers);
	const monetaryValue = new Float64Array(customers);
	const totalValue = new Float64Array(customers);
	const firstPurchaseDay = new Int32Array(customers);
	const lastPurchaseDay = new Int32Array(customers);
	const periodOf = (d: number) => Math.floor((d - PERIOD_ANCHOR_DAY) / periodDays);
	const endPeriod = periodOf(endDay);
	const daysToUnits = periodDays / timeUnitDays;

	for (let k = 0; k < customers; k++) {
		const from = start[k];
		const to = start[k + 1];
		let sorted = true;
		for (let j = from + 1; j < to; j++) if (day[order[j]] < day[order[j - 1]]) sorted = false;
		if (!sorted) order.subarray(from, to).sort((p, q) => day[p] - day[q]);

		const firstDay = day[order[from]];
		const firstPeriod = periodOf(firstDay);
		let total = 0;
		let firstPeriodTotal = 0;
		let distinct = 1;
		let lastPeriod = firstPeriod;
		for (let j = from; j < to; j++) {
			const row = order[j];
			const v = value[row];
			const period = periodOf(day[row]);
			total += v;
			if (period === firstPeriod) firstPeriodTotal += v;
			else if (period !== lastPeriod) distinct++;
			lastPeriod = period;
		}
		frequency[k] = distinct - 1;
		recency[k] = (lastPeriod - firstPeriod) * daysToUnits;
		T[k] = (endPeriod - firstPeriod) * daysToUnits;
		monetaryValue[k] = distinct > 1 ? (total - firstPeriodTotal) / (distinct - 1) : 0;
		totalValue[k] = total;
		firstPurchaseDay[k] = firstDay;
		lastPurchaseDay[k] = day[order[to - 1]];
	}
	return {
		ids, frequency, recency, T, monetaryValue, totalValue, firstPurchaseDay, lastPurchaseDay,
		observationEndDay: endDay, periodDays, timeUnitDays, droppedAfterEnd
	};
}
