import type { DuckDBConnection } from '@duckdb/node-api';
import { humanDateFormat } from './date-formats.ts';
import type { FilePlan } from './plan.ts';
import { cell } from './typed-select.ts';
import type { DateOrder, DateOrderDecision, SlashExample } from './types.ts';

/**
 * Day/month order of slash dates (3/1/2017). A value whose first part is above 12 can only
 * be day-first, one whose second part is above 12 only month-first. The head of a file
 * gives a first guess (detection, preview); the load decides over every value of the date
 * columns in one set-based query, so a file whose first rows are all ambiguous is read
 * the way its later rows show. A flag or job file (`date_order`) overrides both.
 */

const SLASH = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}/;

export interface SlashCounts {
	firstAbove12: number;
	secondAbove12: number;
	/** The first value seen whose first (second) part is above 12, with its header. */
	firstExample?: SlashExample;
	secondExample?: SlashExample;
}

/** Counts the slash dates of one column (its header names the examples). */
export function countSlashParts(values: string[], header = ''): SlashCounts & { slash: number } {
	const counts: SlashCounts & { slash: number } = { firstAbove12: 0, secondAbove12: 0, slash: 0 };
	for (const value of values) {
		const m = SLASH.exec(value);
		if (!m) continue;
		counts.slash += 1;
		if (Number(m[1]) > 12) {
			counts.firstAbove12 += 1;
			counts.firstExample ??= { header, value: value.trim() };
		}
		if (Number(m[2]) > 12) {
			counts.secondAbove12 += 1;
			counts.secondExample ??= { header, value: value.trim() };
		}
	}
	return counts;
}

/** The counts of several columns together; the examples of the first column that has one. */
export function addSlashCounts(all: SlashCounts[]): SlashCounts {
	return {
		firstAbove12: all.reduce((n, c) => n + c.firstAbove12, 0),
		secondAbove12: all.reduce((n, c) => n + c.secondAbove12, 0),
		firstExample: all.find((c) => c.firstExample)?.firstExample,
		secondExample: all.find((c) => c.secondExample)?.secondExample
	};
}

/**
 * The order the counts show (the larger count wins a conflict: the other values are the
 * bad ones), or day-first assumed; an order told (flag, upload page, job file) or kept by a
 * saved mapping wins over both.
 */
export function decideOrder(
	counts: SlashCounts,
	scope: DateOrderDecision['scope'],
	columns: string[],
	told?: { order: DateOrder; by: 'override' | 'mapping' }
): DateOrderDecision {
	const { firstAbove12, secondAbove12 } = counts;
	if (told) return { order: told.order, by: told.by, scope, columns, firstAbove12, secondAbove12 };
	if (firstAbove12 === 0 && secondAbove12 === 0) return { order: 'day-first', by: 'assumed', scope, columns, firstAbove12, secondAbove12 };
	const order = secondAbove12 > firstAbove12 ? 'month-first' : 'day-first';
	const evidence = order === 'month-first' ? counts.secondExample : counts.firstExample;
	return { order, by: 'values', scope, columns, firstAbove12, secondAbove12, ...(evidence ? { evidence } : {}) };
}

const DAY_FIRST = '%d/%m/';
const MONTH_FIRST = '%m/%d/';

/** The same format list read in the given order (only slash formats change). */
export function withOrder(formats: string[], order: DateOrder): string[] {
	const [from, to] = order === 'day-first' ? [MONTH_FIRST, DAY_FIRST] : [DAY_FIRST, MONTH_FIRST];
	return formats.map((f) => (f.startsWith(from) ? to + f.slice(from.length) : f));
}

/**
 * Counts, over every value of the given cells of `source` (a read_csv of the file), the
 * slash dates whose first or second part is above 12, with an example of each per cell:
 * one scan, in DuckDB.
 */
export async function countSlashPartsSql(connection: DuckDBConnection, source: string, cells: { cell: string; header: string }[]): Promise<SlashCounts> {
	if (cells.length === 0) return { firstAbove12: 0, secondAbove12: 0 };
	const part = (cell: string, n: number) => `try_cast(regexp_extract(${cell}, '^\\s*(\\d{1,2})/(\\d{1,2})/\\d{4}', ${n}) as INTEGER)`;
	const perCell = cells.flatMap(({ cell }) => [1, 2].flatMap((n) => [`count(*) filter (where ${part(cell, n)} > 12)`, `min(trim(${cell})) filter (where ${part(cell, n)} > 12)`]));
	const row = (await connection.runAndReadAll(`select ${perCell.join(', ')} from ${source}`)).getRows()[0];
	const example = (value: unknown, header: string) => (value === null || value === undefined ? undefined : { header, value: String(value) });
	return addSlashCounts(
		cells.map(({ header }, i) => {
			const [first, firstValue, second, secondValue] = row.slice(i * 4, i * 4 + 4);
			return { firstAbove12: Number(first), secondAbove12: Number(second), firstExample: example(firstValue, header), secondExample: example(secondValue, header) };
		})
	);
}

