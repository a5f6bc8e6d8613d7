// Calendar dates as UTC day numbers (days since 1970-01-01), the unit the LTV
// numerics work in: integer arithmetic, no time zones. DuckDB gives the same number
// with `date_diff('day', DATE '1970-01-01', d)`.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Day number of 'YYYY-MM-DD' (or 'YYYYMMDD'); throws on anything that is not a real date. */
export function epochDay(date: string): number {
	const match = ISO_DATE.exec(date) ?? COMPACT_DATE.exec(date);
	if (!match) throw new Error(`date «${date}» is not in YYYY-MM-DD form`);
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const ms = Date.UTC(year, month - 1, day);
	const check = new Date(ms);
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		throw new Error(`date «${date}» does not exist`);
	}
	return ms / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
