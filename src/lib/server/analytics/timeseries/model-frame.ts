// One training window and every forecaster that can be asked of it. Work shared between
// models (the seasonality test, the seasonal adjustment, the ETS fit) is done once per
// window, so the combination costs nothing beyond its parts.
import { averageBands, containForecast, type ModelForecast } from './bands.ts';
import { fitEts, fitEtsAuto, type EtsFit } from './ets-fit.ts';
import { etsForecast, DEFAULT_SIMULATION_PATHS } from './ets-forecast.ts';
import { crostonForecast, tsbForecast } from './intermittent.ts';
import { hasSeasonality } from './seasonality-test.ts';
import { multiplicativeAdjustment, type SeasonalAdjustment } from './seasonal-adjustment.ts';
import { driftForecast, meanForecast, naiveForecast, seasonalNaiveForecast } from './simple-models.ts';
import { dampedTrendForecast, thetaForecast } from './theta.ts';

export const MODEL_IDS = [
	'snaive',
	'naive',
	'drift',
	'mean',
	'ses',
	'ets',
	'theta',
	'damped',
	'combination',
	'croston',
	'sba',
	'tsb'
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The members of the 'combination' forecast (equal weights). */
export const COMBINATION_MEMBERS: readonly ModelId[] = ['ets', 'theta', 'damped'];

export class TrainingFrame {
	private seasonalTest: boolean | undefined;
	private adjustmentCache: SeasonalAdjustment | null | undefined;
	private etsCache: EtsFit | null | undefined;
	private readonly forecasts = new Map<string, ModelForecast | null>();

	constructor(
		readonly y: Float64Array,
		readonly period: number,
		readonly simulationPaths = DEFAULT_SIMULATION_PATHS
	) {}

	get seasonal(): boolean {
		this.seasonalTest ??= hasSeasonality(this.y, this.period);
		return this.seasonalTest;
	}

	get adjustment(): SeasonalAdjustment | null {
		if (this.adjustmentCache === undefined) {
			this.adjustmentCache = this.seasonal ? multiplicativeAdjustment(this.y, this.period) : null;
		}
		return this.adjustmentCache;
	}

	get ets(): EtsFit | null {
		// Like forecast::ets, seasonal ETS competes on AICc whenever there is enough data; the
		// ACF test has little power on three years of a smooth yearly pattern.
		this.etsCache ??= fitEtsAuto(this.y, this.period, this.y.length >= 2 * this.period + 2);
		return this.etsCache;
	}

	/**
	 * Forecast of one model for steps 1..horizon; null when the model does not apply to this
	 * window. Its bands always contain the point forecast (containForecast).
	 */
	forecast(model: ModelId, horizon: number, withBands: boolean): ModelForecast | null {
		const key = `${model}|${horizon}|${withBands}`;
		if (!this.forecasts.has(key)) {
			const forecast = this.compute(model, horizon, withBands);
			this.forecasts.set(key, forecast && containForecast(forecast));
		}
		return this.forecasts.get(key) ?? null;
	}

	private compute(model: ModelId, horizon: number, withBands: boolean): ModelForecast | null {
		const { y, period } = this;
		switch (model) {
			case 'snaive':
				return y.length > period ? seasonalNaiveForecast(y, period, horizon, withBands) : null;
			case 'naive':
				return y.length > 1 ? naiveForecast(y, horizon, withBands) : null;
			case 'drift':
				return y.length > 2 ? driftForecast(y, horizon, withBands) : null;
			case 'mean':
				return y.length > 0 ? meanForecast(y, horizon, withBands) : null;
			case 'ses': {
				const fit = fitEts(y, { trend: 'N', season: 'N' }, 1);
				return fit ? etsForecast(fit, horizon, withBands, this.simulationPaths) : null;
			}
			case 'ets':
				return this.ets ? etsForecast(this.ets, horizon, withBands, this.simulationPaths) : null;
			case 'theta':
				return thetaForecast(y, this.adjustment, horizon, withBands);
			case 'damped':
				return dampedTrendForecast(y, this.adjustment, horizon, withBands);
			case 'combination':
				return this.combine(horizon, withBands);
			case 'croston':
			case 'sba':
				return crostonForecast(y, horizon, withBands, model);
			case 'tsb':
				return tsbForecast(y, horizon, withBands);
		}
	}

	private combine(horizon: number, withBands: boolean): ModelForecast | null {
		const parts = COMBINATION_MEMBERS.map((m) => this.forecast(m, horizon, withBands));
		if (parts.some((p) => p === null)) return null;
		const members = parts as ModelForecast[];
		const mean = new Float64Array(horizon);
		for (const p of members) for (let i = 0; i < horizon; i++) mean[i] += p.mean[i] / members.length;
		const method = `mean of ${members.map((p) => p.method).join(', ')}`;
		if (!withBands) return { mean, method };
		return {
			mean,
			bands: averageBands(members.map((p) => p.bands!)),
			method,
			intervalMethod: 'average of the members’ interval bounds'
		};
	}
}
