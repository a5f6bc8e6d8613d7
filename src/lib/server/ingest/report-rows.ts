import { quoteLiteral } from '../warehouse/index.ts';
import type { HeadRecord } from './csv-head.ts';
import { looseNumber } from './detect-evidence.ts';
import type { HeaderMatch } from './header-match.ts';
import { isNeeded, type MatchContext } from './header-match.ts';

/**
 * Rows of a 1C report that are not data: the total line at the end («Итого», «Всего»,
 * «Итого по документу», «Разом», «Усього», «Total») and, in a report grouped by a field
 * with each grouping in a column of its own, the group rows (the field's value and the
 * group's totals, every other column blank) above the detail rows, which leave that
 * column blank. Such rows are skipped and reported, neither loaded nor rejected; the
 * blank group column of the detail rows takes the value of the group they are under.
 */

export type SkipKind = 'total' | 'group';

const TOTAL_WORDS = ['итого', 'итог', 'всего', 'всього', 'усього', 'разом', 'підсумок', 'grand total', 'subtotal', 'totals', 'total'];
// A total word alone or followed by «:» and «по …», «за …» («Итого по документу», «Всего за период», «Total for …»):
// never a name that merely starts with it («Всего хорошего, ООО»).
const TOTAL_RE_SOURCE = `^(${TOTAL_WORDS.join('|')})[[:space:]]*[:.]?[[:space:]]*((по|за|for|by|in)[[:space:]].*)?$`;
const TOTAL_RE = new RegExp(TOTAL_RE_SOURCE.replaceAll('[[:space:]]', '\\s'), 'iu');

/** The first non-empty cell of a row. */
export function firstText(fields: string[]): string {
	return fields.find((f) => f.trim() !== '')?.trim() ?? '';
}

export function isTotalText(text: string): boolean {
	return TOTAL_RE.test(text.trim());
}

/** Two first letters of every total word: most rows are ruled out by them before the regular expression runs. */
const TOTAL_STARTS = [...new Set(TOTAL_WORDS.map((w) => w.slice(0, 2)))];

/**
 * SQL: the first non-empty cell of the row is a total line's label. Its first two letters
 * rule out almost every row before the regular expression runs (a CASE branch runs only for
 * the rows that reach it).
 */
export function totalRowSql(cells: string[]): string {
	if (cells.length === 0) return 'false';
	const first = `coalesce(${cells.map((c) => `nullif(trim(${c}), '')`).join(', ')})`;
	return `case when lower(left(${first}, 2)) in (${TOTAL_STARTS.map(quoteLiteral).join(', ')}) then regexp_full_match(lower(${first}), ${quoteLiteral(TOTAL_RE_SOURCE)}) else false end`;
}

const NUMERIC = new Set(['number', 'money', 'integer']);
/** A figure as reports write it (RE2): sign or brackets, digits with spaces, dots or commas, a per cent sign. */
const FIGURE_RE = '[-+−(]?[0-9][0-9 \u00a0\u202f.,]*[)]?%?';

export interface RowShape {
	/** Header positions of mapped numeric columns. */
	numeric: number[];
	/** Every other header position (text, dates, unmapped): a group row fills one of them with text. */
	other: number[];
	/** Header positions of columns the entity needs. */
	needed: number[];
}

export function rowShape(match: HeaderMatch, width: number, context: MatchContext): RowShape {
	const numeric = match.mapped.filter((m) => NUMERIC.has(m.column.type)).map((m) => m.index);
	const needed = match.mapped.filter((m) => isNeeded(match.entity, m.column, context)).map((m) => m.index);
	const other = Array.from({ length: width }, (_, i) => i).filter((i) => !numeric.includes(i));
	return { numeric, other, needed };
}

const filled = (fields: string[], i: number) => (fields[i] ?? '').trim() !== '';
/** Text, not a figure: an unmapped «Рентабельность, %» column of a group row holds a figure. */
const worded = (fields: string[], i: number) => filled(fields, i) && looseNumber((fields[i] ?? '').replace(/%$/, '')) === undefined;

/** The one text cell a group row fills, or undefined when the row is not shaped like one. */
function groupCell(fields: string[], shape: RowShape): number | undefined {
	if (!shape.numeric.some((i) => filled(fields, i))) return undefined;
	if (!shape.needed.some((i) => !filled(fields, i))) return undefined;
	const others = shape.other.filter((i) => worded(fields, i));
	return others.length === 1 ? others[0] : undefined;
}

/**
 * Columns a grouped report fills only on its group rows, seen in the head: rows shaped
 * like a group row (one non-numeric cell, figures, a needed column blank) followed by
 * detail rows that leave the same column blank. Empty for a plain export.
 */
export function groupColumns(records: HeadRecord[], shape: RowShape, lead = 0): number[] {
	const rows = records.map((r) => r.fields.slice(lead)).filter((f) => !isTotalText(firstText(f)));
	const columns = new Set<number>();
	rows.forEach((fields, n) => {
		const cell = groupCell(fields, shape);
		if (cell === undefined) return;
		const next = rows.slice(n + 1).find((f) => groupCell(f, shape) === undefined);
		if (next && !filled(next, cell)) columns.add(cell);
	});
	return [...columns].sort((a, b) => a - b);
}

/** What the head shows of a row: a total line, a group row of a known group column, or data. */
export function skipKind(fields: string[], shape: RowShape, groups: number[]): SkipKind | undefined {
	if (isTotalText(firstText(fields))) return 'total';
	const cell = groupCell(fields, shape);
	return cell !== undefined && groups.includes(cell) ? 'group' : undefined;
}

/** SQL of skipKind over the read cells (`cell(i)` names field i). */
export function skipKindSql(shape: RowShape, groups: number[], cell: (i: number) => string, width: number): string {
	const cells = Array.from({ length: width }, (_, i) => cell(i));
	const has = (i: number) => `coalesce(trim(${cell(i)}) <> '', false)`;
	const worded = (i: number) => `(${has(i)} and not regexp_full_match(trim(${cell(i)}), ${quoteLiteral(FIGURE_RE)}))`;
	const branches = [`when ${totalRowSql(cells)} then 'total'`];
	if (groups.length && shape.numeric.length && shape.needed.length) {
		const others = shape.other.filter((i) => i < width);
		const oneOther = `(${others.map((i) => `${worded(i)}::INT`).join(' + ')}) = 1`;
		const inGroup = `(${groups.map(worded).join(' or ')})`;
		const figures = `(${shape.numeric.map(has).join(' or ')})`;
		const neededBlank = `(${shape.needed.map((i) => `not ${has(i)}`).join(' or ')})`;
		branches.push(`when ${oneOther} and ${inGroup} and ${figures} and ${neededBlank} then 'group'`);
	}
	return `case ${branches.join(' ')} end`;
}
