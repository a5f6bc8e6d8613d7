// Calendar-month arithmetic on 'YYYY-MM' labels. Months are counted as
// year * 12 + (month - 1) so that adding and comparing months is integer work.

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Month number (year * 12 + month - 1) of a 'YYYY-MM' label; throws on anything else. */
export function parseMonth(label: string): number {
	const match = MONTH_LABEL.exec(label);
	if (!match) throw new Error(`month «${label}» is not in YYYY-MM form (e.g. 2024-03)`);
	return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function formatMonth(monthNumber: number): string {
	const year = Math.floor(monthNumber / 12);
	const month = monthNumber - year * 12 + 1;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(label: string, count: number): string {
	return formatMonth(parseMonth(label) + count);
}

/** Calendar month 1..12 of a 'YYYY-MM' label. */
export function calendarMonth(label: string): number {
	return (parseMonth(label) % 12) + 1;
}
