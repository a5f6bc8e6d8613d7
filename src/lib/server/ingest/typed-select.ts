import { quoteIdent, quoteLiteral } from '../warehouse/index.ts';
import { isNeeded } from './header-match.ts';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits.ts';
import type { FilePlan } from './plan.ts';
import { rowShape, skipKindSql } from './report-rows.ts';
import type { ColumnSpec } from './types.ts';
import { belowMinimumReason, columnLabel, labelledReason, missingReason, type ReasonSql } from './reason-sql.ts';
import { noDateSql, sqlType, typedLiteralSql, typedValueSql, unreadableReasonSql, type ValueOptions } from './value-sql.ts';

/**
 * The one set-based statement that reads the file: DuckDB's read_csv with every field
 * as text (rows with a wrong field count go to its rejects table), each mapped field
 * cast to its column type, and for rows that fail a check the reasons (English and
 * Russian) and the line as it was. Good rows carry no raw text, so the typed table stays compact.
 */

export const cell = (i: number): string => quoteIdent(`c${i}`);
export const valueColumn = (name: string): string => quoteIdent(`v_${name}`);

/**
 * read_csv of the text with every field as VARCHAR. With a rejects table, lines with a
 * wrong field count go there; without one (a side scan such as the date-order count) they
 * are skipped, the main read reports them.
 */
export function readCsvSql(plan: FilePlan, textFile: string, rejectsTable?: string, rejectsScan?: string): string {
	const columns = [
		...(plan.sheetRowField ? [`'_sheet_row': 'VARCHAR'`] : []),
		...Array.from({ length: plan.width }, (_, i) => `'c${i}': 'VARCHAR'`)
	];
	const options = [
		'header = false',
		`skip = ${plan.headerLine}`,
		`delim = ${quoteLiteral(plan.dialect.delimiter)}`,
		`quote = '"'`,
		`escape = '"'`,
		`columns = {${columns.join(', ')}}`,
		'auto_detect = false',
		...(rejectsTable && rejectsScan
			? ['store_rejects = true', `rejects_table = ${quoteLiteral(rejectsTable)}`, `rejects_scan = ${quoteLiteral(rejectsScan)}`]
			: ['ignore_errors = true']),
		`null_padding = ${plan.sheetRowField ? 'true' : 'false'}`,
		`max_line_size = ${plan.maxLineBytes ?? DEFAULT_INGEST_LIMITS.maxLineBytes}`
	];
	return `read_csv(${quoteLiteral(textFile)}, ${options.join(', ')})`;
}

/** The original text of a group column before the group's value filled it (for the raw line of a rejected row). */
const originalCell = (i: number): string => quoteIdent(`o${i}`);

export interface RowSource {
	/** Statements to run first (in the load's transaction). */
	setup: string[];
	/** What the typed select reads from. */
	source: string;
}

/**
 * What the typed select reads: read_csv itself, or — for a grouped report — the file read
 * into a temp table first (row ids in file order) and each group column's blank cells
 * filled with the value of the group row above (a window in file order), its original
 * text kept beside it. Only grouped reports pay for the extra table.
 */
export function rowSource(plan: FilePlan, readCsv: string, textTable = '_ingest_text'): RowSource {
	if (plan.groupColumns.length === 0) return { setup: [], source: readCsv };
	const filled = plan.groupColumns.map((i) => {
		const c = cell(i);
		return `coalesce(nullif(trim(${c}), ''), last_value(nullif(trim(${c}), '') ignore nulls) over (order by rowid rows between unbounded preceding and current row)) as ${c}`;
	});
	const originals = plan.groupColumns.map((i) => `${cell(i)} as ${originalCell(i)}`);
	return {
		setup: [`create or replace temp table ${textTable} as select * from ${readCsv}`],
		source: `(select * replace (${filled.join(', ')}), ${originals.join(', ')} from ${textTable} order by rowid)`
	};
}

function isBlank(sql: string): string {
	return `(${sql} is null or trim(${sql}) = '')`;
}

