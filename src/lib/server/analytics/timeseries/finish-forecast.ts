// Turns a model's forecast into what users see: plain arrays and — for demand —
// the forecast and bounds clipped at zero, with the clipped steps marked.
import type { ModelForecast } from './bands.ts';

export interface FinishedForecast {
	method: string;
	/** How the bands were made; null when the model gave none (too few in-sample errors). */
	intervalMethod: string | null;
	mean: number[];
	lo80: (number | null)[];
	hi80: (number | null)[];
	lo95: (number | null)[];
	hi95: (number | null)[];
	/** Per step: true when the forecast or a bound was raised to 0. */
	clipped: boolean[];
}

export function finishForecast(forecast: ModelForecast, nonNegative: boolean): FinishedForecast {
	const h = forecast.mean.length;
	const clipped = new Array<boolean>(h).fill(false);
	const clip = (value: number, step: number) => {
		if (nonNegative && value < 0) {
			clipped[step] = true;
			return 0;
		}
		return value;
	};
	const mean = Array.from(forecast.mean, clip);
	const bound = (values: Float64Array | undefined) =>
		values ? Array.from(values, (v, i) => clip(v, i)) : new Array<number | null>(h).fill(null);
	return {
		method: forecast.method,
		intervalMethod: forecast.bands ? (forecast.intervalMethod ?? null) : null,
		mean,
		lo80: bound(forecast.bands?.lo80),
		hi80: bound(forecast.bands?.hi80),
		lo95: bound(forecast.bands?.lo95),
		hi95: bound(forecast.bands?.hi95),
		clipped
	};
}
