// The int_stock_policy model: the stock plan's settings in one row, with the safety
// factor z = Φ⁻¹(service_level) from @stdlib (DuckDB has no normal quantile), so the
// SQL of stock_plan reads checked numbers instead of raw variables.
import quantile from '@stdlib/stats-base-dists-normal-quantile';
import type { ModelContext } from '../../transform/index.ts';
import { choiceVar, integerVar, numberVar } from '../mart-io/index.ts';

export const STOCK_POLICY_COLUMNS = {
	service_level: 'DOUBLE',
	safety_factor_z: 'DOUBLE',
	band_z95: 'DOUBLE',
	review_period_days: 'INTEGER',
	default_lead_time_days: 'INTEGER',
	demand_basis: 'VARCHAR',
	history_days: 'INTEGER'
} as const;

export const DEMAND_BASES = ['forecast', 'history'] as const;

export function readStockPolicy(read: ModelContext['var']) {
	const serviceLevel = numberVar(read, 'service_level', (x) => x > 0 && x < 1, 'a probability strictly between 0 and 1 (e.g. 0.95)');
	return {
		service_level: serviceLevel,
		safety_factor_z: quantile(serviceLevel, 0, 1),
		// a forecast's 95% band is ± this many standard deviations
		band_z95: quantile(0.975, 0, 1),
		review_period_days: integerVar(read, 'review_period_days', 0, 365),
		default_lead_time_days: integerVar(read, 'default_lead_time_days', 0, 730, 14),
		demand_basis: choiceVar(read, 'stock_demand_basis', DEMAND_BASES, 'forecast'),
		history_days: integerVar(read, 'stock_history_days', 7, 730, 90)
	};
}

export async function buildStockPolicy(ctx: ModelContext): Promise<void> {
	await ctx.createTable(STOCK_POLICY_COLUMNS, [readStockPolicy(ctx.var)]);
}
