import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.ts';

describe('Nelder–Mead', () => {
	it("finds Rosenbrock's minimum at (1, 1)", () => {
		const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
		const result = nelderMead(rosenbrock, [-1.2, 1], { steps: [0.5, 0.5], maxEvaluations: 5000, relTol: 1e-14 });
		expect(result.x[0]).toBeCloseTo(1, 3);
		expect(result.x[1]).toBeCloseTo(1, 3);
		expect(result.converged).toBe(true);
	});

	it('minimises a shifted quadratic in four dimensions', () => {
		const target = [3, -2, 0.5, 10];
		const f = (x: Float64Array) => target.reduce((s, t, i) => s + (i + 1) * (x[i] - t) ** 2, 1);
		const result = nelderMead(f, [0, 0, 0, 0], { steps: [1, 1, 1, 1], maxEvaluations: 10000, relTol: 1e-15 });
		target.forEach((t, i) => expect(result.x[i]).toBeCloseTo(t, 4));
		expect(result.value).toBeCloseTo(1, 8);
	});

	it('treats NaN as +∞ and stops at the evaluation limit', () => {
		const result = nelderMead((x) => (x[0] < 0 ? NaN : (x[0] - 2) ** 2), [1], { steps: [1], maxEvaluations: 25 });
		expect(result.evaluations).toBeLessThanOrEqual(27);
		expect(result.x[0]).toBeGreaterThanOrEqual(0);
	});
});
