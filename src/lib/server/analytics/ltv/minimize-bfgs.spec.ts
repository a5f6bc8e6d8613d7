import { describe, expect, it } from 'vitest';
import { hessianFromGradient, invertMatrix } from './hessian.ts';
import { minimizeBfgs, type ObjectiveWithGradient } from './minimize-bfgs.ts';

// Rosenbrock: f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1).
const rosenbrock: ObjectiveWithGradient = (p, g) => {
	const [x, y] = [p[0], p[1]];
	g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
	g[1] = 200 * (y - x * x);
	return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
};

describe('minimizeBfgs', () => {
	it('finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
		const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(1, 7);
		expect(result.x[1]).toBeCloseTo(1, 7);
		expect(result.value).toBeLessThan(1e-14);
		expect(result.iterations).toBeLessThan(100);
	});

	it('solves a convex quadratic exactly: minimum of 0.5 x\'Ax - b\'x is A^-1 b', () => {
		// A = [[4, 1], [1, 3]], b = [1, 2]; A^-1 = [[3, -1], [-1, 4]] / 11, so x* = (1/11, 7/11).
		const quadratic: ObjectiveWithGradient = (x, g) => {
			g[0] = 4 * x[0] + x[1] - 1;
			g[1] = x[0] + 3 * x[1] - 2;
			return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
		};
		const result = minimizeBfgs(quadratic, [5, -5]);
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(1 / 11, 9);
		expect(result.x[1]).toBeCloseTo(7 / 11, 9);
	});

	it('backs off from steps where the objective is not finite', () => {
		// f = x - ln(x) is defined for x > 0 only (NaN beyond); minimum at x = 1.
		const barrier: ObjectiveWithGradient = (x, g) => {
			g[0] = 1 - 1 / x[0];
			return x[0] > 0 ? x[0] - Math.log(x[0]) : Number.NaN;
		};
		const result = minimizeBfgs(barrier, [0.05]);
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(1, 8);
	});

	it('reports non-convergence at the iteration limit and refuses a non-finite start', () => {
		const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
		expect(result.converged).toBe(false);
		expect(result.message).toBe('iteration limit reached');
		expect(() => minimizeBfgs(() => Number.NaN, [0])).toThrow(/not finite at the starting point/);
	});
});

describe('hessian and inverse', () => {
	it('recovers the Rosenbrock Hessian at (1, 1) and inverts it', () => {
		// d2f/dx2 = 2 - 400 (y - 3x^2) = 802, d2f/dxdy = -400 x = -400, d2f/dy2 = 200.
		const h = hessianFromGradient(rosenbrock, [1, 1]);
		expect(h[0]).toBeCloseTo(802, 4);
		expect(h[1]).toBeCloseTo(-400, 4);
		expect(h[3]).toBeCloseTo(200, 4);
		// det = 802*200 - 400^2 = 400; inverse = [[200, 400], [400, 802]] / 400.
		const inv = invertMatrix(h, 2)!;
		expect(inv[0]).toBeCloseTo(0.5, 6);
		expect(inv[1]).toBeCloseTo(1, 6);
		expect(inv[3]).toBeCloseTo(2.005, 6);
		expect(invertMatrix(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
	});
});
