import { quoteLiteral } from '../warehouse/index.ts';
import { DATE_FORMATS } from './date-formats.ts';
import { unreadableReason, type ReasonSql } from './reason-sql.ts';
import type { ColumnType } from './types.ts';

/**
 * SQL that turns one text cell into a typed value. Numbers take a fast path (digits and
 * the file's decimal mark only: a replace and a cast) and fall back to the oborot_num_*
 * macros for currency marks, brackets, unicode minus and thousands separators. The paths
 * are CASE branches, not COALESCE arguments: DuckDB evaluates a CASE branch only for the
 * rows that reach it, while COALESCE computed the fallback for every row (4x the cost).
 */

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const CURRENCY_RE = String.raw`(?i)руб\.?|р\.|грн\.?|₽|\$|€|₴|\b(rub|usd|eur|uah)\b|[\s${NBSP}${NNBSP}]`;
const NUMBER_RE = String.raw`[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`;

/** Macros every load (and preview) creates on its connection before the typed select. */
export const VALUE_MACROS_SQL = `
create or replace temp macro oborot_num_core(v) as
	regexp_replace(translate(regexp_replace(v, ${quoteLiteral(CURRENCY_RE)}, '', 'g'), '−–', '--'), '^\\((.*)\\)$', '-\\1');
create or replace temp macro oborot_num_valid(v) as
	case when regexp_full_match(v, ${quoteLiteral(NUMBER_RE)}) then v end;
create or replace temp macro oborot_num_comma_core(s) as oborot_num_valid(case
	when regexp_full_match(s, '[+-]?[0-9.]*,[0-9]*') then replace(replace(s, '.', ''), ',', '.')
	when regexp_full_match(s, '[+-]?[0-9]{1,3}(\\.[0-9]{3})+') then replace(s, '.', '')
	when regexp_full_match(s, '[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?') then replace(s, ',', '')
	else s end);
create or replace temp macro oborot_num_dot_core(s) as oborot_num_valid(case
	when regexp_full_match(s, '[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?') then replace(s, ',', '')
	when regexp_full_match(s, '[+-]?[0-9]{1,3}(\\.[0-9]{3})+,[0-9]*') then replace(replace(s, '.', ''), ',', '.')
	when regexp_full_match(s, '[+-]?[0-9]+,[0-9]{1,2}') then replace(s, ',', '.')
	else s end);
create or replace temp macro oborot_num_comma(v) as oborot_num_comma_core(oborot_num_core(v));
create or replace temp macro oborot_num_dot(v) as oborot_num_dot_core(oborot_num_core(v));
create or replace temp macro oborot_whole(d) as case when d = trunc(d) and abs(d) < 9e15 then d::bigint end;
`;

export const TRUE_WORDS = ['да', 'д', 'так', 'т', 'yes', 'y', 'true', 't', '1', '+', 'x', 'х', '✓', '✔', 'истина', 'вкл', 'on'];
export const FALSE_WORDS = ['нет', 'н', 'ні', 'no', 'n', 'false', 'f', '0', '-', '—', 'ложь', 'выкл', 'off'];

/**
 * Plain numbers ("1234", "-12,5" or "12.5" by the file's mark) take the fast path: one
 * regexp test (RE2 is cheaper here than DuckDB's ltrim with a character set), a
 * replace and a cast. Everything else goes through the macros.
 */
function fastNumberTest(cell: string, decimal: '.' | ','): string {
	return decimal === ',' ? `regexp_full_match(${cell}, '-?[0-9]+(,[0-9]+)?')` : `regexp_full_match(${cell}, '-?[0-9]+([.][0-9]+)?')`;
}

function fastNumberText(cell: string, decimal: '.' | ','): string {
	return decimal === ',' ? `replace(${cell}, ',', '.')` : cell;
}

function slowNumberText(cell: string, decimal: '.' | ','): string {
	return decimal === ',' ? `oborot_num_comma(${cell})` : `oborot_num_dot(${cell})`;
}

const SQL_TYPES: Record<ColumnType, string> = {
	text: 'VARCHAR',
	integer: 'BIGINT',
	number: 'DOUBLE',
	money: 'DECIMAL(18,2)',
	date: 'DATE',
	timestamp: 'TIMESTAMP',
	boolean: 'BOOLEAN'
};

export function sqlType(type: ColumnType): string {
	return SQL_TYPES[type];
}

