// Reads monthly series out of the warehouse into the shape the time-series library takes.
import type { DuckDBConnection } from '@duckdb/node-api';
import { readColumns } from '../mart-io/index.ts';
import { addMonths, type MonthlySeries } from '../timeseries/index.ts';

/**
 * `sql` must return (id, month 'YYYY-MM', value) ordered by id then month, one row per
 * month without gaps (0 for a month without sales) — the int_monthly_* models' shape.
 * A gap or a month out of order is an error naming the series: a silently shifted
 * series would give a forecast for the wrong months.
 */
export async function readMonthlySeries(connection: DuckDBConnection, sql: string): Promise<MonthlySeries[]> {
	const rows = await readColumns(connection, sql, { id: 'text', month: 'text', value: 'float' });
	const series: MonthlySeries[] = [];
	let current: MonthlySeries | null = null;
	for (let i = 0; i < rows.length; i++) {
		const id = rows.id[i] ?? '';
		const month = rows.month[i] ?? '';
		if (!current || current.id !== id) {
			current = { id, start: month, values: [] };
			series.push(current);
		} else {
			const expected = addMonths(current.start, current.values.length);
			if (month !== expected) throw new Error(`monthly series «${id}»: expected ${expected} after the previous month, got «${month}»`);
		}
		current.values.push(rows.value[i]);
	}
	return series;
}
