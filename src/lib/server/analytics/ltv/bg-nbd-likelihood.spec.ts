import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, mbgNbdLogLikelihood, prepareBgNbdData } from './bg-nbd-likelihood.ts';
import type { BgNbdParams } from './types.ts';

const ones: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 };

describe('bgNbdLogLikelihood', () => {
	it('matches hand-computed values at r = alpha = a = b = 1', () => {
		// x = 0, T = 2: LL = r ln(alpha) - r ln(alpha + T) = 0 - ln 3.
		expect(bgNbdLogLikelihood(ones, prepareBgNbdData([0], [0], [2]))).toBeCloseTo(-Math.log(3), 14);
		// x = 1, t_x = 1, T = 2: A1 = lnG(2) - lnG(1) + 0 = 0; A2 = lnG(2) + lnG(2) - lnG(1) - lnG(3) = -ln 2;
		// A3 = -2 ln 3; A4 = ln 1 - ln(1 + 1 - 1) - 2 ln 2 = -2 ln 2;
		// LL = -ln 2 + ln(1/9 + 1/4) = ln(13/72).
		expect(bgNbdLogLikelihood(ones, prepareBgNbdData([1], [1], [2]))).toBeCloseTo(Math.log(13 / 72), 14);
	});

	it('sums per-customer terms, and weights equal repeated rows', () => {
		const per = new Float64Array(2);
		const total = bgNbdLogLikelihood(ones, prepareBgNbdData([0, 1], [0, 1], [2, 2]), undefined, per);
		expect(per[0]).toBeCloseTo(-Math.log(3), 14);
		expect(per[1]).toBeCloseTo(Math.log(13 / 72), 14);
		expect(total).toBeCloseTo(per[0] + per[1], 14);
		const params = { r: 0.3, alpha: 5, a: 0.8, b: 2.5 };
		const repeated = bgNbdLogLikelihood(params, prepareBgNbdData([0, 3, 3, 3, 0], [0, 20, 20, 20, 0], [30, 35, 35, 35, 30]));
		const weighted = bgNbdLogLikelihood(params, prepareBgNbdData([0, 3], [0, 20], [30, 35], [2, 3]));
		expect(weighted).toBeCloseTo(repeated, 11);
	});

	it('has an analytic gradient that agrees with central differences', () => {
		const data = prepareBgNbdData([0, 1, 2, 5, 30, 0], [0, 3, 10.5, 20, 38, 0], [40, 12, 30, 25, 39, 0]);
		for (const params of [{ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, { r: 2, alpha: 0.5, a: 3, b: 0.2 }]) {
			const gradient = new Float64Array(4);
			bgNbdLogLikelihood(params, data, gradient);
			(['r', 'alpha', 'a', 'b'] as const).forEach((key, j) => {
				const h = 1e-6 * params[key];
				const numeric = (bgNbdLogLikelihood({ ...params, [key]: params[key] + h }, data) - bgNbdLogLikelihood({ ...params, [key]: params[key] - h }, data)) / (2 * h);
				expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
			});
		}
	});

	it('stays finite for a heavy buyer whose last purchase is long ago (log-sum-exp)', () => {
		// A3 = -400.24 ln(504.4) ~ -2491 and A4 ~ -400.24 ln(14.4) ~ -1068: exp() of either is 0,
		// so ln(exp(A3) + exp(A4)) computed directly would be -Infinity.
		const params = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
		expect(Math.log(Math.exp(-400.24 * Math.log(504.4)) + Math.exp(-400.24 * Math.log(14.4)))).toBe(-Infinity);
		const lapsed = bgNbdLogLikelihood(params, prepareBgNbdData([400], [10], [500]));
		const justBought = bgNbdLogLikelihood(params, prepareBgNbdData([400], [10], [11]));
		expect(Number.isFinite(lapsed)).toBe(true);
		// Same purchase times; 489 more silent weeks can only lower the likelihood (A3 falls, A4 stays).
		expect(lapsed).toBeLessThan(justBought);
	});
});

describe('mbgNbdLogLikelihood', () => {
	it('matches hand-computed values at r = alpha = a = b = 1', () => {
		// Likelihood (1 - p)^(x+1) lambda^x e^(-lambda T) + p (1 - p)^x lambda^x e^(-lambda t_x) (death after any purchase),
		// averaged over p ~ Beta(1, 1) and lambda ~ Gamma(1, 1) (density e^-lambda):
		// x = 0, T = 2: E[1 - p] E[e^(-2 lambda)] + E[p] = 1/2 * 1/3 + 1/2 = 2/3 (BG/NBD: 1/3, no death without a repeat).
		expect(mbgNbdLogLikelihood(ones, prepareBgNbdData([0], [0], [2]))).toBeCloseTo(Math.log(2 / 3), 14);
		// x = 1, t_x = 1, T = 2: E[(1 - p)^2] E[lambda e^(-2 lambda)] + E[p (1 - p)] E[lambda e^(-lambda)] = 1/3 * 1/9 + 1/6 * 1/4 = 17/216.
		expect(mbgNbdLogLikelihood(ones, prepareBgNbdData([1], [1], [2]))).toBeCloseTo(Math.log(17 / 216), 14);
	});

	it('has an analytic gradient that agrees with central differences, one-time buyers included', () => {
		const data = prepareBgNbdData([0, 1, 2, 5, 30, 0], [0, 3, 10.5, 20, 38, 0], [40, 12, 30, 25, 39, 0]);
		for (const params of [{ r: 0.52, alpha: 6.2, a: 0.89, b: 1.6 }, { r: 2, alpha: 0.5, a: 3, b: 0.2 }]) {
			const gradient = new Float64Array(4);
			mbgNbdLogLikelihood(params, data, gradient);
			(['r', 'alpha', 'a', 'b'] as const).forEach((key, j) => {
				const h = 1e-6 * params[key];
				const numeric = (mbgNbdLogLikelihood({ ...params, [key]: params[key] + h }, data) - mbgNbdLogLikelihood({ ...params, [key]: params[key] - h }, data)) / (2 * h);
				expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
			});
		}
	});
});

describe('prepareBgNbdData', () => {
	it('rejects data that breaks the model\'s rules, naming the customer', () => {
		expect(() => prepareBgNbdData([1.5], [1], [2])).toThrow(/non-negative integer \(customer #0/);
		expect(() => prepareBgNbdData([1], [3], [2])).toThrow(/0 <= recency <= T/);
		expect(() => prepareBgNbdData([0], [1], [2])).toThrow(/recency must be 0 when frequency is 0/);
		expect(() => prepareBgNbdData([0], [0], [2], [-1])).toThrow(/weights/);
		expect(() => prepareBgNbdData([0, 1], [0], [2, 3])).toThrow(/equal lengths/);
	});
});
