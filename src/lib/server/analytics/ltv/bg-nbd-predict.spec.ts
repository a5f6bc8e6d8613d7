import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, expectedPurchases, probabilityAlive, probabilityOfPurchases } from './bg-nbd-predict.ts';
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

	it('stays finite for heavy buyers (no overflow in the hypergeometric series)', () => {
		const value = conditionalExpectedPurchases(cdnow, 52, 500, 99, 100);
		expect(Number.isFinite(value)).toBe(true);
		// at most the purchases of an immortal customer at the posterior mean rate
		expect(value).toBeGreaterThan(0);
		expect(value).toBeLessThan((52 * (cdnow.r + 500)) / (cdnow.alpha + 100));
		expect(conditionalExpectedPurchases(cdnow, 0, 3, 10, 20)).toBe(0);
	});
});
