import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1MinusOneOverB } from './hyp2f1.ts';

// Closed forms (Abramowitz & Stegun 15.1.3-15.1.8 and the binomial series).
describe('hyp2f1', () => {
	it('2F1(1, 1; 2; z) = -ln(1 - z) / z', () => {
		for (const z of [-0.9, -0.5, -0.01, 0.001, 0.3, 0.7, 0.95, 0.99]) {
			expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 12);
		}
	});

	it('2F1(a, b; b; z) = (1 - z)^-a', () => {
		for (const [a, b] of [
			[0.243, 2.426],
			[-0.207, 1.7],
			[3.5, 0.2],
			[30, 31.5]
		]) {
			for (const z of [-0.6, 0.1, 0.5, 0.9]) {
				const exact = Math.pow(1 - z, -a);
				expect(Math.abs(hyp2f1(a, b, b, z) - exact) / exact).toBeLessThan(1e-12);
			}
		}
	});

	it('2F1(1/2, 1/2; 3/2; z^2) = arcsin(z) / z and 2F1(1/2, 1; 3/2; -z^2) = arctan(z) / z', () => {
		for (const z of [0.1, 0.5, 0.8, 0.95]) {
			expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
			expect(hyp2f1(0.5, 1, 1.5, -z * z)).toBeCloseTo(Math.atan(z) / z, 12);
		}
	});

	it('terminates for a negative integer numerator parameter (a polynomial)', () => {
		// 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2 / (c(c+1)); b = 3, c = 4, z = 0.5:
		// 1 - 2*3*0.5/4 + 3*4*0.25/(4*5) = 1 - 0.75 + 0.15 = 0.4
		expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(0.4, 14);
	});

	it('is 1 at z = 0 and rejects |z| >= 1 and poles in c', () => {
		expect(hyp2f1(2, 3, 4, 0)).toBe(1);
		expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/\|z\| must be below 1/);
		expect(() => hyp2f1(1, 1, 2, -1.5)).toThrow(/\|z\| must be below 1/);
		expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
	});

	it('throws rather than return an unconverged sum', () => {
		expect(() => hyp2f1(1, 1, 2, 0.999, { maxTerms: 50 })).toThrow(/did not converge in 50 terms/);
	});
});

describe('hyp2f1MinusOneOverB', () => {
	it('equals (2F1 - 1) / b away from b = 0', () => {
		// With c = a: 2F1(a, b; a; z) = (1 - z)^-b, so the quantity is ((1 - z)^-b - 1) / b.
		for (const [a, b, z] of [
			[2.2, 0.5, 0.4],
			[1.45, -0.207, 0.93],
			[5, 3, -0.5]
		]) {
			const exact = (Math.pow(1 - z, -b) - 1) / b;
			expect(Math.abs(hyp2f1MinusOneOverB(a, b, a, z) - exact) / Math.abs(exact)).toBeLessThan(1e-12);
			expect(hyp2f1MinusOneOverB(a, b, a + 0.7, z)).toBeCloseTo((hyp2f1(a, b, a + 0.7, z) - 1) / b, 12);
		}
	});

	it('has the finite limit -ln(1 - z) at b = 0 when c = a', () => {
		// d/db (1 - z)^-b at b = 0 is -ln(1 - z).
		for (const z of [0.2, 0.6, 0.97]) {
			expect(hyp2f1MinusOneOverB(1.7, 0, 1.7, z)).toBeCloseTo(-Math.log1p(-z), 12);
			expect(hyp2f1MinusOneOverB(1.7, 1e-12, 1.7, z)).toBeCloseTo(-Math.log1p(-z), 10);
		}
	});
});
