// Maximum likelihood over positive parameters, shared by the BG/NBD and Gamma-Gamma
// fits: optimise theta = ln(params) (positivity for free, better conditioning) with
// BFGS from several starting points, keep the best, and derive standard errors from
// the observed information by the delta method (se(p) = p * se(theta)).

import { hessianFromGradient, invertMatrix } from './hessian.ts';
import { minimizeBfgs, type ObjectiveWithGradient } from './minimize-bfgs.ts';
import type { FitStart } from './types.ts';

export interface LogSpaceProblem {
	/** Total log-likelihood at natural parameters; fills dLL/dparam when gradient is given. */
	logLikelihood(params: Float64Array, gradient?: Float64Array): number;
	/** Weighted number of observations; the objective is -LL / observations for conditioning. */
	observations: number;
	starts: number[][];
	gradientTolerance?: number;
	maxIterations?: number;
}

export interface LogSpaceFit {
	params: Float64Array;
	logLikelihood: number;
	standardErrors: Float64Array | null;
	converged: boolean;
	iterations: number;
	evaluations: number;
	gradientMaxAbs: number;
	message: string;
	starts: FitStart[];
}

export function fitInLogSpace(problem: LogSpaceProblem): LogSpaceFit {
	const { observations } = problem;
	const dim = problem.starts[0].length;
	const natural = new Float64Array(dim);
	const naturalGradient = new Float64Array(dim);
	const objective: ObjectiveWithGradient = (theta, gradient) => {
		for (let j = 0; j < dim; j++) natural[j] = Math.exp(theta[j]);
		const ll = problem.logLikelihood(natural, naturalGradient);
		for (let j = 0; j < dim; j++) gradient[j] = (-natural[j] * naturalGradient[j]) / observations;
		return -ll / observations;
	};

	const starts: FitStart[] = [];
	let best: ReturnType<typeof minimizeBfgs> | null = null;
	let evaluations = 0;
	for (const start of problem.starts) {
		const theta0 = start.map(Math.log);
		let result: ReturnType<typeof minimizeBfgs>;
		try {
			result = minimizeBfgs(objective, theta0, {
				gradientTolerance: problem.gradientTolerance ?? 1e-8,
				maxIterations: problem.maxIterations ?? 1000
			});
		} catch (error) {
			starts.push({ start, params: [], logLikelihood: Number.NaN, converged: false, iterations: 0, evaluations: 0, message: (error as Error).message });
			continue;
		}
		evaluations += result.evaluations;
		const params = Array.from(result.x, Math.exp);
		starts.push({ start, params, logLikelihood: -result.value * observations, converged: result.converged, iterations: result.iterations, evaluations: result.evaluations, message: result.message });
		// Prefer a converged run; among equals the higher likelihood.
		if (!best || (result.converged && !best.converged) || (result.converged === best.converged && result.value < best.value)) best = result;
	}
	if (!best) throw new Error(`no starting point gave a finite likelihood: ${starts.map((s) => s.message).join('; ')}`);

	const params = best.x.map(Math.exp);
	const hessian = hessianFromGradient(objective, best.x);
	for (let j = 0; j < hessian.length; j++) hessian[j] *= observations;
	const covariance = invertMatrix(hessian, dim);
	let standardErrors: Float64Array | null = null;
	if (covariance) {
		standardErrors = new Float64Array(dim);
		for (let j = 0; j < dim; j++) {
			const variance = covariance[j * dim + j];
			standardErrors[j] = variance > 0 ? params[j] * Math.sqrt(variance) : Number.NaN;
		}
	}
	return {
		params,
		logLikelihood: -best.value * observations,
		standardErrors,
		converged: best.converged,
		iterations: best.iterations,
		evaluations,
		gradientMaxAbs: best.gradientMaxAbs,
		message: best.message,
		starts
	};
}
