// Nelder–Mead simplex minimiser (Nelder & Mead 1965, standard coefficients 1, 2, ½, ½)
// with R optim's relative stopping rule. Own implementation rather than the installed
// `fmin`: its stop test is absolute in f (never met for sums of squares in the
// millions) and it allocates per step; model fitting calls this tens of thousands of times.

export interface MinimiseOptions {
	/** Initial simplex step for each coordinate. */
	steps: ArrayLike<number>;
	maxEvaluations?: number;
	/** Stop when max f − min f over the simplex ≤ relTol·(|min f| + relTol). */
	relTol?: number;
}

export interface MinimiseResult {
	x: Float64Array;
	value: number;
	evaluations: number;
	converged: boolean;
}

export function nelderMead(
	objective: (x: Float64Array) => number,
	start: ArrayLike<number>,
	options: MinimiseOptions
): MinimiseResult {
	const dim = start.length;
	const maxEvaluations = options.maxEvaluations ?? 200 * dim + 200;
	const relTol = options.relTol ?? 1.490116e-8;
	const points: Float64Array[] = [];
	const values = new Float64Array(dim + 1);
	let evaluations = 0;
	const evaluate = (x: Float64Array) => {
		evaluations++;
		const v = objective(x);
		return Number.isNaN(v) ? Infinity : v;
	};
	for (let i = 0; i <= dim; i++) {
		const p = Float64Array.from(start);
		if (i > 0) p[i - 1] += options.steps[i - 1];
		points.push(p);
		values[i] = evaluate(p);
	}
	const centroid = new Float64Array(dim);
	const reflected = new Float64Array(dim);
	const trial = new Float64Array(dim);
	let converged = false;
	while (evaluations < maxEvaluations) {
		let best = 0;
		let worst = 0;
		for (let i = 1; i <= dim; i++) {
			if (values[i] < values[best]) best = i;
			if (values[i] > values[worst]) worst = i;
		}
		let secondWorst = best;
		for (let i = 0; i <= dim; i++) if (i !== worst && values[i] > values[secondWorst]) secondWorst = i;
		const fBest = values[best];
		if (Number.isFinite(values[worst]) && values[worst] - fBest <= relTol * (Math.abs(fBest) + relTol)) {
			converged = true;
			break;
		}
		centroid.fill(0);
		for (let i = 0; i <= dim; i++) {
			if (i === worst) continue;
			const p = points[i];
			for (let j = 0; j < dim; j++) centroid[j] += p[j] / dim;
		}
		const pw = points[worst];
		for (let j = 0; j < dim; j++) reflected[j] = 2 * centroid[j] - pw[j];
		const fReflected = evaluate(reflected);
		if (fReflected < fBest) {
			for (let j = 0; j < dim; j++) trial[j] = 3 * centroid[j] - 2 * pw[j];
			const fExpanded = evaluate(trial);
			if (fExpanded < fReflected) replace(worst, trial, fExpanded);
			else replace(worst, reflected, fReflected);
		} else if (fReflected < values[secondWorst]) {
			replace(worst, reflected, fReflected);
		} else {
			const outside = fReflected < values[worst];
			const from = outside ? reflected : pw;
			for (let j = 0; j < dim; j++) trial[j] = 0.5 * (centroid[j] + from[j]);
			const fContracted = evaluate(trial);
			if (fContracted < Math.min(fReflected, values[worst])) {
				replace(worst, trial, fContracted);
			} else {
				const pb = points[best];
				for (let i = 0; i <= dim; i++) {
					if (i === best) continue;
					const p = points[i];
					for (let j = 0; j < dim; j++) p[j] = pb[j] + 0.5 * (p[j] - pb[j]);
					values[i] = evaluate(p);
				}
			}
		}
	}
	let best = 0;
	for (let i = 1; i <= dim; i++) if (values[i] < values[best]) best = i;
	return { x: Float64Array.from(points[best]), value: values[best], evaluations, converged };

	function replace(index: number, x: Float64Array, value: number): void {
		points[index].set(x);
		values[index] = value;
	}
}
