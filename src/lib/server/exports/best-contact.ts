import { MART } from '../segments/index.ts';
import type { Warehouse } from '../warehouse/index.ts';

/**
 * Which of a customer's phones (e-mails) goes into an export — the «best» one:
 *  1. the one named by the most source records of the customer (CRM cards, 1C
 *     counterparties, bank payers merged into it): the number everybody uses;
 *  2. on a tie, the one on the most recently changed record (updated, else created,
 *     else last seen): the latest the customer gave us;
 *  3. then the one from the card's main field (phone over phone_2), then the smallest.
 * dim_customer keeps phones and emails as sorted lists without that history, so the
 * ranking reads the identity models behind it (intermediate.int_identity_keys and
 * int_customer_records, the same valid keys dim_customer's lists are made of). A
 * warehouse without them (a hand-made one, or after those models change shape) falls
 * back to the first address of the list, and says so in the export's note.
 * Only values on dim_customer's list are ranked (validity rules stay theirs), and only
 * for customers with more than one: the others have nothing to choose from.
 */
export type ContactRanking = 'records' | 'list';

const NEEDED: Record<string, readonly string[]> = {
	int_identity_keys: ['owner_type', 'record_id', 'key_type', 'key_value', 'source_field', 'is_valid'],
	int_customer_records: ['customer_id', 'record_id', 'updated_at', 'created_at', 'last_seen_on']
};

export async function contactRanking(warehouse: Warehouse): Promise<ContactRanking> {
	const rows = await warehouse.query<{ table_name: string; column_name: string }>(
		`select table_name, column_name from duckdb_columns() where schema_name = 'intermediate' and table_name in ('int_identity_keys', 'int_customer_records')`
	);
	const ok = Object.entries(NEEDED).every(([table, columns]) => columns.every((column) => rows.some((r) => r.table_name === table && r.column_name === column)));
	return ok ? 'records' : 'list';
}

const MAIN_FIELD = { phone: 'phone', email: 'email' } as const;

/** A CTE `best_<kind>s(customer_id, value)` over the customers of CTE `segment`. */
export function bestContactCte(kind: 'phone' | 'email'): string {
	return `best_${kind}s as (
	select customer_id, value
	from (
		select
			records.customer_id,
			keys.key_value as value,
			count(distinct keys.record_id) as records_naming,
			max(coalesce(records.updated_at, records.created_at, records.last_seen_on::timestamp)) as last_changed,
			bool_or(keys.source_field = '${MAIN_FIELD[kind]}') as main_field
		from intermediate.int_identity_keys as keys
		inner join intermediate.int_customer_records as records
			on records.record_id = keys.record_id
		inner join ${MART.dim_customer} as customers
			on customers.customer_id = records.customer_id
		where keys.owner_type = 'record'
			and keys.key_type = '${kind}'
			and keys.is_valid
			and len(customers.${kind}s) > 1
			and list_contains(customers.${kind}s, keys.key_value)
			and records.customer_id in (select customer_id from segment)
		group by 1, 2
	)
	qualify row_number() over (partition by customer_id order by records_naming desc, last_changed desc nulls last, main_field desc, value) = 1
)`;
}

/** The export cell: the best ranked value of the customer's list, else the list's first. */
export function bestContactSql(kind: 'phone' | 'email', ranking: ContactRanking): string {
	const list = kind === 'phone' ? 'c.phones' : 'c.emails';
	if (ranking === 'list') return `${list}[1]`;
	return `coalesce(${kind === 'phone' ? 'bp' : 'be'}.value, ${list}[1])`;
}
