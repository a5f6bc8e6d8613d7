import { describe, expect, it } from 'vitest';
import { readStockPolicy } from './stock-policy-model.ts';

const reader = (vars: Record<string, unknown>) =>
	(<T>(name: string, ...fallback: [T?]): T => {
		if (Object.hasOwn(vars, name)) return vars[name] as T;
		if (fallback.length) return fallback[0] as T;
		throw new Error(`variable «${name}» is not set`);
	}) as Parameters<typeof readStockPolicy>[0];

describe('readStockPolicy', () => {
	it('turns the service level into the normal quantile and fills the defaults', () => {
		// Φ⁻¹(0.95) = 1.644853627, Φ⁻¹(0.975) = 1.959963985 (standard normal tables).
		const policy = readStockPolicy(reader({ service_level: 0.95, review_period_days: 7 }));
		expect(policy.safety_factor_z).toBeCloseTo(1.644853627, 9);
		expect(policy.band_z95).toBeCloseTo(1.959963985, 9);
		expect(policy).toMatchObject({ service_level: 0.95, review_period_days: 7, default_lead_time_days: 14, demand_basis: 'forecast', history_days: 90 });
		// 0.5 is the median: no safety stock.
		expect(readStockPolicy(reader({ service_level: '0.5', review_period_days: '0' })).safety_factor_z).toBe(0);
	});

	it('names the variable and the rule when a value is unusable', () => {
		expect(() => readStockPolicy(reader({ service_level: 95, review_period_days: 7 }))).toThrow(/«service_level» must be a probability strictly between 0 and 1.*got 95/);
		expect(() => readStockPolicy(reader({ service_level: 0.9, review_period_days: 7.5 }))).toThrow(/«review_period_days» must be a whole number from 0 to 365, got 7.5/);
		expect(() => readStockPolicy(reader({ service_level: 0.9, review_period_days: 7, stock_demand_basis: 'forecasts' }))).toThrow(
			/«stock_demand_basis» must be one of forecast, history, got "forecasts"/
		);
		expect(() => readStockPolicy(reader({ review_period_days: 7 }))).toThrow(/«service_level» is not set/);
	});
});
