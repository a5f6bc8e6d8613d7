import { MART } from '../segments/index.ts';
import type { Warehouse } from '../warehouse/index.ts';

/**
 * Which of a customer's phones (e-mails) goes into an export — the «best» one, which
 * dim_customer ranks in `best_phone` / `best_email` (see its YAML):
 *  1. the one named by the most source records of the customer (CRM cards, 1C
 *     counterparties, bank payers merged into it): the number everybody uses;
 *  2. on a tie, the one on the most recently changed record (updated, else created,
 *     else last seen): the latest the customer gave us;
 *  3. then the one from the card's main field (phone over phone_2), then the smallest.
 * A dim_customer built before those columns existed falls back to the first address of
 * its sorted list, and the export says so ('list').
 */
export type ContactRanking = 'records' | 'list';

const BEST_COLUMNS = ['best_phone', 'best_email'] as const;

export async function contactRanking(warehouse: Warehouse): Promise<ContactRanking> {
	const [schema, table] = MART.dim_customer.split('.');
	const rows = await warehouse.query<{ column_name: string }>(
		`select column_name from duckdb_columns() where schema_name = $1 and table_name = $2 and column_name in ('best_phone', 'best_email')`,
		[schema, table]
	);
	return BEST_COLUMNS.every((column) => rows.some((r) => r.column_name === column)) ? 'records' : 'list';
}

/** The export cell over `c` (dim_customer): its ranked best value, else the list's first. */
export function bestContactSql(kind: 'phone' | 'email', ranking: ContactRanking): string {
	return ranking === 'records' ? `c.best_${kind}` : `c.${kind}s[1]`;
}
