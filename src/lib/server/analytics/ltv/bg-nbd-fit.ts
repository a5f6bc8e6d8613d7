// Maximum-likelihood fit of the BG/NBD and MBG/NBD models (no penalty, like lifetimes' default).

import { bgNbdLogLikelihood, mbgNbdLogLikelihood, type BgNbdData } from './bg-nbd-likelihood.ts';
import { fitInLogSpace } from './fit-log-space.ts';
import type { BgNbdParams, FitReport } from './types.ts';

export interface BgNbdFitOptions {
	/**
	 * Below these counts the four parameters are not identified well enough to be worth
	 * reporting (a and b are learnt only from repeat buyers' gaps and silences), and the
	 * fit returns status 'insufficient_data'. Defaults: 100 customers, 30 repeat customers.
	 */
	minCustomers?: number;
	minRepeatCustomers?: number;
	/** Starting points [r, alpha, a, b]; default: four spread around the data's time scale. */
	starts?: number[][];
}

export const BG_NBD_MIN_CUSTOMERS = 100;
export const BG_NBD_MIN_REPEAT_CUSTOMERS = 30;
/** Parameters outside this range mean the fit ran to a boundary of the parameter space. */
const PARAMETER_RANGE: [number, number] = [1e-6, 1e6];

function defaultStarts(data: BgNbdData): number[][] {
	let meanT = 0;
	for (let i = 0; i < data.n; i++) meanT += data.weight[i] * data.T[i];
	const scale = Math.max(meanT / Math.max(data.totalWeight, 1), 1e-3);
	return [
		[1, scale, 1, 1],
		[0.5, scale / 4, 0.5, 3],
		[2, scale * 2, 2, 0.5],
		[0.25, scale / 10, 1, 5]
	];
}

function toParams(values: ArrayLike<number>): BgNbdParams {
	return { r: values[0], alpha: values[1], a: values[2], b: values[3] };
}

export function fitBgNbd(data: BgNbdData, options: BgNbdFitOptions = {}): FitReport<BgNbdParams> {
	return fitBetaGeometric('BG/NBD', bgNbdLogLikelihood, data, options);
}

/** MBG/NBD: the same four parameters, with dropout possible right after the first purchase. */
export function fitMbgNbd(data: BgNbdData, options: BgNbdFitOptions = {}): FitReport<BgNbdParams> {
	return fitBetaGeometric('MBG/NBD', mbgNbdLogLikelihood, data, options);
}

function fitBetaGeometric(
	label: string,
	likelihood: typeof bgNbdLogLikelihood,
	data: BgNbdData,
	options: BgNbdFitOptions
): FitReport<BgNbdParams> {
	const minCustomers = options.minCustomers ?? BG_NBD_MIN_CUSTOMERS;
	const minRepeat = options.minRepeatCustomers ?? BG_NBD_MIN_REPEAT_CUSTOMERS;
	let repeat = 0;
	for (let i = 0; i < data.n; i++) if (data.x[i] > 0) repeat += data.weight[i];
	const empty = { params: null, logLikelihood: null, standardErrors: null, observations: data.totalWeight, converged: false, iterations: 0, evaluations: 0, gradientMaxAbs: Number.NaN, starts: [] };
	if (data.totalWeight < minCustomers || repeat < minRepeat) {
		return {
			...empty,
			status: 'insufficient_data',
			message: `${label} needs at least ${minCustomers} customers and ${minRepeat} with a repeat purchase; have ${data.totalWeight} and ${repeat}`
		};
	}
	const scratch = { r: 0, alpha: 0, a: 0, b: 0 };
	const fit = fitInLogSpace({
		observations: data.totalWeight,
		starts: options.starts ?? defaultStarts(data),
		logLikelihood(p, gradient) {
			scratch.r = p[0];
			scratch.alpha = p[1];
			scratch.a = p[2];
			scratch.b = p[3];
			return likelihood(scratch, data, gradient);
		}
	});
	const params = toParams(fit.params);
	const outside = (['r', 'alpha', 'a', 'b'] as const).filter((k) => !(params[k] >= PARAMETER_RANGE[0] && params[k] <= PARAMETER_RANGE[1]));
	const status = !fit.converged ? 'not_converged' : outside.length > 0 ? 'degenerate' : 'ok';
	const message =
		status === 'not_converged'
			? `${label} optimiser stopped without converging (${fit.message}; max |gradient| ${fit.gradientMaxAbs.toExponential(2)})`
			: status === 'degenerate'
				? `${label} fit ran to the edge of the parameter space (${outside.map((k) => `${k} = ${params[k].toPrecision(3)}`).join(', ')}); predictions are unreliable`
				: `converged after ${fit.iterations} iterations (max |gradient| ${fit.gradientMaxAbs.toExponential(2)})`;
	return {
		status,
		message,
		params,
		logLikelihood: fit.logLikelihood,
		standardErrors: fit.standardErrors ? toParams(fit.standardErrors) : null,
		observations: data.totalWeight,
		converged: fit.converged,
		iterations: fit.iterations,
		evaluations: fit.evaluations,
		gradientMaxAbs: fit.gradientMaxAbs,
		starts: fit.starts
	};
}
