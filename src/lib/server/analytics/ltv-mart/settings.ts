// The customer_ltv settings a build reads from project vars, checked once.

import { epochDay, PURCHASE_MODEL_NAMES, type PurchaseModelName } from '../ltv/index.ts';
import { choiceVar, integerVar, numberVar, type VarReader } from '../mart-io/index.ts';

/** lifetimes' CDNOW settings, which the published parameters are in: daily purchase periods, weeks as the time unit. */
export const LTV_PERIOD_DAYS = 1;
export const LTV_TIME_UNIT_DAYS = 7;

export interface LtvSettings {
	/** Day number of the observation end, or null: the latest sale date. */
	observationEndDay: number | null;
	horizonMonths: number;
	annualDiscountRate: number;
	/** (1 + annual)^(1/12) − 1: the same yearly rate compounded monthly. */
	monthlyDiscountRate: number;
	/** due_to_reorder: expected next order within this many days after the observation end (or overdue). */
	reorderWindowDays: number;
	/** due_to_reorder also needs P(alive) above this. */
	reorderMinPAlive: number;
	/** The purchase models to choose from: every one (auto), or the one the project names. */
	purchaseModels: readonly PurchaseModelName[];
	/** Whether the spend model learns from every purchase (the first included) or from repeat purchases only (lifetimes). */
	spendIncludesFirstPurchase: boolean;
}

export function readLtvSettings(read: VarReader): LtvSettings {
	const horizonMonths = integerVar(read, 'ltv_horizon_months', 1, 120);
	const annualDiscountRate = numberVar(read, 'ltv_discount_rate_annual', (n) => n >= 0 && n < 10, 'a yearly rate such as 0.12');
	const reorderWindowDays = numberVar(read, 'ltv_reorder_window_days', (n) => Number.isInteger(n) && n >= 0, 'a whole number of days', 30);
	const reorderMinPAlive = numberVar(read, 'ltv_reorder_min_p_alive', (n) => n >= 0 && n <= 1, 'a probability from 0 to 1', 0.5);
	const purchaseModel = choiceVar(read, 'ltv_purchase_model', ['auto', ...PURCHASE_MODEL_NAMES] as const, 'auto');
	const spendPurchases = choiceVar(read, 'ltv_spend_purchases', ['all', 'repeat'] as const, 'all');
	const end = read<unknown>('ltv_observation_end', null);
	let observationEndDay: number | null = null;
	if (end !== null && end !== undefined && end !== '') {
		const text = end instanceof Date ? end.toISOString().slice(0, 10) : String(end).trim();
		try {
			observationEndDay = epochDay(text);
		} catch (error) {
			throw new Error(`variable «ltv_observation_end» must be a date YYYY-MM-DD or empty: ${(error as Error).message}`);
		}
	}
	return {
		observationEndDay,
		horizonMonths,
		annualDiscountRate,
		monthlyDiscountRate: Math.pow(1 + annualDiscountRate, 1 / 12) - 1,
		reorderWindowDays,
		reorderMinPAlive,
		purchaseModels: purchaseModel === 'auto' ? PURCHASE_MODEL_NAMES : [purchaseModel],
		spendIncludesFirstPurchase: spendPurchases === 'all'
	};
}
