import { describe, expect, it } from 'vitest';
import {
	conditionalExpectedAverageValue,
	fitGammaGamma,
	frequencyMonetaryCorrelation,
	gammaGammaLogLikelihood,
	prepareGammaGammaData
} from './gamma-gamma.ts';
import { Sampler } from './simulate.ts';

describe('gammaGammaLogLikelihood', () => {
	it('matches hand-computed values', () => {
		// p = 1, q = 2, v = 1, x = 1, m = 1: lnG(3) - lnG(1) - lnG(2) + 0 + 0 + 0 - 3 ln 2 = ln 2 - 3 ln 2.
		expect(gammaGammaLogLikelihood({ p: 1, q: 2, v: 1 }, prepareGammaGammaData([1], [1]))).toBeCloseTo(-2 * Math.log(2), 14);
		// p = 2, q = 3, v = 4, x = 2, m = 3 (px = 4): lnG(7) - lnG(4) - lnG(3) + 3 ln 4 + 3 ln 3 + 4 ln 2 - 7 ln 10
		// = ln(720 / 6 / 2 * 64 * 27 * 16 / 10^7) = ln(0.165888).
		expect(gammaGammaLogLikelihood({ p: 2, q: 3, v: 4 }, prepareGammaGammaData([2], [3]))).toBeCloseTo(Math.log(0.165888), 13);
	});

	it('has an analytic gradient that agrees with central differences', () => {
		const data = prepareGammaGammaData([1, 2, 2, 7, 30], [12.5, 30, 8, 44, 19.99]);
		const params = { p: 6.2, q: 3.7, v: 15.4 };
		const gradient = new Float64Array(3);
		gammaGammaLogLikelihood(params, data, gradient);
		(['p', 'q', 'v'] as const).forEach((key, j) => {
			const h = 1e-6 * params[key];
			const numeric = (gammaGammaLogLikelihood({ ...params, [key]: params[key] + h }, data) - gammaGammaLogLikelihood({ ...params, [key]: params[key] - h }, data)) / (2 * h);
			expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
		});
	});
});

describe('conditionalExpectedAverageValue', () => {
	it('weights the population mean and the customer\'s own mean', () => {
		// p = 2, q = 3, v = 4, x = 2, m = 3: 2 (4 + 2*3) / (2*2 + 3 - 1) = 20 / 6.
		expect(conditionalExpectedAverageValue({ p: 2, q: 3, v: 4 }, 2, 3)).toBeCloseTo(20 / 6, 14);
		// x = 0: population mean p v / (q - 1) = 8 / 2.
		expect(conditionalExpectedAverageValue({ p: 2, q: 3, v: 4 }, 0, 0)).toBe(4);
		// q <= 1: the population mean is infinite, nothing to report.
		expect(conditionalExpectedAverageValue({ p: 2, q: 0.9, v: 4 }, 2, 3)).toBeNaN();
	});
});

describe('prepareGammaGammaData and the independence check', () => {
	it('keeps repeat customers with positive spend and counts the rest', () => {
		const data = prepareGammaGammaData([0, 1, 2, 3], [0, 10, -5, 7]);
		expect(data.n).toBe(2);
		expect(Array.from(data.m)).toEqual([10, 7]);
		expect(data.excludedNonPositive).toBe(1);
		expect(() => prepareGammaGammaData([1], [Number.NaN])).toThrow(/not a number/);
	});

	it('computes Pearson\'s r', () => {
		expect(frequencyMonetaryCorrelation(prepareGammaGammaData([1, 2, 3], [2, 4, 6]))).toBeCloseTo(1, 14);
		// x = 1, 2, 3; m = 5, 1, 3: deviations (-1, 0, 1) and (2, -2, 0): r = -2 / sqrt(2 * 8) = -0.5.
		expect(frequencyMonetaryCorrelation(prepareGammaGammaData([1, 2, 3], [5, 1, 3]))).toBeCloseTo(-0.5, 14);
		expect(frequencyMonetaryCorrelation(prepareGammaGammaData([1, 2, 3], [3, 3, 3]))).toBeNaN();
	});
});

describe('fitGammaGamma', () => {
	it('recovers the generating parameters of simulated spend within four standard errors', () => {
		const truth = { p: 6, q: 4, v: 15 };
		const sampler = new Sampler(42);
		const x: number[] = [];
		const m: number[] = [];
		for (let i = 0; i < 5000; i++) {
			const count = 1 + Math.floor(sampler.uniform() * 10);
			const nu = sampler.gamma(truth.q, truth.v);
			let sum = 0;
			for (let j = 0; j < count; j++) sum += sampler.gamma(truth.p, nu);
			x.push(count);
			m.push(sum / count);
		}
		const fit = fitGammaGamma(prepareGammaGammaData(x, m));
		expect(fit.status).toBe('ok');
		for (const key of ['p', 'q', 'v'] as const) {
			expect(Math.abs(fit.params![key] - truth[key])).toBeLessThan(4 * fit.standardErrors![key]);
		}
	});

	it('refuses too little or uniform data with a clear status', () => {
		const few = fitGammaGamma(prepareGammaGammaData([1, 2, 3], [10, 20, 30]));
		expect(few.status).toBe('insufficient_data');
		expect(few.params).toBeNull();
		expect(few.message).toMatch(/at least 30 customers with a positive spend/);
		const same = fitGammaGamma(prepareGammaGammaData(new Array(50).fill(2), new Array(50).fill(9.99)));
		expect(same.status).toBe('insufficient_data');
		expect(same.message).toMatch(/all with the same value/);
	});
});
