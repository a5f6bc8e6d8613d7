// The final forecast from the chosen members on all the data: one model as it is, or the
// equal-weight mean of several with their interval bounds averaged (quantile averaging,
// Lichtendahl, Grushka-Cockayne & Winkler 2013).
import { averageBands, type ModelForecast } from './bands.ts';
import type { ModelId, TrainingFrame } from './model-frame.ts';

export interface PooledForecast {
	forecast: ModelForecast;
	members: ModelId[];
	/** False when a member failed on the full history and was dropped (or replaced by naive/mean). */
	complete: boolean;
}

export function poolForecasts(frame: TrainingFrame, members: readonly ModelId[], horizon: number): PooledForecast {
	const usable: { model: ModelId; forecast: ModelForecast }[] = [];
	for (const model of members) {
		const forecast = frame.forecast(model, horizon, true);
		if (forecast && forecast.mean.every(Number.isFinite)) usable.push({ model, forecast });
	}
	const complete = usable.length === members.length;
	if (usable.length === 0) {
		const fallback: ModelId = frame.y.length > 1 ? 'naive' : 'mean';
		return { forecast: frame.forecast(fallback, horizon, true)!, members: [fallback], complete: false };
	}
	if (usable.length === 1) return { forecast: usable[0].forecast, members: [usable[0].model], complete };
	const mean = new Float64Array(horizon);
	for (const { forecast } of usable) for (let i = 0; i < horizon; i++) mean[i] += forecast.mean[i] / usable.length;
	const withBands = usable.every((u) => u.forecast.bands);
	const forecast: ModelForecast = {
		mean,
		method: `mean of ${usable.map((u) => u.forecast.method).join(' and ')}`
	};
	if (withBands) {
		forecast.bands = averageBands(usable.map((u) => u.forecast.bands!));
		const methods = usable.map((u) => u.forecast.intervalMethod).join('; ');
		forecast.intervalMethod = `average of the members' bounds (${methods})`;
	}
	return { forecast, members: usable.map((u) => u.model), complete };
}
