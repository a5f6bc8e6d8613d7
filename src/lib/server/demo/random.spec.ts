import { describe, expect, it } from 'vitest';
import { Rng, Scatter, WeightedTable } from './random.ts';

const N = 40_000;
function moments(draw: () => number): { mean: number; variance: number } {
	let sum = 0;
	let squares = 0;
	for (let i = 0; i < N; i++) {
		const x = draw();
		sum += x;
		squares += x * x;
	}
	const mean = sum / N;
	return { mean, variance: squares / N - mean * mean };
}

describe('seeded random numbers', () => {
	it('repeats the same sequence for the same seed and another for another seed', () => {
		const a = Rng.derive(1, 'x');
		const b = Rng.derive(1, 'x');
		const c = Rng.derive(2, 'x');
		const seq = (r: Rng) => Array.from({ length: 5 }, () => r.int(1_000_000));
		const first = seq(a);
		expect(seq(b)).toEqual(first);
		expect(seq(c)).not.toEqual(first);
		expect(seq(Rng.derive(1, 'y'))).not.toEqual(first);
	});

	it('draws Gamma, Beta, Poisson and log-normal with their textbook moments', () => {
		const rng = new Rng(7);
		// Gamma(shape 2, scale 3): mean 6, variance 18; the standard error of the mean is √(18/40000) ≈ 0.021.
		const g = moments(() => rng.gamma(2, 3));
		expect(g.mean).toBeCloseTo(6, 0);
		expect(Math.abs(g.mean - 6)).toBeLessThan(0.1);
		expect(Math.abs(g.variance - 18)).toBeLessThan(1.2);
		// Gamma with shape below 1 (0.5, scale 2): mean 1, variance 2.
		const small = moments(() => rng.gamma(0.5, 2));
		expect(Math.abs(small.mean - 1)).toBeLessThan(0.05);
		// Beta(2, 6): mean 0.25, variance ab/((a+b)²(a+b+1)) = 12/576 ≈ 0.0208.
		const b = moments(() => rng.beta(2, 6));
		expect(Math.abs(b.mean - 0.25)).toBeLessThan(0.005);
		expect(Math.abs(b.variance - 12 / 576)).toBeLessThan(0.002);
		// Poisson(3.5) and Poisson(80): mean = variance.
		const p = moments(() => rng.poisson(3.5));
		expect(Math.abs(p.mean - 3.5)).toBeLessThan(0.06);
		expect(Math.abs(p.variance - 3.5)).toBeLessThan(0.2);
		expect(Math.abs(moments(() => rng.poisson(80)).mean - 80)).toBeLessThan(0.3);
		// Log-normal(median 10, σ 0.5): mean 10·e^(σ²/2) = 11.33.
		expect(Math.abs(moments(() => rng.lognormal(10, 0.5)).mean - 11.33)).toBeLessThan(0.1);
	});

	it('picks by weight', () => {
		const rng = new Rng(3);
		const table = new WeightedTable([1, 0, 3]);
		const counts = [0, 0, 0];
		for (let i = 0; i < N; i++) counts[table.draw(rng)]++;
		expect(counts[1]).toBe(0);
		expect(Math.abs(counts[2] / N - 0.75)).toBeLessThan(0.01);
	});

	it('scatters indices without repeating any', () => {
		for (const size of [1000, 9000, 90_000]) {
			const scatter = new Scatter(size, 42);
			const seen = new Set<number>();
			for (let i = 0; i < size; i++) seen.add(scatter.at(i));
			expect(seen.size).toBe(size);
			expect(Math.max(...seen)).toBe(size - 1);
		}
	});
});
