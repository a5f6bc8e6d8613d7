import type { CompileContext, ExportChannel, Locale, MartName, SegmentDefinition } from '../segments/index.ts';
import { CUSTOMER_ORDER, MART, emailAllowedSql, exportRowSql, phoneAllowedSql, segmentSource, type BoundQuery } from '../segments/index.ts';
import { bestContactSql, type ContactRanking } from './best-contact.ts';
import { exportColumns, type ExportColumn } from './columns.ts';

export interface ExportQueryOptions extends CompileContext {
	channel: ExportChannel;
	locale: Locale;
	ranking: ContactRanking;
}

/**
 * The one query behind a segment export: the segment's customers (its conditions, no
 * dead souls, someone reachable by the channel — exportRowSql, the same predicate as
 * the live count), one row each (dim_customer's grain; rfm and customer_ltv at most one
 * row per customer), the best contacts dim_customer ranks, cells blanked where the
 * customer refused the channel, in name order.
 */
export function exportQuery(definition: SegmentDefinition, options: ExportQueryOptions): { query: BoundQuery; marts: Set<MartName>; columns: ExportColumn[] } {
	const source = segmentSource(definition, options);
	const { channel, ranking } = options;
	const columns = exportColumns(channel);
	const cell: Record<string, string> = {
		customer_id: 'c.customer_id',
		customer_name: 'c.customer_name',
		phone: `case when ${phoneAllowedSql(channel)} then ${bestContactSql('phone', ranking)} end`,
		email: `case when ${emailAllowedSql(channel)} then ${bestContactSql('email', ranking)} end`,
		city: 'c.city',
		first_channel: 'c.first_channel',
		manager: 'c.manager',
		rfm_segment: options.locale === 'en' ? 'r.segment' : 'r.segment_ru',
		last_purchase_on: 'c.last_purchase_on',
		orders: 'c.purchase_docs',
		historical_revenue: 'round(l.historical_revenue, 2)',
		predicted_value: 'round(l.predicted_value, 2)',
		p_alive: 'round(l.p_alive, 3)',
		birthday: 'c.birthday'
	};
	const segment = `segment as (\n\tselect c.customer_id\n\tfrom ${source.from}\n\twhere ${source.where}\n\tand ${exportRowSql(channel)}\n)`;
	const joins = [
		`inner join ${MART.dim_customer} as c on c.customer_id = segment.customer_id`,
		`left join ${MART.rfm} as r on r.customer_id = c.customer_id`,
		`left join ${MART.customer_ltv} as l on l.customer_id = c.customer_id`
	];
	const sql = `with ${segment}
select
	${columns.map((column) => `${cell[column.key]} as ${column.key}`).join(',\n\t')}
from segment
${joins.join('\n')}
order by ${CUSTOMER_ORDER}`;
	const marts = new Set<MartName>([...source.marts, 'rfm', 'customer_ltv']);
	return { query: { sql, values: source.params.values, types: source.params.types }, marts, columns };
}
