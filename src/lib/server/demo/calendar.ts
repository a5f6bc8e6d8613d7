/**
 * Dates of the demo as whole days since 1970-01-01 (UTC) and times as minutes since then:
 * integers are cheap to draw and compare, and every string a file needs is formatted
 * once per day from a table.
 */

export const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month1: number, day: number): number {
	return Math.round(Date.UTC(year, month1 - 1, day) / MS_PER_DAY);
}

/** "2026-10-31" → day number; throws on anything that is not a real calendar date. */
export function parseIsoDay(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) throw new Error(`«${text}» is not a date in the form YYYY-MM-DD`);
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const result = dayOf(year, month, day);
	const back = new Date(result * MS_PER_DAY);
	if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
		throw new Error(`«${text}» is not a calendar date`);
	}
	return result;
}

export interface CivilDate {
	year: number;
	/** 1..12 */
	month: number;
	day: number;
	/** 0 = Monday .. 6 = Sunday */
	weekday: number;
}

export function civil(day: number): CivilDate {
	const date = new Date(day * MS_PER_DAY);
	return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: (date.getUTCDay() + 6) % 7 };
}

/** Last day of the month before the one that contains `day`. */
export function endOfPreviousMonth(day: number): number {
	const { year, month } = civil(day);
	return dayOf(year, month, 1) - 1;
}

export function lastDayOfMonth(year: number, month1: number): number {
	return dayOf(month1 === 12 ? year + 1 : year, month1 === 12 ? 1 : month1 + 1, 1) - 1;
}

/** Russian public holidays on fixed dates (the New Year break, 23 Feb, 8 Mar, 1 and 9 May, 12 Jun, 4 Nov). */
export function isPublicHoliday(month: number, day: number): boolean {
	return (
		(month === 1 && day <= 8) ||
		(month === 2 && day === 23) ||
		(month === 3 && day === 8) ||
		(month === 5 && (day === 1 || day === 9)) ||
		(month === 6 && day === 12) ||
		(month === 11 && day === 4)
	);
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** Per-day facts and strings over a fixed range of days. */
export class DayTable {
	readonly first: number;
	readonly last: number;
	private readonly dmyText: string[] = [];
	private readonly isoText: string[] = [];
	private readonly years: Int16Array;
	private readonly months: Int8Array;
	private readonly weekdays: Int8Array;
	private readonly monthDays: Int8Array;
	private readonly business: Uint8Array;

	constructor(first: number, last: number) {
		this.first = first;
		this.last = last;
		const n = last - first + 1;
		this.years = new Int16Array(n);
		this.months = new Int8Array(n);
		this.weekdays = new Int8Array(n);
		this.monthDays = new Int8Array(n);
		this.business = new Uint8Array(n);
		for (let i = 0; i < n; i++) {
			const c = civil(first + i);
			this.years[i] = c.year;
			this.months[i] = c.month;
			this.weekdays[i] = c.weekday;
			this.monthDays[i] = c.day;
			this.business[i] = c.weekday < 5 && !isPublicHoliday(c.month, c.day) ? 1 : 0;
			this.dmyText.push(`${pad2(c.day)}.${pad2(c.month)}.${c.year}`);
			this.isoText.push(`${c.year}-${pad2(c.month)}-${pad2(c.day)}`);
		}
	}

	private index(day: number): number {
		if (day < this.first || day > this.last) throw new RangeError(`day ${day} outside the demo calendar`);
		return day - this.first;
	}

	year(day: number): number {
		return this.years[this.index(day)];
	}

	/** 1..12 */
	month(day: number): number {
		return this.months[this.index(day)];
	}

	dayOfMonth(day: number): number {
		return this.monthDays[this.index(day)];
	}

	/** 0 = Monday .. 6 = Sunday */
	weekday(day: number): number {
		return this.weekdays[this.index(day)];
	}

	/** A working day: Monday to Friday and not a public holiday. */
	isBusinessDay(day: number): boolean {
		return this.business[this.index(day)] === 1;
	}

	/** The day itself when it is a working day, else the next one. */
	nextBusinessDay(day: number): number {
		let d = day;
		while (d < this.last && this.business[d - this.first] === 0) d++;
		return d;
	}

	/** Months since 1970-01 (a running month number). */
	monthNumber(day: number): number {
		const i = this.index(day);
		return (this.years[i] - 1970) * 12 + this.months[i] - 1;
	}

	/** dd.mm.yyyy */
	dmy(day: number): string {
		return this.dmyText[this.index(day)];
	}

	/** yyyy-mm-dd */
	iso(day: number): string {
		return this.isoText[this.index(day)];
	}

	/** dd.mm.yyyy hh:mm */
	dmyTime(minute: number): string {
		const day = Math.floor(minute / MINUTES_PER_DAY);
		const m = minute - day * MINUTES_PER_DAY;
		return `${this.dmy(day)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
	}

	/** yyyy-mm-ddThh:mm:ss (seconds from the minute's hash, so they are not all :00). */
	isoTime(minute: number): string {
		const day = Math.floor(minute / MINUTES_PER_DAY);
		const m = minute - day * MINUTES_PER_DAY;
		const seconds = (minute * 37) % 60;
		return `${this.iso(day)}T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:${pad2(seconds)}`;
	}
}

/** Day number → JS Date at UTC midnight (XLSX date cells). */
export function dateOfDay(day: number): Date {
	return new Date(day * MS_PER_DAY);
}

/** Minute number → JS Date (XLSX date-time cells). */
export function dateOfMinute(minute: number): Date {
	return new Date(minute * 60_000);
}

/** Running month number (months since 1970-01) → its first day. */
export function firstDayOfMonthNumber(monthNumber: number): number {
	return dayOf(1970 + Math.floor(monthNumber / 12), (monthNumber % 12) + 1, 1);
}
