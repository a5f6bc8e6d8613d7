import { describe, expect, it } from 'vitest';
import {
	conditionalExpectedPurchases,
	expectedPurchases,
	mbgConditionalExpectedPurchases,
	mbgExpectedPurchases,
	mbgProbabilityAlive,
	probabilityAlive,
	probabilityOfPurchaseIfAlive,
	probabilityOfPurchases
} from './bg-nbd-predict.ts';
import { PURCHASE_MODELS } from './purchase-models.ts';
import { Sampler, simulateRepeatTimes } from './simulate.ts';
import type { BgNbdParams } from './types.ts';

const cdnow: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('probabilityAlive', () => {
	it('matches a hand computation and is 1 without repeat purchases', () => {
		// r = alpha = a = b = 1, x = 1, t_x = 1, T = 2: odds of death = a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)
		// = 1 * (3/2)^2 = 2.25, so P(alive) = 1 / 3.25.
		expect(probabilityAlive({ r: 1, alpha: 1, a: 1, b: 1 }, 1, 1, 2)).toBeCloseTo(1 / 3.25, 14);
		expect(probabilityAlive(cdnow, 0, 0, 50)).toBe(1);
		// A lapsed heavy buyer: odds ~ (44.414 / 5.414)^100.243, about e^211: tiny but positive.
		const p = probabilityAlive(cdnow, 100, 1, 40);
		expect(p).toBeGreaterThan(0);
		expect(p).toBeLessThan(1e-80);
		// Beyond double range the odds overflow; the probability is 0, not NaN.
		expect(probabilityAlive(cdnow, 300, 1, 500)).toBe(0);
	});
});

describe('P(X(t) = n) and E[X(t)]', () => {
	it('eq. 8 sums to 1 and its mean equals eq. 9 (two independent formulas, one of them through 2F1)', () => {
		for (const t of [0.5, 5, 39, 78]) {
			let total = 0;
			let mean = 0;
			for (let n = 0; n <= 1000; n++) {
				const p = probabilityOfPurchases(cdnow, t, n);
				total += p;
				mean += n * p;
			}
			expect(total).toBeCloseTo(1, 12);
			expect(Math.abs(mean - expectedPurchases(cdnow, t)) / mean).toBeLessThan(1e-10);
		}
	});

	it('is continuous through a = 1, where the textbook form is 0/0', () => {
		const at = (a: number) => expectedPurchases({ ...cdnow, a }, 30);
		expect(Math.abs(at(1) - at(1 - 1e-9))).toBeLessThan(1e-8);
		expect(Math.abs(at(1) - at(1 + 1e-9))).toBeLessThan(1e-8);
		// and it lies between its neighbours a little further out (E falls as a rises)
		expect(at(1 - 1e-3)).toBeGreaterThan(at(1));
		expect(at(1)).toBeGreaterThan(at(1 + 1e-3));
	});

	it('rejects a non-integer or negative count', () => {
		expect(() => probabilityOfPurchases(cdnow, 2, -1)).toThrow(/non-negative integer/);
		expect(() => probabilityOfPurchases(cdnow, 2, 1.5)).toThrow(/non-negative integer/);
	});
});

describe('conditionalExpectedPurchases', () => {
	it('starts at rate P(alive) * E[lambda | x, T] = P(alive) (r + x) / (alpha + T) for a short horizon', () => {
		for (const [x, tx, T] of [
			[0, 0, 20],
			[2, 30.43, 38.86],
			[26, 30.86, 31]
		]) {
			const t = 1e-6;
			const rate = (probabilityAlive(cdnow, x, tx, T) * (cdnow.r + x)) / (cdnow.alpha + T);
			expect(Math.abs(conditionalExpectedPurchases(cdnow, t, x, tx, T) / t - rate) / rate).toBeLessThan(1e-5);
		}
	});

	it('for a customer acquired just now equals the unconditional expectation', () => {
		for (const t of [1, 10, 52]) expect(conditionalExpectedPurchases(cdnow, t, 0, 0, 0)).toBeCloseTo(expectedPurchases(cdnow, t), 12);
	});

	it('for a customer seen a day ago is as large as the model says, not a numeric slip (mpmath, 30 digits)', () => {
		// The demo's BG/NBD fit (r 0.4107, alpha 3.4256, a 0.181, b 1.9636) forecast 14 purchases in 12 months
		// (365.25 / 7 weeks) for a customer who bought on two consecutive days the day before the end (x = 1,
		// t_x = T = 1/7) and 4.58 for a one-time buyer of yesterday. The textbook formula (FHL eq. 10) in
		// mpmath gives 14.0024690769497161975 and 4.58254807980017946846: short T gives a large posterior
		// purchase rate (r + x) / (alpha + T), the model's own answer, which the holdout weighs.
		const demo = { r: 0.4107, alpha: 3.4256, a: 0.181, b: 1.9636 };
		expect(conditionalExpectedPurchases(demo, 365.25 / 7, 1, 1 / 7, 1 / 7)).toBeCloseTo(14.002469076949716, 11);
		expect(conditionalExpectedPurchases(demo, 365.25 / 7, 0, 0, 1 / 7)).toBeCloseTo(4.582548079800179, 12);
	});

	it('stays finite for heavy buyers (no overflow in the hypergeometric series)', () => {
		const value = conditionalExpectedPurchases(cdnow, 52, 500, 99, 100);
		expect(Number.isFinite(value)).toBe(true);
		// at most the purchases of an immortal customer at the posterior mean rate
		expect(value).toBeGreaterThan(0);
		expect(value).toBeLessThan((52 * (cdnow.r + 500)) / (cdnow.alpha + 100));
		expect(conditionalExpectedPurchases(cdnow, 0, 3, 10, 20)).toBe(0);
	});
});