function quotedField(sql: string, delimiter: string): string {
	const needs = `contains(${sql}, '"') or contains(${sql}, ${quoteLiteral(delimiter)}) or contains(${sql}, chr(10)) or contains(${sql}, chr(13))`;
	return `case when ${needs} then '"' || replace(${sql}, '"', '""') || '"' else coalesce(${sql}, '') end`;
}

interface ColumnParts {
	column: ColumnSpec;
	value: string;
	/** Cheap test: could this column have failed a check on this row? */
	suspect: string[];
	/** When each check fails (SQL conditions), and its reason texts; only evaluated for suspect rows. */
	reasons: { failed: string; text: ReasonSql }[];
}

function columnParts(plan: FilePlan, column: ColumnSpec): ColumnParts {
	const mapped = plan.match.mapped.find((m) => m.column.name === column.name);
	const v = valueColumn(column.name);
	const byTitle = column.titleDate && plan.titleDate ? plan.titleDate.iso : undefined;
	const fallback = column.default !== undefined ? typedLiteralSql(column.type, column.default) : byTitle ? typedLiteralSql(column.type, byTitle) : null;
	if (!mapped) {
		return { column, value: `${fallback ?? `CAST(NULL AS ${sqlType(column.type)})`} as ${v}`, suspect: [], reasons: [] };
	}
	const c = cell(mapped.index);
	const options: ValueOptions = { decimal: plan.dialect.decimal, dateFormats: plan.dialect.dateFormats[column.name] ?? [] };
	const typed = typedValueSql(column.type, c, options);
	const value = fallback ? `coalesce(${typed}, case when ${isBlank(c)} then ${fallback} end)` : typed;
	const label = columnLabel(column.name, mapped.header);
	const suspect: string[] = [];
	const reasons: ColumnParts['reasons'] = [];
	// «не закрыта» in a date column is no date: empty, not unreadable
	const noValue = column.type === 'date' || column.type === 'timestamp' ? `(${isBlank(c)} or ${noDateSql(c)})` : isBlank(c);
	if (column.type !== 'text') {
		suspect.push(`(${v} is null and ${c} is not null)`);
		reasons.push({ failed: `${v} is null and not ${noValue}`, text: labelledReason(label, unreadableReasonSql(column.type, c, options)) });
	}
	if (isNeeded(plan.entity, column, { titleDate: plan.titleDate !== undefined })) {
		suspect.push(`${v} is null`);
		reasons.push({ failed: `${v} is null and ${noValue}`, text: missingReason(label, plan.entity.key.includes(column.name)) });
	}
	if (column.min !== undefined) {
		suspect.push(`${v} < ${column.min}`);
		reasons.push({ failed: `${v} < ${column.min}`, text: belowMinimumReason(label, c, column.min) });
	}
	return { column, value: `${value} as ${v}`, suspect, reasons };
}

function uniqueKeys(names: string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((name) => {
		const n = (seen.get(name) ?? 0) + 1;
		seen.set(name, n);
		return n === 1 ? name : `${name} (${n})`;
	});
}

function extraSql(plan: FilePlan): string | null {
	if (!plan.entity.keepUnmapped) return null;
	const indexes = [...plan.match.unmapped, ...Array.from({ length: Math.max(0, plan.width - plan.headers.length) }, (_, i) => plan.headers.length + i)];
	const unique = [...new Set(indexes)].sort((a, b) => a - b);
	if (unique.length === 0) return null;
	const keys = uniqueKeys(unique.map((i) => plan.headers[i]?.trim() || `column ${i + 1}`));
	return `json_object(${unique.map((i, n) => `${quoteLiteral(keys[n])}, ${cell(i)}`).join(', ')})`;
}

export interface Lineage {
	fileId: number;
	/** 'YYYY-MM-DD HH:MM:SS.mmm' */
	loadedAt: string;
}

/** Helper columns of the staging table, dropped or ignored when rows move to raw. */
export const HELPER_COLUMNS = ['_blank', '_skip', '_skip_label', '_reason', '_reason_ru', '_failed_columns', '_raw_line'] as const;

