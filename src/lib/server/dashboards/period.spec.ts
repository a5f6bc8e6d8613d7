import { describe, expect, it } from 'vitest';
import { PeriodError, parseIsoDate, presetRange, previousPeriod, resolvePeriod } from './period.ts';

describe('presetRange', () => {
	// today = Wednesday 2024-03-13 (2024 is a leap year)
	const today = '2024-03-13';
	it.each([
		['last_30_days', '2024-02-13', '2024-03-13'], // 13 Feb + 29 days = 13 Mar (Feb has 29 days)
		['last_90_days', '2023-12-15', '2024-03-13'], // 17 (Dec 15–31) + 31 + 29 + 13 = 90 days
		['month_to_date', '2024-03-01', '2024-03-13'],
		['last_month', '2024-02-01', '2024-02-29'],
		['quarter_to_date', '2024-01-01', '2024-03-13'],
		['last_quarter', '2023-10-01', '2023-12-31'],
		['last_3_months', '2023-12-01', '2024-02-29'],
		['last_12_months', '2023-03-01', '2024-02-29'],
		['year_to_date', '2024-01-01', '2024-03-13'],
		['last_year', '2023-01-01', '2023-12-31']
	] as const)('%s', (preset, start, end) => {
		expect(presetRange(preset, today)).toEqual({ start, end });
	});
});

describe('previousPeriod', () => {
	it('moves whole months back for month-aligned ranges', () => {
		expect(previousPeriod('2024-01-01', '2024-06-30')).toEqual({ start: '2023-07-01', end: '2023-12-31' });
		expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
	});
	it('compares a month to date with the same days of the month before', () => {
		expect(previousPeriod('2024-03-01', '2024-03-10')).toEqual({ start: '2024-02-01', end: '2024-02-10' });
		// 31 May has no 31 April: the end is clamped to 30 April
		expect(previousPeriod('2024-05-01', '2024-05-31')).toEqual({ start: '2024-04-01', end: '2024-04-30' });
	});
	it('moves other ranges back by their length in days', () => {
		// 10–16 Mar is 7 days; the 7 days before are 3–9 Mar
		expect(previousPeriod('2024-03-10', '2024-03-16')).toEqual({ start: '2024-03-03', end: '2024-03-09' });
	});
});

describe('resolvePeriod', () => {
	it('prefers explicit dates, then a preset, then the default', () => {
		expect(resolvePeriod({ start: '2024-01-01', end: '2024-01-31' }, 'last_month', '2024-06-01')).toEqual({
			preset: 'custom',
			start: '2024-01-01',
			end: '2024-01-31',
			prevStart: '2023-12-01',
			prevEnd: '2023-12-31'
		});
		expect(resolvePeriod({ period: 'last_year' }, 'last_month', '2024-06-01').start).toBe('2023-01-01');
		expect(resolvePeriod({}, 'last_month', '2024-06-01')).toMatchObject({ preset: 'last_month', start: '2024-05-01' });
	});
	it('rejects bad input with a message saying what to send', () => {
		expect(() => resolvePeriod({ start: '2024-02-30', end: '2024-03-01' }, 'last_month', '2024-06-01')).toThrow(
			/period_start «2024-02-30» is not a date/
		);
		expect(() => resolvePeriod({ start: '2024-02-01' }, 'last_month', '2024-06-01')).toThrow(PeriodError);
		expect(() => resolvePeriod({ start: '2024-03-01', end: '2024-02-01' }, 'last_month', '2024-06-01')).toThrow(/after/);
		expect(() => resolvePeriod({ period: 'forever' }, 'last_month', '2024-06-01')).toThrow(/unknown period «forever»/);
	});
	it('knows real calendar dates', () => {
		expect(parseIsoDate('2023-02-29')).toBeNull();
		expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
	});
});
