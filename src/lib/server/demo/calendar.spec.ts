import { describe, expect, it } from 'vitest';
import { DayTable, civil, dayOf, endOfPreviousMonth, isPublicHoliday, lastDayOfMonth, parseIsoDay } from './calendar.ts';

describe('demo calendar', () => {
	it('counts days from 1970-01-01 and back', () => {
		expect(dayOf(1970, 1, 1)).toBe(0);
		// 2024-03-01: 54 years, 13 of them leap (1972..2020) → 54·365 + 13 = 19723, + 31 + 29 = 19783.
		expect(dayOf(2024, 3, 1)).toBe(19783);
		expect(civil(19783)).toEqual({ year: 2024, month: 3, day: 1, weekday: 4 });
		expect(parseIsoDay('2024-02-29')).toBe(19782);
	});

	it('refuses impossible dates', () => {
		expect(() => parseIsoDay('2025-02-29')).toThrow(/not a calendar date/);
		expect(() => parseIsoDay('31.12.2025')).toThrow(/YYYY-MM-DD/);
	});

	it('finds month ends', () => {
		expect(lastDayOfMonth(2024, 2)).toBe(dayOf(2024, 2, 29));
		expect(lastDayOfMonth(2025, 12)).toBe(dayOf(2025, 12, 31));
		expect(endOfPreviousMonth(dayOf(2026, 11, 15))).toBe(dayOf(2026, 10, 31));
	});

	it('formats days and times and knows working days', () => {
		const table = new DayTable(dayOf(2023, 12, 25), dayOf(2024, 1, 15));
		const day = dayOf(2024, 1, 5);
		expect(table.dmy(day)).toBe('05.01.2024');
		expect(table.iso(day)).toBe('2024-01-05');
		expect(table.dmyTime(day * 1440 + 9 * 60 + 5)).toBe('05.01.2024 09:05');
		expect(table.isoTime(day * 1440 + 61)).toMatch(/^2024-01-05T01:01:\d{2}$/);
		// New Year holidays run to 8 January; the 9th of January 2024 is a Tuesday.
		expect(isPublicHoliday(1, 8)).toBe(true);
		expect(table.isBusinessDay(day)).toBe(false);
		expect(table.nextBusinessDay(dayOf(2023, 12, 30))).toBe(dayOf(2024, 1, 9));
		expect(() => table.dmy(dayOf(2025, 1, 1))).toThrow(RangeError);
	});
});