/** An RE2 pattern that matches exactly the values a format reads (the fast-path test). */
function formatPattern(format: string): string | undefined {
	return DATE_FORMATS.find((f) => f.format === format)?.test.source.replace(/^\^/, '').replace(/\$$/, '');
}

function formatList(formats: string[]): string {
	return formats.length === 1 ? quoteLiteral(formats[0]) : `[${formats.map(quoteLiteral).join(', ')}]`;
}

/**
 * What exports write in a date column that has no date: amoCRM's deals export says «не
 * закрыта» in «Дата закрытия» for a deal still open. Read as empty, not as a bad date.
 */
export const NO_DATE_WORDS = ['не закрыта', 'не закрыто', 'не закрыт', 'не закрита', 'не закрито', 'not closed'];

/** SQL: the cell says there is no date (one of NO_DATE_WORDS). */
export function noDateSql(cell: string): string {
	return `lower(trim(${cell})) in (${NO_DATE_WORDS.map(quoteLiteral).join(', ')})`;
}

/**
 * The column's main format is tried alone after a cheap shape test (a list of formats
 * costs DuckDB more per value). strptime's %Y reads "24" as the year 24, so two-digit
 * years ("07.06.24") get their own branch and never reach a %Y format.
 */
function dateSql(cell: string, formats: string[]): string {
	const [first, ...rest] = formats.filter((f) => f !== '%d.%m.%y');
	const branches = [`when ${cell} is null then null`];
	const firstPattern = first ? formatPattern(first) : undefined;
	if (first && firstPattern) branches.push(`when regexp_full_match(${cell}, ${quoteLiteral(firstPattern)}) then try_strptime(${cell}, ${quoteLiteral(first)})`);
	branches.push(`when regexp_full_match(trim(${cell}), '[0-9]{1,2}[.][0-9]{1,2}[.][0-9]{2}') then try_strptime(trim(${cell}), '%d.%m.%y')`);
	branches.push(`when ${noDateSql(cell)} then null`);
	const all = first ? [first, ...rest] : rest;
	return `case ${branches.join(' ')} else ${all.length ? `try_strptime(trim(${cell}), ${formatList(all)})` : 'NULL::TIMESTAMP'} end`;
}

export interface ValueOptions {
	decimal: '.' | ',';
	/** strptime formats for date and timestamp columns. */
	dateFormats: string[];
}

/** Typed value of a cell (`cell` is a SQL expression of VARCHAR). NULL when empty or unreadable. */
export function typedValueSql(type: ColumnType, cell: string, options: ValueOptions): string {
	switch (type) {
		case 'text':
			// trim() copies every string; most cells need none, and LIKE finds those cheaply.
			return `case when ${cell} like ' %' or ${cell} like '% ' or ${cell} = '' then nullif(trim(${cell}), '') else ${cell} end`;
		case 'number':
		case 'money': {
			const target = sqlType(type);
			return `case when ${cell} is null then null when ${fastNumberTest(cell, options.decimal)} then try_cast(${fastNumberText(cell, options.decimal)} as ${target}) else try_cast(${slowNumberText(cell, options.decimal)} as ${target}) end`;
		}
		case 'integer':
			return `case when ${cell} is null then null when regexp_full_match(${cell}, '-?[0-9]{1,18}') then try_cast(${cell} as BIGINT) else oborot_whole(try_cast(${slowNumberText(cell, options.decimal)} as DOUBLE)) end`;
		case 'date':
			return `(${dateSql(cell, options.dateFormats)})::DATE`;
		case 'timestamp':
			return dateSql(cell, options.dateFormats);
		case 'boolean': {
			const word = `lower(trim(${cell}))`;
			return `case when ${word} in (${TRUE_WORDS.map(quoteLiteral).join(', ')}) then true when ${word} in (${FALSE_WORDS.map(quoteLiteral).join(', ')}) then false end`;
		}
	}
}

/** Why a non-empty cell gave no value, in English and Russian (SQL; evaluated only for such rows). */
export function unreadableReasonSql(type: ColumnType, cell: string, options: ValueOptions): ReasonSql {
	return unreadableReason(type, cell, options.dateFormats[0] ?? '%d.%m.%Y', `try_cast(${slowNumberText(cell, options.decimal)} as DOUBLE)`);
}

/** A literal of the column's type (defaults, mapping-file constants). */
export function typedLiteralSql(type: ColumnType, value: string | number | boolean): string {
	return `CAST(${quoteLiteral(String(value))} AS ${sqlType(type)})`;
}
