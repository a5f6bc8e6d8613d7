/**
 * Reporting periods: named presets resolved against "today", custom ranges, and the
 * previous period that KPI tiles compare with. Dates are ISO 'YYYY-MM-DD' strings and
 * both ends are inclusive, so queries write `date between $period_start and $period_end`.
 */

import { DomainError } from '../errors.ts';
import type { Period } from '../../dashboards/contract.ts';
import { PERIOD_PRESETS, type PeriodPreset } from '../../dashboards/filters.ts';


const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isPeriodPreset(value: string): value is PeriodPreset {
	return (PERIOD_PRESETS as readonly string[]).includes(value);
}

/** Parses 'YYYY-MM-DD' into a UTC date; null when it is not a real calendar date. */
export function parseIsoDate(value: string): Date | null {
	const match = ISO_DATE.exec(value);
	if (!match) return null;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return toIso(date) === value ? date : null;
}

export function toIso(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Today's date where the server runs (the company's calendar day, not UTC's). */
export function localToday(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const monthEnd = (y: number, m: number) => utc(y, m + 1, 0);

/** The date `months` months away, with the day clamped to that month's length (31 Mar − 1 → 29 Feb). */
function shiftMonths(date: Date, months: number): Date {
	const y = date.getUTCFullYear();
	const m = date.getUTCMonth() + months;
	const last = monthEnd(y, m).getUTCDate();
	return utc(y, m, Math.min(date.getUTCDate(), last));
}

function isMonthEnd(date: Date): boolean {
	return addDays(date, 1).getUTCDate() === 1;
}

/** Start and end of a preset, relative to today (inclusive). */
export function presetRange(preset: PeriodPreset, today: string): { start: string; end: string } {
	const t = parseIsoDate(today);
	if (!t) throw new Error(`today «${today}» is not a date`);
	const y = t.getUTCFullYear();
	const m = t.getUTCMonth();
	const q = Math.floor(m / 3) * 3;
	const fullMonths = (n: number) => ({ start: toIso(utc(y, m - n, 1)), end: toIso(monthEnd(y, m - 1)) });
	switch (preset) {
		case 'last_30_days':
			return { start: toIso(addDays(t, -29)), end: today };
		case 'last_90_days':
			return { start: toIso(addDays(t, -89)), end: today };
		case 'month_to_date':
			return { start: toIso(utc(y, m, 1)), end: today };
		case 'last_month':
			return fullMonths(1);
		case 'quarter_to_date':
			return { start: toIso(utc(y, q, 1)), end: today };
		case 'last_quarter':
			return { start: toIso(utc(y, q - 3, 1)), end: toIso(monthEnd(y, q - 1)) };
		case 'last_3_months':
			return fullMonths(3);
		case 'last_6_months':
			return fullMonths(6);
		case 'last_12_months':
			return fullMonths(12);
		case 'year_to_date':
			return { start: toIso(utc(y, 0, 1)), end: today };
		case 'last_year':
			return { start: toIso(utc(y - 1, 0, 1)), end: toIso(utc(y - 1, 11, 31)) };
	}
}

/**
 * The period just before [start, end] to compare with. A range starting on the 1st of
 * a month moves back by whole months (Jan–Jun → Jul–Dec of the year before; 1–10 Mar →
 * 1–10 Feb), so months compare with months; any other range moves back by its length in days.
 */
export function previousPeriod(start: string, end: string): { start: string; end: string } {
	const s = parseIsoDate(start);
	const e = parseIsoDate(end);
	if (!s || !e) throw new Error(`bad period ${start} – ${end}`);
	if (s.getUTCDate() === 1) {
		const months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth() + 1;
		const prevEnd = isMonthEnd(e) ? monthEnd(e.getUTCFullYear(), e.getUTCMonth() - months) : shiftMonths(e, -months);
		return { start: toIso(shiftMonths(s, -months)), end: toIso(prevEnd) };
	}
	const days = Math.round((e.getTime() - s.getTime()) / 86_400_000) + 1;
	return { start: toIso(addDays(s, -days)), end: toIso(addDays(s, -1)) };
}

/** A period the request asks for that cannot be read: a bad filter of the request. */
export class PeriodError extends DomainError {
	constructor(message: string) {
		super('bad_input', 'bad_filter', message);
	}
}

/**
 * The period a request asks for: explicit period_start/period_end win, else a preset
 * named by `period`, else the dashboard's default.
 */
export function resolvePeriod(
	input: { period?: string | null; start?: string | null; end?: string | null },
	defaultPreset: PeriodPreset,
	today: string
): Period {
	let preset: PeriodPreset | 'custom';
	let range: { start: string; end: string };
	if (input.start || input.end) {
		if (!input.start || !input.end) throw new PeriodError('give both period_start and period_end (YYYY-MM-DD)');
		for (const [name, value] of [['period_start', input.start], ['period_end', input.end]] as const) {
			if (!parseIsoDate(value)) throw new PeriodError(`${name} «${value}» is not a date; use YYYY-MM-DD`);
		}
		if (input.start > input.end) throw new PeriodError(`period_start ${input.start} is after period_end ${input.end}`);
		preset = 'custom';
		range = { start: input.start, end: input.end };
	} else if (input.period && input.period !== 'custom') {
		if (!isPeriodPreset(input.period)) {
			throw new PeriodError(`unknown period «${input.period}»; use one of ${PERIOD_PRESETS.join(', ')} or period_start/period_end`);
		}
		preset = input.period;
		range = presetRange(preset, today);
	} else {
		preset = defaultPreset;
		range = presetRange(preset, today);
	}
	const prev = previousPeriod(range.start, range.end);
	return { preset, start: range.start, end: range.end, prevStart: prev.start, prevEnd: prev.end };
}
