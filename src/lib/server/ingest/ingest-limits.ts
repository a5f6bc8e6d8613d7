import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { FormatReject } from './format-rejects.ts';

/**
 * What one file may cost, whoever sends it (web upload, inbox, `oborot ingest`): the upload
 * size limit bounds the bytes sent, these bound the work they cause. Each is checked while
 * the file streams, so a file over one is refused before it is read whole. Set in
 * oborot.yml under `limits:` (ingest/README.md lists them).
 */
export interface IngestLimits {
	/** Lines of a CSV (a row is at least one line). */
	maxRows: number;
	/** Rows of an XLSX sheet: the last row number it reaches. Excel itself stops at 1,048,576. */
	maxSheetRows: number;
	/** One line of a CSV (or row of a sheet) in bytes: a longer one is quarantined. */
	maxLineBytes: number;
	/** One part of an XLSX (a sheet's XML, the shared strings) unpacked, in bytes. */
	maxUnpackedBytes: number;
	/** Unpacked / packed size of an XLSX part, and of the whole workbook as it unpacks. */
	maxExpansionRatio: number;
}

const MB = 1024 * 1024;

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
	maxRows: 20_000_000,
	maxSheetRows: 1_048_576,
	maxLineBytes: 16 * MB,
	maxUnpackedBytes: 1024 * MB,
	maxExpansionRatio: 100
};

/** oborot.yml key → field, and the unit the YAML states it in. */
const KEYS: [string, keyof IngestLimits, number][] = [
	['max_rows', 'maxRows', 1],
	['max_sheet_rows', 'maxSheetRows', 1],
	['max_line_mb', 'maxLineBytes', MB],
	['max_unpacked_mb', 'maxUnpackedBytes', MB],
	['max_expansion_ratio', 'maxExpansionRatio', 1]
];

/** `limits:` of oborot.yml over the defaults; a value that is not a positive number is an error naming it. */
export function readIngestLimits(projectConfig: string | undefined): IngestLimits {
	const limits = { ...DEFAULT_INGEST_LIMITS };
	if (!projectConfig || !fs.existsSync(projectConfig)) return limits;
	const data = parseYaml(fs.readFileSync(projectConfig, 'utf8')) as { limits?: Record<string, unknown> } | null;
	const declared = data?.limits;
	if (declared === undefined || declared === null) return limits;
	if (typeof declared !== 'object' || Array.isArray(declared)) throw new Error(`${projectConfig}: limits must be a mapping`);
	for (const [key, field, unit] of KEYS) {
		const value = declared[key];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'number' || !(value > 0)) throw new Error(`${projectConfig}: limits.${key} must be a positive number, not ${JSON.stringify(value)}`);
		limits[field] = Math.floor(value * unit);
	}
	return limits;
}

/** too_large: over a size or row limit (HTTP 413); unreadable: a file no genuine export looks like (422). */
export type LimitKind = 'too_large' | 'unreadable';

/**
 * A file refused for what reading it would cost. Not an IngestFileError: it is not a
 * question of which export the file is, and no mapping by hand would make it loadable.
 */
export class IngestLimitError extends Error {
	constructor(
		readonly code: 'too_many_rows' | 'unpacked_too_large' | 'expansion_too_high' | 'cell_too_long',
		readonly kind: LimitKind,
		message: string,
		/** The same sentence in Russian, for the upload page. */
		readonly ru: string
	) {
		super(message);
	}
}

const en = (n: number) => n.toLocaleString('en-US');
const ru = (n: number) => n.toLocaleString('ru-RU');
const mbEn = (bytes: number) => `${en(Math.round((bytes / MB) * 10) / 10)} MB`;
const mbRu = (bytes: number) => `${ru(Math.round((bytes / MB) * 10) / 10)} МБ`;
const SPLIT_EN = 'split the file or raise the limit in oborot.yml (limits)';
const SPLIT_RU = 'разделите файл или поднимите предел в oborot.yml (limits)';

export function tooManyLines(limit: number): IngestLimitError {
	return new IngestLimitError(
		'too_many_rows',
		'too_large',
		`the file has more than ${en(limit)} lines, the limit (max_rows): ${SPLIT_EN}`,
		`в файле больше ${ru(limit)} строк — это предел (max_rows): ${SPLIT_RU}`
	);
}

/** `sheet`: the sheet's name, or its part in the workbook when it is refused before its name is read. */
export function tooManySheetRows(sheet: string, row: number, limit: number): IngestLimitError {
	return new IngestLimitError(
		'too_many_rows',
		'too_large',
		`the sheet «${sheet}» reaches row ${en(row)}, over the limit of ${en(limit)} rows (max_sheet_rows): ${SPLIT_EN}`,
		`лист «${sheet}» доходит до строки ${ru(row)} — больше предела в ${ru(limit)} строк (max_sheet_rows): ${SPLIT_RU}`
	);
}

export function unpackedTooLarge(part: string, bytes: number, limit: number): IngestLimitError {
	return new IngestLimitError(
		'unpacked_too_large',
		'too_large',
		`the workbook's part ${part} unpacks to ${bytes > limit ? mbEn(bytes) : `more than ${mbEn(limit)}`}, over the limit of ${mbEn(limit)} (max_unpacked_mb): ${SPLIT_EN}`,
		`часть книги ${part} распаковывается в ${bytes > limit ? mbRu(bytes) : `больше ${mbRu(limit)}`} — больше предела ${mbRu(limit)} (max_unpacked_mb): ${SPLIT_RU}`
	);
}

export function expansionTooHigh(part: string, ratio: number, limit: number): IngestLimitError {
	return new IngestLimitError(
		'expansion_too_high',
		'too_large',
		`the workbook's part ${part} unpacks ${en(Math.round(ratio))} times its packed size, over the limit of ${en(limit)} (max_expansion_ratio): an Excel file is never packed that tightly, this one is built to exhaust the server`,
		`часть книги ${part} распаковывается в ${ru(Math.round(ratio))} раз больше своего сжатого размера — больше предела ${ru(limit)} (max_expansion_ratio): так плотно Excel не сжимает, файл сделан, чтобы исчерпать память сервера`
	);
}

export function cellTooLong(limit: number): IngestLimitError {
	return new IngestLimitError(
		'cell_too_long',
		'unreadable',
		`a cell of the workbook holds more than ${mbEn(limit)} of text, the line limit (max_line_mb); Excel itself holds at most 32,767 characters in a cell`,
		`в ячейке книги больше ${mbRu(limit)} текста — это предел строки (max_line_mb); сам Excel хранит в ячейке не больше 32 767 знаков`
	);
}

/** Why a line over the line limit is quarantined. */
export function lineTooLong(limit: number): { en: string; ru: string } {
	const mb = String(Math.round((limit / MB) * 1000) / 1000);
	return { en: `line too long: over ${mb} MB, the limit (max_line_mb)`, ru: `слишком длинная строка: больше ${mb.replace('.', ',')} МБ — это предел (max_line_mb)` };
}

/** A line over the line limit, quarantined with its start (text-file.ts leaves it out of what DuckDB reads). */
export function longLineReject(long: { line: number; start: string }, limit: number): FormatReject {
	const reason = lineTooLong(limit);
	return { rowNo: long.line, rawLine: long.start, reason: reason.en, reasonRu: reason.ru };
}
