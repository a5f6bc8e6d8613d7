import type { HeadRecord } from './csv-head.ts';

/**
 * The title block of a 1C report: the lines above the header («Ведомость по товарам на
 * складах», «Период: 01.01.2024 - 31.01.2024», «Отбор: …»). They are not data, but they say
 * what the report is (a detection signal) and, for a balance report without a date
 * column, the date its figures are for.
 */

export interface TitleDate {
	/** YYYY-MM-DD */
	iso: string;
	/** The title line it was read from. */
	line: string;
}

/** Non-empty title lines above the header, each as one text (cells joined by a space). */
export function titleLines(records: HeadRecord[], headerIndex: number, leadingFields = 0): string[] {
	return records
		.slice(0, headerIndex)
		.map((r) => r.fields.slice(leadingFields).map((f) => f.trim()).filter(Boolean).join(' '))
		.filter(Boolean);
}

const MONTHS_GENITIVE: Record<string, number> = {
	января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10, ноября: 11, декабря: 12,
	січня: 1, лютого: 2, березня: 3, квітня: 4, травня: 5, червня: 6, липня: 7, серпня: 8, вересня: 9, жовтня: 10, листопада: 11, грудня: 12
};
const MONTHS_NOMINATIVE: Record<string, number> = {
	январь: 1, февраль: 2, март: 3, апрель: 4, май: 5, июнь: 6, июль: 7, август: 8, сентябрь: 9, октябрь: 10, ноябрь: 11, декабрь: 12,
	січень: 1, лютий: 2, березень: 3, квітень: 4, травень: 5, червень: 6, липень: 7, серпень: 8, вересень: 9, жовтень: 10, листопад: 11, грудень: 12
};

const pad = (n: number) => String(n).padStart(2, '0');

function valid(year: number, month: number, day: number): string | undefined {
	if (month < 1 || month > 12 || day < 1) return undefined;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day > last ? undefined : `${year}-${pad(month)}-${pad(day)}`;
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Every date a line states, in order: 31.01.2024, 31.01.24, 2024-01-31, «31 января 2024», and «Январь 2024» as its last day. */
export function datesIn(line: string): string[] {
	const found: { at: number; iso: string }[] = [];
	const text = line.toLowerCase().replaceAll('ё', 'е');
	for (const m of text.matchAll(/(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/g)) {
		const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
		const iso = valid(year, Number(m[2]), Number(m[1]));
		if (iso) found.push({ at: m.index, iso });
	}
	for (const m of text.matchAll(/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g)) {
		const iso = valid(Number(m[1]), Number(m[2]), Number(m[3]));
		if (iso) found.push({ at: m.index, iso });
	}
	for (const m of text.matchAll(/(?<!\d)(\d{1,2})\s+(\p{L}+)\s+(\d{4})/gu)) {
		const month = MONTHS_GENITIVE[m[2]];
		const iso = month ? valid(Number(m[3]), month, Number(m[1])) : undefined;
		if (iso) found.push({ at: m.index, iso });
	}
	for (const m of text.matchAll(/(?<![\p{L}\d])(\p{L}+)\s+(\d{4})/gu)) {
		const month = MONTHS_NOMINATIVE[m[1]];
		if (month) found.push({ at: m.index, iso: `${m[2]}-${pad(month)}-${pad(lastDay(Number(m[2]), month))}` });
	}
	return found.sort((a, b) => a.at - b.at).map((f) => f.iso);
}

// «Период: … - 31.01.2024», «Остатки на 31.01.2024», «Станом на …», «As of …» state the report's date;
// «Сформирован 05.02.2024 10:00» is when it was printed, not what it is about.
const PERIOD = /(период|період|period|на дату|остатки на|залишки на|станом на|по состоянию|as of|(^|\s)на\s+\d|(^|\s)дата(\s|:))/iu;
const PRINTED = /(сформирован|сформовано|дата формирования|дата формування|дата печати|printed|generated|created)/iu;

/**
 * The date a report's title block states: the last date (the period's end) of the first
 * line that names a period or an "as of" date; otherwise the last date of any title line
 * that is not a print stamp. Undefined when the title states none.
 */
export function titleDate(lines: string[]): TitleDate | undefined {
	const usable = lines.filter((line) => !PRINTED.test(line));
	const periodLine = usable.find((line) => PERIOD.test(line) && datesIn(line).length > 0);
	if (periodLine) return { iso: datesIn(periodLine).at(-1)!, line: periodLine };
	for (const line of [...usable].reverse()) {
		const dates = datesIn(line);
		if (dates.length) return { iso: dates.at(-1)!, line };
	}
	return undefined;
}
