import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { customerLtv } from '../ltv/index.ts';
import { fingerprintOf, handOverFits, sameFingerprint, takeFits } from './fit-handoff.ts';

// Two customers: A buys on days 0, 7, 14 (values 10, 20, 30), B once on day 3; end day 21.
// frequency A 2, B 0 → sum 2; T (weeks) A 21/7 = 3, B 18/7 → sum 5.571429; monetary A (20 + 30) / 2 = 25, B 0.
const result = customerLtv({ customerId: ['A', 'A', 'A', 'B'], day: [0, 7, 14, 3], value: [10, 20, 30, 5] }, { observationEnd: 21 });

describe('fit handoff', () => {
	it('fingerprints the summary the fits were made on', () => {
		const fingerprint = fingerprintOf(result);
		expect(fingerprint).toMatchObject({ customers: 2, observationEndDay: 21, frequencySum: 2, monetarySum: 25 });
		expect(fingerprint.tSum).toBeCloseTo(3 + 18 / 7, 12);
	});

	it('matches sums read back from SQL up to rounding, nothing else', () => {
		const fingerprint = fingerprintOf(result);
		expect(sameFingerprint(fingerprint, { ...fingerprint, tSum: fingerprint.tSum * (1 + 1e-12) })).toBe(true);
		expect(sameFingerprint(fingerprint, { ...fingerprint, tSum: fingerprint.tSum + 1 / 7 })).toBe(false);
		expect(sameFingerprint(fingerprint, { ...fingerprint, customers: 3 })).toBe(false);
		expect(sameFingerprint(fingerprint, { ...fingerprint, observationEndDay: 22 })).toBe(false);
	});

	it('hands the fits (not the customers) over on the same connection, for the same data, to both reporting models', () => {
		const connection = {} as DuckDBConnection;
		const other = {} as DuckDBConnection;
		const fingerprint = fingerprintOf(result);
		handOverFits(connection, result);
		expect(takeFits(other, fingerprint)).toBeNull();
		const fits = takeFits(connection, fingerprint);
		expect(fits).toEqual({ purchase: result.purchase, selection: result.selection, gammaGamma: result.gammaGamma, settings: result.settings });
		expect(fits).not.toHaveProperty('customers');
		// ltv_model_params and ltv_model_selection both take them
		expect(takeFits(connection, fingerprint)).toBe(fits);
		// a mismatch drops the handoff: a later call does not get stale fits
		expect(takeFits(connection, { ...fingerprint, customers: 1 })).toBeNull();
		expect(takeFits(connection, fingerprint)).toBeNull();
	});
});
