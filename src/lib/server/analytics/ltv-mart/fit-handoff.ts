// customer_ltv fits BG/NBD and Gamma-Gamma; ltv_model_params reports those fits. A model
// writes one table, so within one build the fits pass from the first to the second in
// memory, keyed by the build's connection and checked against what customer_ltv's table
// holds (a rolled-back or different build's fits are never used). Without a match
// ltv_model_params refits from the table.

import type { DuckDBConnection } from '@duckdb/node-api';
import type { CustomerLtvResult } from '../ltv/index.ts';

/** What identifies the data a fit was made on. */
export interface FitFingerprint {
	customers: number;
	observationEndDay: number;
	frequencySum: number;
	tSum: number;
	monetarySum: number;
}

const handoffs = new WeakMap<DuckDBConnection, { fingerprint: FitFingerprint; result: CustomerLtvResult }>();

export function fingerprintOf(result: CustomerLtvResult): FitFingerprint {
	const c = result.customers;
	let frequencySum = 0;
	let tSum = 0;
	let monetarySum = 0;
	for (let i = 0; i < c.ids.length; i++) {
		frequencySum += c.frequency[i];
		tSum += c.T[i];
		monetarySum += c.monetaryValue[i];
	}
	return { customers: c.ids.length, observationEndDay: result.settings.observationEndDay, frequencySum, tSum, monetarySum };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

export function sameFingerprint(a: FitFingerprint, b: FitFingerprint): boolean {
	return (
		a.customers === b.customers &&
		a.observationEndDay === b.observationEndDay &&
		close(a.frequencySum, b.frequencySum) &&
		close(a.tSum, b.tSum) &&
		close(a.monetarySum, b.monetarySum)
	);
}

export function handOverFits(connection: DuckDBConnection, result: CustomerLtvResult): void {
	handoffs.set(connection, { fingerprint: fingerprintOf(result), result });
}

/** The fits customer_ltv made on this connection if they match `stored`; taken once. */
export function takeFits(connection: DuckDBConnection, stored: FitFingerprint): CustomerLtvResult | null {
	const handoff = handoffs.get(connection);
	handoffs.delete(connection);
	return handoff && sameFingerprint(handoff.fingerprint, stored) ? handoff.result : null;
}
