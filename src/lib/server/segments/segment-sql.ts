import { compilePredicate, type CompileContext } from './compile.ts';
import type { SegmentDefinition } from './definition.ts';
import { MART, type MartName } from './marts.ts';
import { EXPORT_CHANNELS, REACH_SQL, exportRowSql } from './reach.ts';
import { SqlParams, type BoundQuery } from './sql-params.ts';

export type Locale = 'ru' | 'en';

/** The customers of a segment as FROM + WHERE over c (dim_customer), r (rfm), l (customer_ltv). */
export interface SegmentSource {
	from: string;
	where: string;
	params: SqlParams;
	/** Every mart the query reads: check them with ensureMarts before running it. */
	marts: Set<MartName>;
}

/**
 * One row per resolved customer: dim_customer is one row per customer and rfm and
 * customer_ltv at most one (their `unique` tests), so the left joins never duplicate.
 * Anonymous customers (sales lines naming no buyer) are nobody a marketer can address.
 */
export function segmentSource(definition: SegmentDefinition, context: CompileContext, join: readonly MartName[] = []): SegmentSource {
	const params = new SqlParams();
	const predicate = compilePredicate(definition, params, context);
	const marts = new Set<MartName>(['dim_customer', ...predicate.marts, ...join]);
	const from = [`${MART.dim_customer} as c`];
	if (marts.has('rfm')) from.push(`left join ${MART.rfm} as r on r.customer_id = c.customer_id`);
	if (marts.has('customer_ltv')) from.push(`left join ${MART.customer_ltv} as l on l.customer_id = c.customer_id`);
	return { from: from.join('\n\t'), where: `c.customer_kind <> 'anonymous'\n\tand ${predicate.where}`, params, marts };
}

export interface SegmentCounts {
	/** Customers matching the conditions. */
	customers: number;
	/** Of which dead souls (never exported). */
	deadSouls: number;
	/** Rows an export of each channel will have. */
	exportable: Record<(typeof EXPORT_CHANNELS)[number], number>;
	/** Customers who can be reached by each channel (address and consent, dead souls included). */
	reachable: Record<keyof typeof REACH_SQL, number>;
}

export function countQuery(definition: SegmentDefinition, context: CompileContext): { query: BoundQuery; marts: Set<MartName> } {
	const source = segmentSource(definition, context);
	const exportable = EXPORT_CHANNELS.map((channel) => `count(*) filter (where ${exportRowSql(channel)}) as export_${channel}`);
	const reachable = Object.entries(REACH_SQL).map(([channel, sql]) => `count(*) filter (where ${sql}) as reach_${channel}`);
	const sql = `select
	count(*) as customers,
	count(*) filter (where c.is_dead_soul) as dead_souls,
	${[...exportable, ...reachable].join(',\n\t')}
from ${source.from}
where ${source.where}`;
	return { query: { sql, values: source.params.values, types: source.params.types }, marts: source.marts };
}

export function countsFromRow(row: Record<string, unknown>): SegmentCounts {
	const n = (key: string) => Number(row[key] ?? 0);
	return {
		customers: n('customers'),
		deadSouls: n('dead_souls'),
		exportable: Object.fromEntries(EXPORT_CHANNELS.map((channel) => [channel, n(`export_${channel}`)])) as SegmentCounts['exportable'],
		reachable: Object.fromEntries(Object.keys(REACH_SQL).map((channel) => [channel, n(`reach_${channel}`)])) as SegmentCounts['reachable']
	};
}

/** The order of samples and exports: by name, then id, so every file of a segment lists customers alike. */
export const CUSTOMER_ORDER = 'c.customer_name, c.customer_id';

/** The first `limit` customers of the segment with what a marketer checks them by. */
export function sampleQuery(definition: SegmentDefinition, context: CompileContext, locale: Locale, limit = 20): { query: BoundQuery; marts: Set<MartName> } {
	const source = segmentSource(definition, context, ['rfm', 'customer_ltv']);
	const limitParam = source.params.integer(limit);
	const sql = `select
	c.customer_id,
	c.customer_name,
	c.city,
	c.first_channel,
	${locale === 'en' ? 'r.segment' : 'r.segment_ru'} as rfm_segment,
	c.last_purchase_on,
	c.purchase_docs as orders,
	round(l.historical_revenue, 2) as historical_revenue,
	round(l.predicted_value, 2) as predicted_value,
	round(l.p_alive, 3) as p_alive,
	coalesce(${REACH_SQL.email}, false) as can_email,
	coalesce(${REACH_SQL.sms}, false) as can_sms,
	c.is_dead_soul
from ${source.from}
where ${source.where}
order by ${CUSTOMER_ORDER}
limit ${limitParam}`;
	return { query: { sql, values: source.params.values, types: source.params.types }, marts: source.marts };
}
