import { isGroup, type Condition, type SegmentDefinition } from './definition.ts';
import { MART, type MartName } from './marts.ts';
import { REACH_SQL } from './reach.ts';
import type { SqlParams } from './sql-params.ts';

/**
 * Turns a segment definition into a WHERE predicate over the aliases of segment-sql.ts:
 * `c` = marts.dim_customer, `r` = marts.rfm, `l` = marts.customer_ltv. Column names are
 * written here (a whitelist per condition type); every value from the definition goes
 * through SqlParams and is bound, never spliced. Each condition is wrapped in
 * coalesce(…, false) so a customer with no RFM/LTV row simply does not match.
 *
 * Dates: «N days ago» counts back from marts.data_calendar.last_sale_on — the day rfm
 * measures recency to and customer_ltv observes to (int_data_calendar, shared by the
 * marts), so a segment agrees with the RFM segments beside it; «birthday this month» is
 * the calendar month of `today` (the server clock, UTC).
 */
export interface CompileContext {
	today: Date;
}

export interface CompiledPredicate {
	/** SQL boolean expression; 'true' for an empty definition. */
	where: string;
	/** Marts the predicate reads besides dim_customer (joined or sub-queried). */
	marts: Set<MartName>;
}

/** The as-of day of «N days ago»: one row, checked by the data_calendar_has_one_row test. */
const AS_OF_SQL = `(select last_sale_on from ${MART.data_calendar})`;

function range(column: string, min: number | undefined, max: number | undefined, bind: (n: number) => string): string {
	const parts: string[] = [];
	if (min !== undefined) parts.push(`${column} >= ${bind(min)}`);
	if (max !== undefined) parts.push(`${column} <= ${bind(max)}`);
	return parts.join(' and ');
}

function conditionSql(condition: Condition, params: SqlParams, context: CompileContext, marts: Set<MartName>): string {
	switch (condition.type) {
		case 'rfm_segment':
			marts.add('rfm');
			return `list_contains(${params.textList(condition.segments)}, r.segment_code)`;
		case 'last_purchase': {
			const parts: string[] = [];
			if (condition.after) parts.push(`c.last_purchase_on >= ${params.date(condition.after)}`);
			if (condition.before) parts.push(`c.last_purchase_on <= ${params.date(condition.before)}`);
			// as_of − last > N  ⇔  last < as_of − N ;  as_of − last ≤ N  ⇔  last ≥ as_of − N
			if (condition.olderThanDays !== undefined || condition.withinDays !== undefined) marts.add('data_calendar');
			if (condition.olderThanDays !== undefined) parts.push(`c.last_purchase_on < ${AS_OF_SQL} - ${params.integer(condition.olderThanDays)}`);
			if (condition.withinDays !== undefined) parts.push(`c.last_purchase_on >= ${AS_OF_SQL} - ${params.integer(condition.withinDays)}`);
			return parts.join(' and ');
		}
		case 'purchases':
			return range('c.purchase_docs', condition.min, condition.max, (n) => params.integer(n));
		case 'value':
			marts.add('customer_ltv');
			// the measure is one of two enum values: a whitelisted column, never user text
			return range(condition.measure === 'predicted_value' ? 'l.predicted_value' : 'l.historical_revenue', condition.min, condition.max, (n) => params.number(n));
		case 'p_alive':
			marts.add('customer_ltv');
			return range('l.p_alive', condition.min, condition.max, (n) => params.number(n));
		case 'channel':
			return `list_contains(${params.textList(condition.values)}, c.first_channel)`;
		case 'city':
			return `list_contains(${params.textList(condition.values)}, c.city)`;
		case 'category': {
			marts.add('fct_sales');
			const period: string[] = [];
			if (condition.from) period.push(`and sold_on >= ${params.date(condition.from)}`);
			if (condition.to) period.push(`and sold_on <= ${params.date(condition.to)}`);
			// bought: a return of the category is no purchase of it
			return `c.customer_id in (select customer_id from ${MART.fct_sales} where not is_return and list_contains(${params.textList(condition.values)}, category) ${period.join(' ')})`;
		}
		case 'birthday': {
			marts.add('dim_contact');
			const month = condition.month === 'current' ? context.today.getUTCMonth() + 1 : condition.month;
			const bound = params.integer(month);
			// a private client's own birthday, or a contact person's of a company
			return `(month(c.birthday) = ${bound} or c.customer_id in (select customer_id from ${MART.dim_contact} where month(birthday) = ${bound}))`;
		}
		case 'debt':
			marts.add('customer_payment_discipline');
			return `c.customer_id in (select customer_id from ${MART.customer_payment_discipline} where ${condition.kind === 'overdue' ? 'overdue' : 'outstanding'} > 0 and customer_id is not null)`;
		case 'opted_in':
			return REACH_SQL[condition.channel];
	}
}

/** The definition's predicate; values appended to `params` in the order they appear. */
export function compilePredicate(definition: SegmentDefinition, params: SqlParams, context: CompileContext): CompiledPredicate {
	const marts = new Set<MartName>();
	const one = (condition: Condition) => `coalesce((${conditionSql(condition, params, context, marts)}), false)`;
	const items = definition.conditions.map((item) => (isGroup(item) ? `(${item.any.map(one).join(' or ')})` : one(item)));
	return { where: items.length ? items.join('\n\t\tand ') : 'true', marts };
}