/**
 * `create [temp] table <target> as … from read_csv(…)`: the entity's columns typed and
 * named as in raw, the lineage columns (_row_no is the sheet row for XLSX and is filled
 * afterwards for CSV), and the helper columns: _blank; _skip ('total' or 'group': a report's
 * total line or group row, neither loaded nor rejected) and _skip_label (its first cell);
 * and for rows failing a check _reason, _reason_ru, _failed_columns and _raw_line (the
 * fields re-joined with the delimiter, as they were in the file).
 */
export function typedTableSql(plan: FilePlan, target: string, source: string, lineage: Lineage, temporary: boolean): string {
	const parts = plan.entity.columns.map((column) => columnParts(plan, column));
	const cells = Array.from({ length: plan.width }, (_, i) => cell(i));
	const suspects = parts.flatMap((p) => p.suspect);
	const reasons = parts.flatMap((p) => p.reasons);
	const failed = parts
		.filter((p) => p.reasons.length > 0)
		.map((p) => `case when ${p.reasons.map((r) => `(${r.failed})`).join(' or ')} then ${quoteLiteral(p.column.name)} end`);
	const srcRow = plan.sheetRowField ? ['try_cast(_sheet_row as BIGINT) as _src_row'] : [];
	const extra = extraSql(plan);
	const asRead = Array.from({ length: plan.width }, (_, i) => (plan.groupColumns.includes(i) ? originalCell(i) : cell(i)));
	const rawLine = asRead.map((c) => quotedField(c, plan.dialect.delimiter)).join(` || ${quoteLiteral(plan.dialect.delimiter)} || `);
	const originals = plan.groupColumns.map(originalCell);
	const shape = rowShape(plan.match, plan.headers.length, { titleDate: plan.titleDate !== undefined });
	const skip = skipKindSql(shape, plan.groupColumns, (i) => (plan.groupColumns.includes(i) ? originalCell(i) : cell(i)), plan.width);
	const firstCell = `left(coalesce(${asRead.map((c) => `nullif(trim(${c}), '')`).join(', ')}), 60)`;
	const inner = `select ${[...cells, ...originals, ...srcRow, ...parts.map((p) => p.value)].join(',\n\t\t')}\n\tfrom ${source}`;
	const checked = `select *,
		coalesce(${cells.join(', ')}) is null as blank,
		${skip} as skip_kind,
		${suspects.length ? suspects.join(' or ') : 'false'} as suspect
	from (${inner})`;
	// One concat_ws per language over the same checks: a row has a reason in both or in neither.
	const joined = (language: keyof ReasonSql) =>
		`case when suspect and not blank and skip_kind is null then nullif(concat_ws('; ', ${reasons.length ? reasons.map((r) => `case when ${r.failed} then ${r.text[language]} end`).join(', ') : 'null'}), '') end`;
	const reasoned = `select *,
		${joined('en')} as reason,
		${joined('ru')} as reason_ru
	from (${checked})`;
	const columns = [
		...parts.map((p) => `${valueColumn(p.column.name)} as ${quoteIdent(p.column.name)}`),
		`CAST(${lineage.fileId} AS BIGINT) as _file_id`,
		`${plan.sheetRowField ? '_src_row' : 'CAST(NULL AS BIGINT)'} as _row_no`,
		`TIMESTAMP ${quoteLiteral(lineage.loadedAt)} as _loaded_at`,
		...(plan.entity.keepUnmapped ? [`${extra ? `case when reason is null and not blank and skip_kind is null then ${extra} end` : 'CAST(NULL AS JSON)'} as _extra`] : []),
		'blank as _blank',
		'skip_kind as _skip',
		`case when skip_kind is not null then ${firstCell} end as _skip_label`,
		'reason as _reason',
		'reason_ru as _reason_ru',
		`case when reason is not null then nullif(concat_ws(', ', ${failed.length ? failed.join(', ') : 'null'}), '') end as _failed_columns`,
		`case when reason is not null then ${rawLine} end as _raw_line`
	];
	return `create ${temporary ? 'temp ' : ''}table ${target} as
select ${columns.join(',\n\t')}
from (${reasoned})`;
}
