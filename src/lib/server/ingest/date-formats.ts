/**
 * Date and timestamp formats recognised in exports, as DuckDB strptime patterns, each
 * with a JS pattern to test sample values. Order matters: try_strptime takes the first
 * format that fits, so for one family of formats the longest comes first.
 */
interface DateFormat {
	format: string;
	test: RegExp;
	/** Which part order the format assumes for slash dates (dd/mm vs mm/dd). */
	slash?: 'day-first' | 'month-first';
}

const T = '\\d{1,2}:\\d{2}';
const TS = `${T}:\\d{2}`;
const FRACTION = '\\.\\d{1,6}';

export const DATE_FORMATS: DateFormat[] = [
	{ format: '%d.%m.%Y %H:%M:%S', test: new RegExp(`^\\d{1,2}\\.\\d{1,2}\\.\\d{4} ${TS}$`) },
	{ format: '%d.%m.%Y %H:%M', test: new RegExp(`^\\d{1,2}\\.\\d{1,2}\\.\\d{4} ${T}$`) },
	{ format: '%d.%m.%Y', test: /^\d{1,2}\.\d{1,2}\.\d{4}$/ },
	{ format: '%d.%m.%y', test: /^\d{1,2}\.\d{1,2}\.\d{2}$/ },
	{ format: '%Y-%m-%dT%H:%M:%S.%fZ', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2}T${TS}${FRACTION}Z$`) },
	{ format: '%Y-%m-%dT%H:%M:%SZ', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2}T${TS}Z$`) },
	{ format: '%Y-%m-%dT%H:%M:%S.%f', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2}T${TS}${FRACTION}$`) },
	{ format: '%Y-%m-%dT%H:%M:%S', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2}T${TS}$`) },
	{ format: '%Y-%m-%d %H:%M:%S.%f', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2} ${TS}${FRACTION}$`) },
	{ format: '%Y-%m-%d %H:%M:%S', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2} ${TS}$`) },
	{ format: '%Y-%m-%d %H:%M', test: new RegExp(`^\\d{4}-\\d{1,2}-\\d{1,2} ${T}$`) },
	{ format: '%Y-%m-%d', test: /^\d{4}-\d{1,2}-\d{1,2}$/ },
	{ format: '%d/%m/%Y %H:%M:%S', test: new RegExp(`^\\d{1,2}/\\d{1,2}/\\d{4} ${TS}$`), slash: 'day-first' },
	{ format: '%d/%m/%Y %H:%M', test: new RegExp(`^\\d{1,2}/\\d{1,2}/\\d{4} ${T}$`), slash: 'day-first' },
	{ format: '%d/%m/%Y', test: /^\d{1,2}\/\d{1,2}\/\d{4}$/, slash: 'day-first' },
	{ format: '%m/%d/%Y %H:%M:%S', test: new RegExp(`^\\d{1,2}/\\d{1,2}/\\d{4} ${TS}$`), slash: 'month-first' },
	{ format: '%m/%d/%Y %H:%M', test: new RegExp(`^\\d{1,2}/\\d{1,2}/\\d{4} ${T}$`), slash: 'month-first' },
	{ format: '%m/%d/%Y', test: /^\d{1,2}\/\d{1,2}\/\d{4}$/, slash: 'month-first' },
	{ format: '%Y%m%d', test: /^\d{8}$/ },
	{ format: '%m.%Y', test: /^\d{1,2}\.\d{4}$/ },
	{ format: '%Y-%m', test: /^\d{4}-\d{1,2}$/ }
];

export interface SlashOrder {
	dayFirst: boolean;
	/** True when values decided it (a part above 12), false when assumed. */
	evident: boolean;
}

/** dd/mm or mm/dd: decided by a first part above 12 (day-first) or a second part above 12. */
export function slashOrder(samples: string[]): SlashOrder {
	let dayFirst = 0;
	let monthFirst = 0;
	for (const value of samples) {
		const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(value.trim());
		if (!m) continue;
		if (Number(m[1]) > 12) dayFirst += 1;
		if (Number(m[2]) > 12) monthFirst += 1;
	}
	if (dayFirst === 0 && monthFirst === 0) return { dayFirst: true, evident: false };
	return { dayFirst: dayFirst >= monthFirst, evident: true };
}

/**
 * Formats for one column: those its samples use (most used first), then every other
 * known format so values that appear later in other shapes still parse. Only one of
 * dd/mm and mm/dd is ever offered.
 */
export function columnDateFormats(samples: string[], dayFirst: boolean): string[] {
	const wanted = dayFirst ? 'day-first' : 'month-first';
	const usable = DATE_FORMATS.filter((f) => !f.slash || f.slash === wanted);
	const counts = new Map<string, number>();
	for (const raw of samples) {
		const value = raw.trim();
		const hit = usable.find((f) => f.test.test(value));
		if (hit) counts.set(hit.format, (counts.get(hit.format) ?? 0) + 1);
	}
	const seen = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([format]) => format);
	return [...seen, ...usable.map((f) => f.format).filter((f) => !seen.includes(f))];
}

/** A format as people write it: shared with the upload page. */
export { humanDateFormat } from '../../format/date-pattern.ts';
