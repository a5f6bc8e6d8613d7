import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bg-nbd-fit.ts';
import { prepareBgNbdData } from './bg-nbd-likelihood.ts';
import { customerLtv } from './customer-ltv.ts';
import { epochDay } from './epoch-day.ts';
import { ltvModelParamRows } from './model-param-rows.ts';
import { simulateTransactions } from './simulate.ts';

const end = epochDay('2024-12-31');

describe('customerLtv', () => {
	const transactions = simulateTransactions({
		customers: 3000,
		bgNbd: { r: 0.5, alpha: 6, a: 1.2, b: 3 },
		gammaGamma: { p: 6, q: 4, v: 15 },
		observationEndDay: end,
		acquisitionDays: 540,
		seed: 11
	});
	const result = customerLtv(transactions, { observationEnd: end });
	const c = result.customers;

	it('fits both models and fills every customer\'s prediction', () => {
		expect(result.bgNbd.status).toBe('ok');
		expect(result.forecastFailures.count).toBe(0);
		expect(result.gammaGamma.status).toBe('ok');
		expect(c.ids.length).toBe(3000);
		for (let i = 0; i < c.ids.length; i++) {
			expect(c.pAlive[i]).toBeGreaterThan(0);
			expect(c.pAlive[i]).toBeLessThanOrEqual(1);
			if (c.frequency[i] === 0) expect(c.pAlive[i]).toBe(1);
			expect(c.expectedPurchases[i]).toBeGreaterThan(0);
			expect(c.expectedAverageValue[i]).toBeGreaterThan(0);
			// discounting only lowers the undiscounted product
			expect(c.predictedValue[i]).toBeLessThanOrEqual(c.expectedPurchases[i] * c.expectedAverageValue[i]);
			if (c.frequency[i] > 0) expect(c.nextOrderDay[i]).toBe(c.lastPurchaseDay[i] + Math.round(c.typicalIntervalDays[i]));
			else expect(c.nextOrderDay[i]).toBeNaN();
		}
	});

	it('fits on distinct patterns with the same likelihood as on every customer', () => {
		expect(result.bgNbd.patterns).toBeLessThan(c.ids.length);
		const uncompressed = fitBgNbd(prepareBgNbdData(c.frequency, c.recency, c.T));
		expect(Math.abs(uncompressed.logLikelihood! - result.bgNbd.logLikelihood!)).toBeLessThan(1e-6);
		expect(uncompressed.params!.r).toBeCloseTo(result.bgNbd.params!.r, 6);
	});

	it('lists the ltv_model_params rows', () => {
		const rows = ltvModelParamRows(result);
		expect(rows.map((row) => `${row.model}.${row.parameter}`)).toEqual([
			'bg_nbd.r', 'bg_nbd.alpha', 'bg_nbd.a', 'bg_nbd.b', 'bg_nbd.log_likelihood',
			'gamma_gamma.p', 'gamma_gamma.q', 'gamma_gamma.v', 'gamma_gamma.log_likelihood', 'gamma_gamma.frequency_monetary_correlation'
		]);
		expect(rows[0].value).toBe(result.bgNbd.params!.r);
		expect(rows[0].standardError).toBe(result.bgNbd.standardErrors!.r);
		expect(rows[4].value).toBe(result.bgNbd.logLikelihood);
		expect(rows.every((row) => row.status === 'ok')).toBe(true);
	});

	it('degrades to insufficient_data on a handful of customers: history kept, no predictions, null parameters', () => {
		const small = customerLtv(
			{ customerId: ['a', 'a', 'b', 'c', 'c'], day: [end - 60, end - 30, end - 10, end - 90, end - 5], value: [10, 20, 5, 7, 9] },
			{ observationEnd: end }
		);
		expect(small.bgNbd.status).toBe('insufficient_data');
		expect(small.gammaGamma.status).toBe('insufficient_data');
		expect(Array.from(small.customers.frequency)).toEqual([1, 0, 1]);
		// a: one repeat 30 days after the first purchase -> typical interval 30 days, due on end - 30 + 30.
		expect(small.customers.typicalIntervalDays[0]).toBe(30);
		expect(small.customers.nextOrderDay[0]).toBe(end);
		expect(Array.from(small.customers.pAlive).every(Number.isNaN)).toBe(true);
		expect(Array.from(small.customers.predictedValue).every(Number.isNaN)).toBe(true);
		const rows = ltvModelParamRows(small);
		expect(rows.every((row) => row.value === null && row.status === 'insufficient_data')).toBe(true);
	});

	it('handles no customers at all (everything after the observation end)', () => {
		const none = customerLtv({ customerId: ['a'], day: [end + 1], value: [10] }, { observationEnd: end });
		expect(none.customers.ids).toEqual([]);
		expect(none.customers.droppedAfterEnd).toBe(1);
		expect(none.bgNbd.status).toBe('insufficient_data');
		expect(none.gammaGamma.status).toBe('insufficient_data');
	});
});