describe('MBG/NBD predictions', () => {
	it('P(alive) matches a hand computation and is below 1 for one-time buyers, falling with time', () => {
		// r = alpha = a = b = 1. x = 0, T = 2: alive branch E[1 - p] E[e^(-2 lambda)] = 1/6, dead branch E[p] = 1/2 → 1/4.
		// x = 1, t_x = 1, T = 2: alive 1/3 * 1/9 = 1/27, dead 1/6 * 1/4 = 1/24 → (1/27) / (17/216) = 8/17.
		const ones = { r: 1, alpha: 1, a: 1, b: 1 };
		expect(mbgProbabilityAlive(ones, 0, 0, 2)).toBeCloseTo(1 / 4, 14);
		expect(mbgProbabilityAlive(ones, 1, 1, 2)).toBeCloseTo(8 / 17, 14);
		const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
		// Right after the first purchase: alive unless dropped at once, b / (a + b).
		expect(mbgProbabilityAlive(mbg, 0, 0, 0)).toBeCloseTo(1.614 / (0.891 + 1.614), 14);
		expect(mbgProbabilityAlive(mbg, 0, 0, 104)).toBeLessThan(mbgProbabilityAlive(mbg, 0, 0, 52));
		expect(mbgProbabilityAlive(mbg, 0, 0, 104)).toBeLessThan(0.5);
	});

	it('E[X(t)] and E[Y(t) | x, t_x, T] agree with simulated MBG/NBD customers', () => {
		// 200,000 simulated customers observed for 52 weeks: the mean count has a standard error
		// of sd / sqrt(n); the formula must sit within 4 of them.
		const params = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
		const sampler = new Sampler(31);
		const n = 200_000;
		let sum = 0;
		let squares = 0;
		for (let i = 0; i < n; i++) {
			const count = simulateRepeatTimes(sampler, params, 52, true).length;
			sum += count;
			squares += count * count;
		}
		const mean = sum / n;
		const se = Math.sqrt((squares / n - mean * mean) / n);
		expect(Math.abs(mbgExpectedPurchases(params, 52) - mean)).toBeLessThan(4 * se);
		// A customer just acquired: the conditional expectation from (0, 0, 0) is the unconditional one.
		for (const t of [1, 10, 52]) expect(mbgConditionalExpectedPurchases(params, t, 0, 0, 0)).toBeCloseTo(mbgExpectedPurchases(params, t), 12);
	});

	it('P(buys again within t) of BG/NBD and MBG/NBD customers matches what simulated customers do', () => {
		// Customers watched for 40 weeks, then 20 more: by the law of total probability the mean of
		// P(alive) * P(purchase | alive) over the watched histories equals the share who buy in
		// the 20 weeks (binomial standard error), and so within each frequency group.
		const params = { r: 0.5, alpha: 6, a: 1.2, b: 3 };
		for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
			const spec = PURCHASE_MODELS[model];
			const sampler = new Sampler(model === 'bg_nbd' ? 5 : 6);
			const groups = new Map<string, { n: number; predicted: number; bought: number }>();
			for (let i = 0; i < 100_000; i++) {
				const times = simulateRepeatTimes(sampler, params, 60, model === 'mbg_nbd');
				const seen = times.filter((t) => t <= 40);
				const x = seen.length;
				const tx = x > 0 ? seen[x - 1] : 0;
				const predicted = spec.probabilityAlive(params, x, tx, 40) * probabilityOfPurchaseIfAlive(params, 20, x, 40);
				const key = x === 0 ? '0' : x < 3 ? '1-2' : '3+';
				const group = groups.get(key) ?? { n: 0, predicted: 0, bought: 0 };
				group.n++;
				group.predicted += predicted;
				group.bought += times.length > x ? 1 : 0;
				groups.set(key, group);
			}
			for (const [key, group] of groups) {
				const share = group.bought / group.n;
				const se = Math.sqrt((share * (1 - share)) / group.n);
				expect(Math.abs(group.predicted / group.n - share), `${model} x ${key}`).toBeLessThan(4 * se);
			}
		}
	});
});
