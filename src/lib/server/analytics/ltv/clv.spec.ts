import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from './bg-nbd-predict.ts';
import { DAYS_PER_MONTH, customerLifetimeValue, expectedNextOrderDay, forecastPurchases, typicalIntervalDays } from './clv.ts';
import { customerLtv } from './customer-ltv.ts';

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
	it('gives the mean gap between purchases in days and the due day', () => {
		// 2 repeat purchases, days 100 → 128: 28 / 2 = 14 days.
		expect(typicalIntervalDays(2, 100, 128)).toBe(14);
		expect(typicalIntervalDays(0, 100, 100)).toBeNaN();
		expect(expectedNextOrderDay(100, 14.4)).toBe(114);
		expect(expectedNextOrderDay(100, Number.NaN)).toBeNaN();
	});

	it('keeps a half-day interval whole: 87 days over 2 repeats is 43.5, due 44 days after the last order', () => {
		// Orders on days 0, 40 and 87: 2 repeats, (87 − 0) / 2 = 43.5 days; rounded half up → day 87 + 44 = 131.
		// Through recency in weeks it was 87 / 7 × 7 = 86.999… / 2 = 43.4999… → 43 → day 130, a day early.
		expect(typicalIntervalDays(2, 0, 87)).toBe(43.5);
		expect(expectedNextOrderDay(87, typicalIntervalDays(2, 0, 87))).toBe(131);
		const ltv = customerLtv({ customerId: ['a', 'a', 'a'], day: [0, 40, 87], value: [10, 10, 10] }, { observationEnd: 100 });
		// recency is 87 × (1/7) weeks, which × 7 is the 86.999… the old helper rounded down
		expect(ltv.customers.recency[0] * 7).toBeLessThan(87);
		expect(ltv.customers.typicalIntervalDays[0]).toBe(43.5);
		expect(ltv.customers.nextOrderDay[0]).toBe(131);
	});
});
