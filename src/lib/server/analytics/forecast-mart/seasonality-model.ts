// The seasonality mart: classical decomposition (R's decompose) of each category's and
// each sufficiently sold SKU's monthly quantity, indices by calendar month.
import type { ModelContext } from '../../transform/index.ts';
import { addMonths, decomposeSeasonal, seasonalIndexByMonth, type MonthlySeries } from '../timeseries/index.ts';
import { readMonthlySeries } from './monthly-series.ts';
import { numberVar } from '../mart-io/index.ts';

export const SEASONALITY_COLUMNS = {
	series_type: 'VARCHAR',
	series_id: 'VARCHAR',
	month_of_year: 'INTEGER',
	seasonal_index: 'DOUBLE',
	decomposition_type: 'VARCHAR',
	is_significant: 'BOOLEAN',
	seasonal_strength: 'DOUBLE',
	fallback_reason: 'VARCHAR',
	months_of_history: 'INTEGER',
	history_start: 'DATE',
	history_end: 'DATE',
	mean_monthly_qty: 'DOUBLE'
} as const;

/** Two full years: the least classical decomposition works with. */
export const SEASONALITY_MIN_MONTHS = 24;

function variance(values: readonly number[]): number {
	const mean = values.reduce((a, b) => a + b, 0) / values.length;
	return values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
}

/**
 * Strength of seasonality after Wang, Smith & Hyndman (2006), F = max(0, 1 − Var(R) / Var(S ∘ R))
 * over the months where the trend is defined (∘ is × for a multiplicative decomposition,
 * + for additive): 0 = no season, 1 = the season explains all of the detrended variation.
 * Reported beside the ACF test, which has little power on two or three years of data.
 */
export function seasonalStrength(values: readonly number[]): number {
	const d = decomposeSeasonal(values, 12);
	const multiplicative = d.type === 'multiplicative';
	const remainder: number[] = [];
	const detrended: number[] = [];
	d.random.forEach((r, t) => {
		if (r === null || !Number.isFinite(r)) return;
		remainder.push(r);
		detrended.push(multiplicative ? d.seasonal[t] * r : d.seasonal[t] + r);
	});
	const total = variance(detrended);
	if (!(total > 0)) return Number.NaN;
	return Math.max(0, 1 - variance(remainder) / total);
}

function* indexRows(seriesType: 'category' | 'sku', list: readonly MonthlySeries[]) {
	for (const series of list) {
		const index = seasonalIndexByMonth(series.values, series.start);
		const n = series.values.length;
		const mean = series.values.reduce((a, b) => a + b, 0) / n;
		const strength = seasonalStrength(series.values);
		for (let m = 0; m < 12; m++) {
			yield [
				seriesType,
				series.id,
				m + 1,
				index.byMonth[m],
				index.type,
				index.significant,
				strength,
				index.fallbackReason ?? null,
				n,
				`${series.start}-01`,
				`${addMonths(series.start, n - 1)}-01`,
				mean
			];
		}
	}
}

export async function buildSeasonality(ctx: ModelContext): Promise<void> {
	const minSkuQty = numberVar(ctx.var, 'seasonality_sku_min_monthly_qty', (x) => x >= 0, 'a number ≥ 0');
	const demand = ctx.ref('int_monthly_demand');
	const seriesOf = (level: 'category' | 'sku', having: string) =>
		readMonthlySeries(
			ctx.connection,
			`select item, strftime(month, '%Y-%m'), qty::double
			from ${demand}
			where level = '${level}' and item in (
				select item from ${demand} where level = '${level}' group by item having ${having}
			)
			order by item, month`
		);
	const categories = await seriesOf('category', `count(*) >= ${SEASONALITY_MIN_MONTHS}`);
	const skus = await seriesOf('sku', `count(*) >= ${SEASONALITY_MIN_MONTHS} and avg(qty) >= ${minSkuQty}`);
	await ctx.createTable(SEASONALITY_COLUMNS, (function* () {
		yield* indexRows('category', categories);
		yield* indexRows('sku', skus);
	})());
}
