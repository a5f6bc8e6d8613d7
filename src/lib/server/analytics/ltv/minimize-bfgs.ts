// Quasi-Newton (BFGS) minimisation with analytic gradients and a backtracking
// Armijo line search (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 6.1
// and 3.1).
//
// Why not Nelder-Mead (the `fmin` package): its 0.0.4 release reads the simplex-size
// tolerance from the wrong option (`minTolerance = parameters.minErrorDelta`) and has
// no gradient-based stopping rule, and the simplex method needs hundreds of
// likelihood evaluations for four parameters where BFGS needs a few dozen. Our
// likelihoods have cheap closed-form gradients (digamma and rational terms), so a
// gradient method both converges tighter and reports a checkable criterion
// (max |gradient|) instead of a simplex diameter.

export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface BfgsOptions {
	/** Stop when max |gradient| falls to this (default 1e-8). */
	gradientTolerance?: number;
	/** Iteration limit (default 500). */
	maxIterations?: number;
	/** Largest step length (in the units of x) tried by the line search (default 2). */
	maxStep?: number;
}

export interface BfgsResult {
	x: Float64Array;
	value: number;
	gradient: Float64Array;
	gradientMaxAbs: number;
	iterations: number;
	evaluations: number;
	converged: boolean;
	message: string;
}

const ARMIJO = 1e-4;
const MIN_STEP = 1e-20;
const NOISE_STEP = 1e-6;
/** Iterations in a row without a relative decrease above STALL_DECREASE before we call it done. */
const STALL_ITERATIONS = 5;
const STALL_DECREASE = 1e-14;

function maxAbs(v: Float64Array): number {
	let m = 0;
	for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
	return m;
}

function dot(a: Float64Array, b: Float64Array): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i] * b[i];
	return s;
}

/** H <- (I - rho s y') H (I - rho y s') + rho s s', the BFGS inverse-Hessian update. */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, n: number): void {
	const rho = 1 / dot(y, s);
	const hy = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		let acc = 0;
		for (let j = 0; j < n; j++) acc += h[i * n + j] * y[j];
		hy[i] = acc;
	}
	const yhy = dot(y, hy);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
		}
	}
}

export function minimizeBfgs(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
	const n = x0.length;
	const gradientTolerance = options.gradientTolerance ?? 1e-8;
	const maxIterations = options.maxIterations ?? 500;
	const maxStep = options.maxStep ?? 2;

	let x = Float64Array.from(x0);
	let g = new Float64Array(n);
	let f = fg(x, g);
	let evaluations = 1;
	if (!Number.isFinite(f)) throw new Error(`minimizeBfgs: objective is not finite at the starting point (${f})`);

	const h = new Float64Array(n * n);
	for (let i = 0; i < n; i++) h[i * n + i] = 1;
	const direction = new Float64Array(n);
	const s = new Float64Array(n);
	const y = new Float64Array(n);
	let trialX = new Float64Array(n);
	let trialG = new Float64Array(n);
	let firstUpdate = true;
	let stalled = 0;

	for (let iteration = 0; iteration < maxIterations; iteration++) {
		const gmax = maxAbs(g);
		if (gmax <= gradientTolerance) {
			return { x, value: f, gradient: g, gradientMaxAbs: gmax, iterations: iteration, evaluations, converged: true, message: 'gradient below tolerance' };
		}
		for (let i = 0; i < n; i++) {
			let acc = 0;
			for (let j = 0; j < n; j++) acc -= h[i * n + j] * g[j];
			direction[i] = acc;
		}
		let slope = dot(direction, g);
		if (!(slope < 0)) {
			// The quasi-Newton direction went uphill (lost positive definiteness): restart from steepest descent.
			h.fill(0);
			for (let i = 0; i < n; i++) {
				h[i * n + i] = 1;
				direction[i] = -g[i];
			}
			slope = dot(direction, g);
			firstUpdate = true;
		}
		const length = Math.sqrt(dot(direction, direction));
		let step = length > maxStep ? maxStep / length : 1;
		let trialF = Number.NaN;
		while (step >= MIN_STEP) {
			for (let i = 0; i < n; i++) trialX[i] = x[i] + step * direction[i];
			trialF = fg(trialX, trialG);
			evaluations++;
			if (Number.isFinite(trialF) && trialF <= f + ARMIJO * step * slope) break;
			// With the gradient already small, a search that has shrunk this far is chasing rounding noise.
			if (step < NOISE_STEP && gmax <= Math.sqrt(gradientTolerance)) {
				step = 0;
				break;
			}
			// Quadratic interpolation of the step where that is informative, halving otherwise.
			const quadratic = Number.isFinite(trialF) ? (-slope * step * step) / (2 * (trialF - f - slope * step)) : Number.NaN;
			step = quadratic > 0.1 * step && quadratic < 0.5 * step ? quadratic : step * 0.5;
		}
		// At the optimum rounding noise in the gradient can keep it just above the tolerance
		// while steps no longer lower f; then a small gradient is as good as it gets.
		stalled = step >= MIN_STEP && f - trialF > STALL_DECREASE * Math.max(1, Math.abs(f)) ? 0 : stalled + 1;
		if (step < MIN_STEP || stalled >= STALL_ITERATIONS) {
			const converged = gmax <= Math.sqrt(gradientTolerance);
			return {
				x, value: f, gradient: g, gradientMaxAbs: gmax, iterations: iteration, evaluations, converged,
				message: converged ? 'no further decrease at machine precision; gradient small' : 'line search failed'
			};
		}
		for (let i = 0; i < n; i++) {
			s[i] = trialX[i] - x[i];
			y[i] = trialG[i] - g[i];
		}
		const sy = dot(s, y);
		if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
			if (firstUpdate) {
				// Scale the initial identity to the curvature just seen (N&W eq. 6.20).
				const scale = sy / dot(y, y);
				h.fill(0);
				for (let i = 0; i < n; i++) h[i * n + i] = scale;
				firstUpdate = false;
			}
			updateInverseHessian(h, s, y, n);
		}
		[x, trialX] = [trialX, x];
		[g, trialG] = [trialG, g];
		f = trialF;
	}
	const gmax = maxAbs(g);
	return { x, value: f, gradient: g, gradientMaxAbs: gmax, iterations: maxIterations, evaluations, converged: gmax <= gradientTolerance, message: 'iteration limit reached' };
}
