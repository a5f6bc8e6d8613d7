import { describe, expect, it } from 'vitest';
import { asQuery, filterSearch, withCustomPeriod, withPeriodPreset, withValues } from './filter-url.ts';

describe('filter URL', () => {
	const url = new URLSearchParams('customer_id=C1&city=Казань&utm=x&period_start=2024-01-01&period_end=2024-03-31&period=custom');

	it('keeps filters and the dashboard’s page parameters, in a stable order', () => {
		expect([...filterSearch(url).keys()]).toEqual(['period', 'period_start', 'period_end', 'city']);
		expect([...filterSearch(url, ['customer_id']).keys()]).toEqual(['period', 'period_start', 'period_end', 'city', 'customer_id']);
	});
	it('drops custom dates when a preset is chosen', () => {
		expect(Object.fromEntries(withPeriodPreset(filterSearch(url), 'last_year'))).toEqual({ period: 'last_year', city: 'Казань' });
	});
	it('sets a custom range', () => {
		expect(Object.fromEntries(withCustomPeriod(new URLSearchParams('period=last_year'), '2024-02-01', '2024-02-29'))).toEqual({
			period: 'custom',
			period_start: '2024-02-01',
			period_end: '2024-02-29'
		});
	});
	it('sets and clears values', () => {
		const next = withValues(filterSearch(url), { channel: 'Опт', city: null, customer_id: 'C2' });
		expect(Object.fromEntries(next)).toEqual({ period: 'custom', period_start: '2024-01-01', period_end: '2024-03-31', channel: 'Опт', customer_id: 'C2' });
		expect(asQuery(new URLSearchParams())).toBe('');
		expect(asQuery(new URLSearchParams('a=1'))).toBe('?a=1');
	});
});
