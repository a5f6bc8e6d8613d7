import { DomainError } from '../errors.ts';
import type { Warehouse } from '../warehouse/index.ts';

/**
 * The marts segments and exports read, and the columns they rely on (their YAML in
 * models/marts/** is the contract). Checked before a query runs, so a warehouse that
 * was never built answers «build the models first», not a DuckDB binder error.
 */
export const MART = {
	dim_customer: 'marts.dim_customer',
	rfm: 'marts.rfm',
	customer_ltv: 'marts.customer_ltv',
	/** Which purchase model gives customer_ltv's P(alive) and predicted value, and its holdout error in words. */
	ltv_model_selection: 'marts.ltv_model_selection',
	fct_sales: 'marts.fct_sales',
	dim_contact: 'marts.dim_contact',
	customer_payment_discipline: 'marts.customer_payment_discipline',
	/** One row: the day «N days ago» counts back from (last_sale_on, as rfm and customer_ltv). */
	data_calendar: 'marts.data_calendar'
} as const;

export type MartName = keyof typeof MART;

export const MART_COLUMNS: Record<MartName, readonly string[]> = {
	dim_customer: [
		'customer_id',
		'customer_name',
		'customer_kind',
		'phones',
		'emails',
		'city',
		'first_channel',
		'manager',
		'birthday',
		'is_email_opt_out',
		'is_sms_opt_out',
		'is_messenger_opt_out',
		'is_dead_soul',
		'last_purchase_on',
		'purchase_docs'
	],
	rfm: ['customer_id', 'segment_code', 'segment', 'segment_ru', 'r_score', 'f_score', 'm_score'],
	customer_ltv: ['customer_id', 'historical_revenue', 'predicted_value', 'p_alive'],
	ltv_model_selection: ['choice_summary_ru', 'choice_summary_en'],
	fct_sales: ['customer_id', 'category', 'sold_on', 'is_return'],
	dim_contact: ['customer_id', 'birthday'],
	customer_payment_discipline: ['customer_id', 'outstanding', 'overdue'],
	data_calendar: ['last_sale_on']
};

/**
 * Marts (with columns) missing from this warehouse, as «marts.rfm» or «marts.rfm.segment_ru».
 */
export async function missingMartColumns(warehouse: Warehouse, marts: Iterable<MartName>): Promise<string[]> {
	const rows = await warehouse.query<{ table_name: string; column_name: string }>(
		`select table_name, column_name from duckdb_columns() where schema_name = 'marts'`
	);
	const present = new Map<string, Set<string>>();
	for (const row of rows) {
		if (!present.has(row.table_name)) present.set(row.table_name, new Set());
		present.get(row.table_name)!.add(row.column_name);
	}
	const missing: string[] = [];
	for (const mart of new Set(marts)) {
		const columns = present.get(mart);
		if (!columns) missing.push(MART[mart]);
		else for (const column of MART_COLUMNS[mart]) if (!columns.has(column)) missing.push(`${MART[mart]}.${column}`);
	}
	return missing;
}

/** Throws a conflict `marts_missing` naming what is missing and what to do. */
export async function ensureMarts(warehouse: Warehouse, marts: Iterable<MartName>): Promise<void> {
	const missing = await missingMartColumns(warehouse, marts);
	if (missing.length) {
		throw new DomainError(
			'conflict',
			'marts_missing',
			`the warehouse has no ${missing.join(', ')} yet: build the models (\`oborot build\`, or wait for the scheduler) and try again`
		);
	}
}
