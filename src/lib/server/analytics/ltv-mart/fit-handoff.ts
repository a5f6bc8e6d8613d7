// customer_ltv chooses and fits the models; ltv_model_params and ltv_model_selection report
// them. A model writes one table, so within one build the fits pass from the first to the
// others in memory, keyed by the build's connection and checked against what customer_ltv's
// table holds (a rolled-back or different build's fits are never used). Without a match the
// reporting models compute them again from the same input (customer-ltv-model.ts), and the
// first to do so hands them to the other the same way.
// Only the fits travel, not the per-customer columns: a handoff may outlive its build.

import type { DuckDBConnection } from '@duckdb/node-api';
import type { CustomerLtvResult } from '../ltv/index.ts';

/** What the reporting marts need of a customerLtv result. */
export type LtvFits = Pick<CustomerLtvResult, 'purchase' | 'selection' | 'gammaGamma' | 'settings'>;

/** What identifies the data a fit was made on. */
export interface FitFingerprint {
	customers: number;
	observationEndDay: number;
	frequencySum: number;
	tSum: number;
	monetarySum: number;
}

const handoffs = new WeakMap<DuckDBConnection, { fingerprint: FitFingerprint; fits: LtvFits }>();

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
	const { purchase, selection, gammaGamma, settings } = result;
	handoffs.set(connection, { fingerprint: fingerprintOf(result), fits: { purchase, selection, gammaGamma, settings } });
}

/**
 * The fits customer_ltv made on this connection if they match `stored`. Both reporting
 * models take them, so a match leaves them in place; a mismatch drops them.
 */
export function takeFits(connection: DuckDBConnection, stored: FitFingerprint): LtvFits | null {
	const handoff = handoffs.get(connection);
	if (!handoff) return null;
	if (sameFingerprint(handoff.fingerprint, stored)) return handoff.fits;
	handoffs.delete(connection);
	return null;
}
