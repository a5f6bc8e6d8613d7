import { describe, expect, it } from 'vitest';
import { asQuery, filterSearch, withChoice, withCustomPeriod, withPeriodPreset } from './filter-url.ts';

describe('filter URL', () => {
	const page = new URLSearchParams('city=Казань&utm=x&period_start=2024-01-01&period_end=2024-03-31&period=custom');

	it('keeps only filter parameters, in a stable order', () => {
		expect(filterSearch(page).toString()).toBe('period=custom&period_start=2024-01-01&period_end=2024-03-31&city=%D0%9A%D0%B0%D0%B7%D0%B0%D0%BD%D1%8C');
	});
	it('drops custom dates when a preset is chosen', () => {
		expect(Object.fromEntries(withPeriodPreset(page, 'last_year'))).toEqual({ period: 'last_year', city: 'Казань' });
	});
	it('sets a custom range', () => {
		expect(Object.fromEntries(withCustomPeriod(new URLSearchParams('period=last_year'), '2024-02-01', '2024-02-29'))).toEqual({
			period: 'custom', period_start: '2024-02-01', period_end: '2024-02-29'
		});
	});
	it('sets and clears a choice', () => {
		expect(withChoice(page, 'channel', 'Опт').get('channel')).toBe('Опт');
		expect(withChoice(page, 'city', null).has('city')).toBe(false);
		expect(asQuery(new URLSearchParams())).toBe('');
		expect(asQuery(new URLSearchParams('a=1'))).toBe('?a=1');
	});
});
