// Seasonal indices by calendar month (for the `seasonality` mart) and the transparent
// "trend × season" revenue projection used by revenue_forecast's seasonal part.
import { Z80, Z95 } from './bands.ts';
import { decomposeSeasonal, type DecompositionType } from './decompose.ts';
import { TimeSeriesError } from './errors.ts';
import { addMonths, parseMonth } from './months.ts';
import { hasSeasonality } from './seasonality-test.ts';

export interface MonthlySeasonalIndex {
	type: DecompositionType;
	/** Index for January..December: a ratio to trend (multiplicative) or a difference from it (additive). */
	byMonth: number[];
	/** Whether the lag-12 autocorrelation is significant (the 90% test of forecast::thetaf). */
	significant: boolean;
	/** Why multiplicative was not possible, when the index is additive. */
	fallbackReason?: string;
}

/** Classical decomposition of a monthly series starting at `start` ('YYYY-MM'), indices by calendar month. */
export function seasonalIndexByMonth(values: readonly number[], start: string): MonthlySeasonalIndex {
	const first = parseMonth(start) % 12;
	const d = decomposeSeasonal(values, 12);
	const byMonth = new Array<number>(12);
	// The figure is indexed from the first observation; position k falls in calendar month first + k.
	for (let k = 0; k < 12; k++) byMonth[(first + k) % 12] = d.figure[k];
	const result: MonthlySeasonalIndex = { type: d.type, byMonth, significant: hasSeasonality(values, 12) };
	if (d.fallbackReason) result.fallbackReason = d.fallbackReason;
	return result;
}

export interface RevenueProjectionRow {
	month: string;
	trend: number;
	seasonal_index: number;
	forecast: number;
	lo80: number;
	hi80: number;
	lo95: number;
	hi95: number;
}

export interface RevenueProjection {
	type: DecompositionType;
	/** Slope of the seasonally adjusted series per month. */
	slopePerMonth: number;
	method: string;
	rows: RevenueProjectionRow[];
}

/**
 * Projects a monthly revenue series `horizon` months past its end: the seasonally adjusted
 * series (y / index, or y − index when additive) gets a least-squares line, which is
 * extended and re-seasonalised. Bands are the line's prediction intervals,
 * s·√(1 + 1/n + (t − t̄)²/Sxx), with normal rather than Student quantiles (n ≥ 24), scaled
 * by the index when multiplicative.
 */
export function projectRevenueByMonth(values: readonly number[], start: string, horizon = 12): RevenueProjection {
	if (!Number.isInteger(horizon) || horizon < 1) {
		throw new TimeSeriesError('bad_option', `horizon must be a positive integer, got ${horizon}`);
	}
	const n = values.length;
	const d = decomposeSeasonal(values, 12);
	const multiplicative = d.type === 'multiplicative';
	const adjusted = values.map((v, t) => (multiplicative ? v / d.figure[t % 12] : v - d.figure[t % 12]));
	const tMean = (n - 1) / 2;
	const yMean = adjusted.reduce((a, b) => a + b, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (let t = 0; t < n; t++) {
		sxy += (t - tMean) * (adjusted[t] - yMean);
		sxx += (t - tMean) ** 2;
	}
	const slope = sxy / sxx;
	const intercept = yMean - slope * tMean;
	let ss = 0;
	for (let t = 0; t < n; t++) ss += (adjusted[t] - intercept - slope * t) ** 2;
	const s = Math.sqrt(ss / (n - 2));
	const firstMonth = addMonths(start, n);
	const rows: RevenueProjectionRow[] = [];
	for (let h = 1; h <= horizon; h++) {
		const t = n - 1 + h;
		const index = d.figure[t % 12];
		const trend = intercept + slope * t;
		const sd = s * Math.sqrt(1 + 1 / n + (t - tMean) ** 2 / sxx) * (multiplicative ? index : 1);
		const forecast = multiplicative ? trend * index : trend + index;
		rows.push({
			month: addMonths(firstMonth, h - 1),
			trend,
			seasonal_index: index,
			forecast,
			lo80: forecast - Z80 * sd,
			hi80: forecast + Z80 * sd,
			lo95: forecast - Z95 * sd,
			hi95: forecast + Z95 * sd
		});
	}
	return {
		type: d.type,
		slopePerMonth: slope,
		method: `classical ${d.type} decomposition, linear trend on the seasonally adjusted series`,
		rows
	};
}
