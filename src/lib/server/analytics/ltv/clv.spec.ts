import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from './bg-nbd-predict.ts';
import { DAYS_PER_MONTH, customerLifetimeValue, expectedNextOrderDay, forecastPurchases, typicalIntervalDays } from './clv.ts';

const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const weeksPerMonth = DAYS_PER_MONTH / 7;

describe('forecastPurchases and customerLifetimeValue', () => {
	it('without discounting is the horizon expectation times the value (the monthly increments telescope)', () => {
		const options = { horizonMonths: 12, monthlyDiscountRate: 0, timeUnitsPerMonth: weeksPerMonth };
		const forecast = forecastPurchases(params, 2, 30.43, 38.86, options);
		const horizon = conditionalExpectedPurchases(params, 12 * weeksPerMonth, 2, 30.43, 38.86);
		expect(forecast.expectedPurchases).toBeCloseTo(horizon, 12);
		expect(forecast.discountedPurchases).toBeCloseTo(horizon, 12);
		expect(customerLifetimeValue(params, 2, 30.43, 38.86, 25, options)).toBeCloseTo(25 * horizon, 10);
	});

	it('discounts month m by (1 + d)^m', () => {
		// One month: the whole expectation falls in month 1, discounted once.
		const one = forecastPurchases(params, 2, 30.43, 38.86, { horizonMonths: 1, monthlyDiscountRate: 0.01, timeUnitsPerMonth: weeksPerMonth });
		expect(one.discountedPurchases).toBeCloseTo(one.expectedPurchases / 1.01, 14);
		const year = forecastPurchases(params, 2, 30.43, 38.86, { timeUnitsPerMonth: weeksPerMonth });
		// every month's share is discounted by at least 1/1.01 and at most 1/1.01^12
		expect(year.discountedPurchases).toBeLessThan(year.expectedPurchases / 1.01);
		expect(year.discountedPurchases).toBeGreaterThan(year.expectedPurchases / 1.01 ** 12);
	});
});

describe('reorder helpers', () => {
	it('gives the mean gap between purchase periods in days and the due day', () => {
		// 2 repeat purchases over 4 weeks since the first: 28 / 2 = 14 days.
		expect(typicalIntervalDays(2, 4, 7)).toBe(14);
		expect(typicalIntervalDays(0, 0, 7)).toBeNaN();
		expect(expectedNextOrderDay(100, 14.4)).toBe(114);
		expect(expectedNextOrderDay(100, Number.NaN)).toBeNaN();
	});
});
