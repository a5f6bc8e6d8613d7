// Loaders for the CDNOW reference files in test/fixtures/refdata (see its README): the
// transaction sample and lifetimes' two summary CSVs.

import { epochDay } from '../../src/lib/server/analytics/ltv/epoch-day.ts';
import { refdataLines as readLines } from '../helpers/refdata.ts';

/** cdnow_sample.txt: master id, sample id, yyyymmdd, CDs, dollar value (whitespace-separated). */
export function loadCdnowTransactions(): { customerId: number[]; day: number[]; value: number[] } {
	const customerId: number[] = [];
	const day: number[] = [];
	const value: number[] = [];
	for (const line of readLines('cdnow_sample.txt')) {
		const fields = line.trim().split(/\s+/);
		if (fields.length !== 5) throw new Error(`cdnow_sample.txt: expected 5 fields, got «${line}»`);
		customerId.push(Number(fields[1]));
		day.push(epochDay(fields[2]));
		value.push(Number(fields[4]));
	}
	return { customerId, day, value };
}

export interface CdnowSummaryRow {
	id: number;
	frequency: number;
	recency: number;
	T: number;
	/** zbar of the _with_transactions file; undefined for the plain summary. */
	monetaryValue?: number;
}

/** cdnow_customers_summary.csv (ID,frequency,recency,T). */
export function loadCdnowSummary(): CdnowSummaryRow[] {
	const [header, ...rows] = readLines('cdnow_customers_summary.csv');
	if (header !== 'ID,frequency,recency,T') throw new Error(`unexpected header ${header}`);
	return rows.map((line) => {
		const [id, frequency, recency, T] = line.split(',').map(Number);
		return { id, frequency, recency, T };
	});
}

/** cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar). */
export function loadCdnowSummaryWithMonetary(): CdnowSummaryRow[] {
	const [header, ...rows] = readLines('cdnow_customers_summary_with_transactions.csv');
	if (header !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected header ${header}`);
	return rows.map((line) => {
		const [id, frequency, recency, T, monetaryValue] = line.split(',').map(Number);
		return { id, frequency, recency, T, monetaryValue };
	});
}

export function column(rows: CdnowSummaryRow[], key: 'frequency' | 'recency' | 'T' | 'monetaryValue'): Float64Array {
	return Float64Array.from(rows, (row) => row[key] ?? Number.NaN);
}
