// Forecasts from a fitted ETS model. Linear models get the analytic variance
// (Hyndman et al. 2008, class 1); ETS(A,*,M) has none, so, like forecast::ets, its
// bands come from simulated future paths (seeded, so the same data give the same bands).
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { normalBands, sortedQuantile, type Bands, type ModelForecast } from './bands.ts';
import { etsPointForecast, linearForecastVariance } from './ets-core.ts';
import type { EtsFit } from './ets-fit.ts';

export const DEFAULT_SIMULATION_PATHS = 2000;

export function etsForecast(
	fit: EtsFit,
	horizon: number,
	withBands: boolean,
	paths = DEFAULT_SIMULATION_PATHS
): ModelForecast {
	const forecast = etsForecastOnFitScale(fit, horizon, withBands, paths);
	if (!fit.logScale) return forecast;
	// exp is monotone: log-scale quantiles map to data-scale quantiles; the point forecast is the median.
	const b = forecast.bands;
	return {
		mean: forecast.mean.map(Math.exp),
		bands: b && {
			lo80: b.lo80.map(Math.exp),
			hi80: b.hi80.map(Math.exp),
			lo95: b.lo95.map(Math.exp),
			hi95: b.hi95.map(Math.exp)
		},
		method: forecast.method,
		intervalMethod: forecast.intervalMethod && `${forecast.intervalMethod}, on the log scale`
	};
}

function etsForecastOnFitScale(fit: EtsFit, horizon: number, withBands: boolean, paths: number): ModelForecast {
	const mean = etsPointForecast(fit.spec, fit.params, fit.final, fit.n, horizon);
	if (!withBands) return { mean, method: fit.label };
	if (fit.spec.season !== 'M') {
		const variance = linearForecastVariance(fit.spec, fit.params, fit.final.season.length, fit.sigma2, horizon);
		return {
			mean,
			bands: normalBands(mean, variance),
			method: fit.label,
			intervalMethod: 'analytic (Hyndman et al. 2008, class 1)'
		};
	}
	return {
		mean,
		bands: simulatedBands(fit, horizon, paths),
		method: fit.label,
		intervalMethod: `simulated, ${paths} paths`
	};
}

function simulatedBands(fit: EtsFit, horizon: number, paths: number): Bands {
	const { params, final, n } = fit;
	const period = final.season.length;
	const phi = fit.spec.trend === 'Ad' ? params.phi : 1;
	const hasTrend = fit.spec.trend !== 'N';
	const sigma = Math.sqrt(fit.sigma2);
	const rng = xoroshiro128plus(0x5eed ^ n);
	const season = new Float64Array(period);
	const samples = new Float64Array(horizon * paths);
	let spare = NaN;
	const gaussian = () => {
		// Box–Muller: two independent normals per pair of uniforms.
		if (!Number.isNaN(spare)) {
			const z = spare;
			spare = NaN;
			return z;
		}
		const u = 1 - uniformFloat64(rng);
		const v = uniformFloat64(rng);
		const r = Math.sqrt(-2 * Math.log(u));
		spare = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	};
	for (let path = 0; path < paths; path++) {
		season.set(final.season);
		let level = final.level;
		let slope = hasTrend ? final.slope : 0;
		for (let h = 0; h < horizon; h++) {
			const k = (n + h) % period;
			const base = level + phi * slope;
			const s = season[k];
			const error = sigma * gaussian();
			samples[h * paths + path] = base * s + error;
			level = base + (params.alpha * error) / s;
			slope = phi * slope + (params.beta * error) / s;
			season[k] = s + (params.gamma * error) / base;
		}
	}
	const bands: Bands = {
		lo80: new Float64Array(horizon),
		hi80: new Float64Array(horizon),
		lo95: new Float64Array(horizon),
		hi95: new Float64Array(horizon)
	};
	for (let h = 0; h < horizon; h++) {
		const sorted = samples.subarray(h * paths, (h + 1) * paths).sort();
		bands.lo80[h] = sortedQuantile(sorted, 0.1);
		bands.hi80[h] = sortedQuantile(sorted, 0.9);
		bands.lo95[h] = sortedQuantile(sorted, 0.025);
		bands.hi95[h] = sortedQuantile(sorted, 0.975);
	}
	return bands;
}
