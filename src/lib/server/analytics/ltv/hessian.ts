// Observed information at a maximum-likelihood estimate: the Hessian by central
// differences of the analytic gradient (one order of accuracy better than
// differencing the function twice), and its inverse for standard errors.

import type { ObjectiveWithGradient } from './minimize-bfgs.ts';

/** Symmetrised Hessian of the objective at x, row-major n*n. */
export function hessianFromGradient(fg: ObjectiveWithGradient, x: ArrayLike<number>, step = 1e-5): Float64Array {
	const n = x.length;
	const hessian = new Float64Array(n * n);
	const point = Float64Array.from(x);
	const gPlus = new Float64Array(n);
	const gMinus = new Float64Array(n);
	for (let j = 0; j < n; j++) {
		const h = step * Math.max(1, Math.abs(x[j]));
		point[j] = x[j] + h;
		fg(point, gPlus);
		point[j] = x[j] - h;
		fg(point, gMinus);
		point[j] = x[j];
		for (let i = 0; i < n; i++) hessian[i * n + j] = (gPlus[i] - gMinus[i]) / (2 * h);
	}
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const mean = (hessian[i * n + j] + hessian[j * n + i]) / 2;
			hessian[i * n + j] = mean;
			hessian[j * n + i] = mean;
		}
	}
	return hessian;
}

/** Inverse of a small dense matrix by Gauss-Jordan with partial pivoting; null when singular. */
export function invertMatrix(matrix: Float64Array, n: number): Float64Array | null {
	const a = Float64Array.from(matrix);
	const inv = new Float64Array(n * n);
	for (let i = 0; i < n; i++) inv[i * n + i] = 1;
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let row = col + 1; row < n; row++) {
			if (Math.abs(a[row * n + col]) > Math.abs(a[pivot * n + col])) pivot = row;
		}
		const p = a[pivot * n + col];
		if (!Number.isFinite(p) || Math.abs(p) < 1e-300) return null;
		if (pivot !== col) {
			for (let k = 0; k < n; k++) {
				[a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
				[inv[col * n + k], inv[pivot * n + k]] = [inv[pivot * n + k], inv[col * n + k]];
			}
		}
		for (let k = 0; k < n; k++) {
			a[col * n + k] /= p;
			inv[col * n + k] /= p;
		}
		for (let row = 0; row < n; row++) {
			if (row === col) continue;
			const factor = a[row * n + col];
			if (factor === 0) continue;
			for (let k = 0; k < n; k++) {
				a[row * n + k] -= factor * a[col * n + k];
				inv[row * n + k] -= factor * inv[col * n + k];
			}
		}
	}
	return inv;
}