/** What the decision means for a reader, in English and Russian. */
export function describeOrder(d: DateOrderDecision, formats: string[]): { en: string; ru: string } {
	const shown = formats.find((f) => f.startsWith(DAY_FIRST) || f.startsWith(MONTH_FIRST)) ?? (d.order === 'day-first' ? '%d/%m/%Y' : '%m/%d/%Y');
	const en = humanDateFormat(shown);
	const ru = humanDateFormat(shown, 'ru');
	const where = d.scope === 'file' ? 'in the whole column' : 'in the first rows';
	const whereRu = d.scope === 'file' ? 'во всём столбце' : 'в первых строках';
	const cols = d.columns.join(', ');
	if (d.by === 'override') return { en: `slash dates of ${cols} read as ${en} (as told)`, ru: `даты через «/» в ${cols} прочитаны как ${ru} (так указано)` };
	if (d.by === 'mapping') return { en: `slash dates of ${cols} read as ${en} (as the saved mapping says)`, ru: `даты через «/» в ${cols} прочитаны как ${ru} (так сохранено в сопоставлении)` };
	if (d.by === 'assumed') {
		return {
			en: `slash dates of ${cols} read as ${en}: no day above 12 ${where} shows the order (override with --date-order month-first)`,
			ru: `даты через «/» в ${cols} прочитаны как ${ru}: ${whereRu} нет дня больше 12, порядок не виден (можно указать порядок явно)`
		};
	}
	const deciding = d.order === 'day-first' ? d.firstAbove12 : d.secondAbove12;
	const against = d.order === 'day-first' ? d.secondAbove12 : d.firstAbove12;
	const conflict = against ? `; ${against} values say the other order and will be rejected` : '';
	const conflictRu = against ? `; ${against} значений говорят об обратном порядке и будут отклонены` : '';
	const example = d.evidence ? ` («${d.evidence.header}» has ${d.evidence.value})` : '';
	const exampleRu = d.evidence ? ` (в «${d.evidence.header}» есть ${d.evidence.value})` : '';
	return {
		en: `slash dates of ${cols} read as ${en}: ${deciding} values ${where} have a ${d.order === 'day-first' ? 'first' : 'second'} part above 12${example}${conflict}`,
		ru: `даты через «/» в ${cols} прочитаны как ${ru}: у ${deciding} значений ${whereRu} ${d.order === 'day-first' ? 'первая' : 'вторая'} часть больше 12${exampleRu}${conflictRu}`
	};
}

/**
 * At load: the order over every value of the plan's slash-date columns (`source` reads the
 * text: read_csv or the grouped report's text table), unless it was told or a saved mapping keeps it.
 * Rewrites the plan's formats, dayFirst, dateOrder and its note.
 */
export async function decideOrderOverFile(connection: DuckDBConnection, plan: FilePlan, source: string): Promise<void> {
	const previous = plan.dialect.dateOrder;
	if (!previous || previous.by === 'override' || previous.by === 'mapping' || plan.slashColumns.length === 0) return;
	const cells = plan.match.mapped.filter((m) => plan.slashColumns.includes(m.column.name)).map((m) => ({ cell: cell(m.index), header: m.header }));
	const decision = decideOrder(await countSlashPartsSql(connection, source, cells), 'file', plan.slashColumns);
	const before = describeOrder(previous, plan.dialect.dateFormats[plan.slashColumns[0]] ?? []);
	for (const column of Object.keys(plan.dialect.dateFormats)) plan.dialect.dateFormats[column] = withOrder(plan.dialect.dateFormats[column], decision.order);
	plan.dialect.dayFirst = decision.order === 'day-first';
	plan.dialect.dateOrder = decision;
	const after = describeOrder(decision, plan.dialect.dateFormats[plan.slashColumns[0]] ?? []);
	const at = plan.notes.indexOf(before.en);
	if (at >= 0) {
		plan.notes[at] = after.en;
		plan.notesRu[at] = after.ru;
	} else {
		plan.notes.push(after.en);
		plan.notesRu.push(after.ru);
	}
}
