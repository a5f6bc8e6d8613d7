import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bg-nbd-fit.ts';
import { prepareBgNbdData } from './bg-nbd-likelihood.ts';
import { Sampler, simulateRepeatTimes } from './simulate.ts';
import type { BgNbdParams } from './types.ts';

function simulateSummary(params: BgNbdParams, customers: number, maxT: number, seed: number) {
	const sampler = new Sampler(seed);
	const x: number[] = [];
	const tx: number[] = [];
	const T: number[] = [];
	for (let i = 0; i < customers; i++) {
		const age = sampler.uniform() * maxT;
		const times = simulateRepeatTimes(sampler, params, age);
		x.push(times.length);
		tx.push(times.length > 0 ? times[times.length - 1] : 0);
		T.push(age);
	}
	return prepareBgNbdData(x, tx, T);
}

describe('fitBgNbd', () => {
	it('recovers the generating parameters of simulated customers within four standard errors, from every start', () => {
		const truth = { r: 0.5, alpha: 6, a: 1.2, b: 3 };
		const fit = fitBgNbd(simulateSummary(truth, 20000, 78, 2024));
		expect(fit.status).toBe('ok');
		for (const key of ['r', 'alpha', 'a', 'b'] as const) {
			expect(Math.abs(fit.params![key] - truth[key])).toBeLessThan(4 * fit.standardErrors![key]);
		}
		// all four starting points reach the same maximum
		for (const start of fit.starts) expect(Math.abs(start.logLikelihood - fit.logLikelihood!)).toBeLessThan(1e-6);
	});

	it('returns insufficient_data (and no parameters) below 100 customers or 30 repeat customers', () => {
		const tiny = fitBgNbd(prepareBgNbdData([0, 1, 2], [0, 2, 5], [10, 10, 10]));
		expect(tiny.status).toBe('insufficient_data');
		expect(tiny.params).toBeNull();
		expect(tiny.message).toBe('BG/NBD needs at least 100 customers and 30 with a repeat purchase; have 3 and 2');
		// 500 customers but only 10 repeaters
		const x = Array.from({ length: 500 }, (_, i) => (i < 10 ? 1 : 0));
		const few = fitBgNbd(prepareBgNbdData(x, x.map((v) => v * 3), x.map(() => 20)));
		expect(few.status).toBe('insufficient_data');
		// thresholds are options
		const relaxed = fitBgNbd(prepareBgNbdData(x, x.map((v) => v * 3), x.map(() => 20)), { minRepeatCustomers: 5 });
		expect(relaxed.status).not.toBe('insufficient_data');
		expect(relaxed.params).not.toBeNull();
	});
});
