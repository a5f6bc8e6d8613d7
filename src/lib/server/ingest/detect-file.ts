import fs from 'node:fs';
import path from 'node:path';
import { detectBankExchange, isBankExchange } from './bank-exchange-plan.ts';
import { convertedByName, converterFor, type Converter, type ConvertedCsv } from './converters.ts';
import { parseHead, type HeadRecord } from './csv-head.ts';
import { columnDateFormats } from './date-formats.ts';
import { addSlashCounts, countSlashParts, decideOrder, describeOrder } from './date-order.ts';
import { columnSamples, detectDelimiter, detectNumberFormat } from './dialect-detect.ts';
import { columnTitle } from './column-titles.ts';
import { detectEntity, IngestFileError, runnerUpNote } from './entity-detect.ts';
import { choiceByMapping, mappingNote, type MappingHook } from './mapping-choice.ts';
import type { FilePlan } from './plan.ts';
import { DEFAULT_INGEST_LIMITS, IngestLimitError, type IngestLimits } from './ingest-limits.ts';
import { groupColumns, rowShape } from './report-rows.ts';
import { decodeHead, readHead, sniffEncoding, tempPath } from './text-file.ts';
import type { Dialect, DialectOverride, EntitySpec, TextEncoding } from './types.ts';

export interface DetectFileOptions {
	/** Entities to consider (already narrowed by --source / --entity). */
	entities: EntitySpec[];
	/** CLI flags: win over the job file's dialect and over detection. */
	overrides?: DialectOverride;
	tempDir: string;
	/** A hand mapping or saved mappings, tried before detection (mapping-choice.ts). */
	mappings?: MappingHook;
	/** What reading the file may cost (oborot.yml `limits:`); the defaults without it. */
	limits?: IngestLimits;
}

interface Converted extends ConvertedCsv {
	converter: Converter;
}

interface Head {
	records: HeadRecord[];
	encoding: TextEncoding;
	delimiter: string;
	converted?: Converted;
}

/** By the name alone: a spreadsheet is converted before it is read. */
export { convertedByName as isSpreadsheet } from './converters.ts';

async function csvHead(file: string, overrides: DialectOverride): Promise<Head> {
	const { head, complete } = await readHead(file);
	const encoding = (overrides.encoding as TextEncoding | undefined) ?? sniffEncoding(head);
	const text = decodeHead(head, encoding);
	const delimiter = overrides.delimiter ?? detectDelimiter(text, complete).delimiter;
	return { records: parseHead(text, delimiter, complete).records, encoding, delimiter };
}

/** A converted format (XLSX…): converted once to a UTF-8 CSV whose first field is the source row. */
async function convertedHead(file: string, converter: Converter, overrides: DialectOverride, tempDir: string, limits: IngestLimits, previous?: Converted): Promise<Head> {
	let converted = previous;
	if (!converted || converter.stale?.(converted, overrides)) {
		if (converted) fs.rmSync(converted.csv, { force: true });
		const csv = tempPath(tempDir, '.csv');
		try {
			converted = { csv, converter, ...(await converter.convert(file, csv, overrides, limits)) };
		} catch (error) {
			fs.rmSync(csv, { force: true });
			if (error instanceof IngestLimitError) throw error;
			const what = converter.kind === 'xlsx' ? 'the workbook' : `the ${converter.kind} file`;
			throw new IngestFileError(`cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const { head, complete } = await readHead(converted.csv);
	return { records: parseHead(decodeHead(head, 'utf-8'), ',', complete).records, encoding: converted.encoding ?? 'utf-8', delimiter: ',', converted };
}

function headerIndexFor(head: Head, headerRow: number | undefined): number | undefined {
	if (headerRow === undefined) return undefined;
	const index = head.converted
		? head.records.findIndex((r) => r.fields[0] === String(headerRow))
		: head.records.findIndex((r) => r.line === headerRow);
	if (index < 0) throw new IngestFileError(`header row ${headerRow} is empty or beyond the first rows of the file`);
	return index;
}

const NUMERIC = new Set(['number', 'money', 'integer']);
const DATED = new Set(['date', 'timestamp']);

function buildPlan(file: string, head: Head, overrides: DialectOverride, options: DetectFileOptions): FilePlan {
	const lead = head.converted ? 1 : 0;
	const where = { fileName: path.basename(file), entities: options.entities, headerIndex: headerIndexFor(head, overrides.header_row), leadingFields: lead };
	const byMapping = options.mappings ? choiceByMapping(head.records, options.mappings, where) : undefined;
	const choice = byMapping ?? detectEntity(head.records, where);
	const { match } = choice;
	const context = { titleDate: choice.titleDate !== undefined };
	const headerRecord = head.records[choice.headerIndex];
	const sample = head.records.slice(choice.headerIndex + 1);
	const samplesOf = (index: number) => columnSamples(sample, index + lead);
	const numericSamples = match.mapped.filter((m) => NUMERIC.has(m.column.type)).flatMap((m) => samplesOf(m.index));
	const numbers = detectNumberFormat(numericSamples, head.delimiter);
	const dated = match.mapped.filter((m) => DATED.has(m.column.type));
	const slashed = dated.filter((m) => countSlashParts(samplesOf(m.index)).slash > 0);
	const slashColumns = slashed.map((m) => m.column.name);
	const fixedFormats = overrides.date_format === undefined ? undefined : [overrides.date_format].flat();
	// an order told (flag, upload page, job file) wins over one a saved mapping keeps
	const keptOrder = byMapping?.mapping.dateOrder;
	const told = overrides.date_order ? { order: overrides.date_order, by: 'override' as const } : keptOrder ? { order: keptOrder, by: 'mapping' as const } : undefined;
	const counts = addSlashCounts(slashed.map((m) => countSlashParts(samplesOf(m.index), m.header)));
	const order = slashColumns.length ? decideOrder(counts, 'head', slashColumns, told) : undefined;
	const dayFirst = (order?.order ?? told?.order ?? 'day-first') === 'day-first';
	const dateFormats: Record<string, string[]> = {};
	for (const m of dated) dateFormats[m.column.name] = fixedFormats ?? columnDateFormats(samplesOf(m.index), dayFirst);
	// A trailing delimiter after the last header ("Дата;Сумма;") adds no column.
	const headers = headerRecord.fields.slice(lead);
	while (headers.length > 1 && headers[headers.length - 1].trim() === '') headers.pop();
	match.unmapped = match.unmapped.filter((i) => i < headers.length);
	const dialect: Dialect = {
		encoding: head.encoding,
		delimiter: head.delimiter,
		decimal: overrides.decimal ?? numbers.decimal,
		thousands: overrides.thousands !== undefined ? [overrides.thousands] : numbers.thousands,
		headerRow: head.converted ? Number(headerRecord.fields[0]) : headerRecord.line,
		dateFormats,
		dayFirst,
		...(order && !fixedFormats ? { dateOrder: order } : {}),
		sheet: head.converted?.sheet,
		overridden: Object.keys(overrides).filter((k) => overrides[k as keyof DialectOverride] !== undefined)
	};
	// Each note in English (CLI, audit) and Russian (the upload page).
	const notes: string[] = [];
	const notesRu: string[] = [];
	const note = (en: string, ru: string) => {
		notes.push(en);
		notesRu.push(ru);
	};
	if (byMapping) {
		const said = mappingNote(byMapping.mapping);
		note(said.en, said.ru);
	}
	if (choice.runnerUp?.close) {
		const said = runnerUpNote(choice.runnerUp);
		note(said.en, said.ru);
	}
	if (!numbers.evident && !overrides.decimal && !head.converted && numericSamples.length > 0) {
		note(`decimal mark «${dialect.decimal}» assumed (no number in the first rows shows it)`, `дробная часть после «${dialect.decimal}» — предположение (в первых строках нет числа, которое это показывает)`);
	}
	if (dialect.dateOrder) {
		const text = describeOrder(dialect.dateOrder, dateFormats[slashColumns[0]]);
		note(text.en, text.ru);
	}
	if (numbers.currencies.length) note(`currency marks removed from numbers: ${numbers.currencies.join(' ')}`, `из чисел убраны знаки валют: ${numbers.currencies.join(' ')}`);
	for (const m of match.mapped.filter((x) => x.via === 'prefix')) {
		note(`«${m.header}» read as ${m.column.name} (header starts with an alias)`, `«${m.header}» прочитан как «${columnTitle(m.column, 'ru')}» (заголовок начинается с известного названия)`);
	}
	for (const m of match.mapped.filter((x) => x.sharedWith)) {
		const shared = match.entity.columns.find((c) => c.name === m.sharedWith);
		const sharedRu = shared ? columnTitle(shared, 'ru') : m.sharedWith;
		note(`«${m.header}» read as ${m.sharedWith} and as ${m.column.name} (no column of its own)`, `«${m.header}» прочитан как «${sharedRu}» и как «${columnTitle(m.column, 'ru')}» (своего столбца нет)`);
	}
	const fromTitle = match.entity.columns.filter((c) => c.titleDate && !match.mapped.some((m) => m.column === c));
	if (choice.titleDate && fromTitle.length) {
		const day = choice.titleDate.iso.split('-').reverse().join('.');
		note(`${fromTitle.map((c) => c.name).join(', ')} taken from the title: ${day} («${choice.titleDate.line}»)`, `${fromTitle.map((c) => `«${columnTitle(c, 'ru')}»`).join(', ')} взята из заголовка отчёта: ${day} («${choice.titleDate.line}»)`);
	}
	const unmapped = match.unmapped.map((i) => headers[i]?.trim() || `column ${i + 1}`);
	if (unmapped.length) {
		note(`${match.entity.keepUnmapped ? 'kept in _extra' : 'ignored'}: ${unmapped.join(', ')}`, `${match.entity.keepUnmapped ? 'сохранены как дополнительные поля' : 'не используются'}: ${unmapped.join(', ')}`);
	}
	const groups = groupColumns(sample, rowShape(match, headers.length, context), lead);
	if (groups.length) {
		const names = groups.map((i) => `«${headers[i]}»`).join(', ');
		note(`grouped report: group rows of ${names} are skipped, their value fills that column of the rows under them`, `отчёт с группировкой по ${names}: строки групп пропускаются, их значение переносится в строки под ними`);
	}
	const width = head.converted ? Math.max(headers.length, head.converted.width) : headers.length;
	return {
		file,
		name: path.basename(file),
		kind: head.converted?.converter.kind ?? 'csv',
		entity: match.entity,
		match,
		headers,
		width,
		sheetRowField: Boolean(head.converted),
		headerLine: headerRecord.line,
		dialect,
		sample,
		score: choice.score,
		evidence: choice.evidence,
		candidates: choice.candidates,
		mapping: byMapping?.mapping ?? null,
		runnerUp: choice.runnerUp,
		title: choice.title,
		titleDate: fromTitle.length ? choice.titleDate : undefined,
		groupColumns: groups,
		slashColumns: fixedFormats ? [] : slashColumns,
		notes,
		notesRu,
		temporary: head.converted ? [head.converted.csv] : []
	};
}

function sameOverrides(a: DialectOverride, b: DialectOverride): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof DialectOverride>;
	return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * Detects encoding, delimiter, header row, entity, column mapping, decimal mark and
 * date formats from the head of a file (a converted format — XLSX — is converted first,
 * see converters.ts). When the chosen entity's job file fixes part of the dialect,
 * detection runs once more with it.
 */
export async function detectFile(file: string, options: DetectFileOptions): Promise<FilePlan> {
	const plan = await detectPlan(file, options);
	plan.maxLineBytes = options.limits?.maxLineBytes;
	return plan;
}

async function detectPlan(file: string, options: DetectFileOptions): Promise<FilePlan> {
	// A client-bank statement (1CClientBankExchange on line 1) is converted to rows first, whatever its extension.
	if (!convertedByName(file) && (await isBankExchange(file))) return detectBankExchange(file, options);
	// by content too: an «Excel» export may be an HTML table whatever its extension (converters.ts)
	const converter = await converterFor(file);
	if (!converter && /\.xls$/i.test(file)) {
		throw new IngestFileError('an Excel 97–2003 workbook (.xls) cannot be read: open it in Excel or LibreOffice, save it as .xlsx (Excel workbook) or CSV and load that file');
	}
	const cli = options.overrides ?? {};
	let overrides: DialectOverride = { ...cli };
	let converted: Converted | undefined;
	for (let round = 0; ; round++) {
		const head = converter ? await convertedHead(file, converter, overrides, options.tempDir, options.limits ?? DEFAULT_INGEST_LIMITS, converted) : await csvHead(file, overrides);
		converted = head.converted;
		let plan: FilePlan;
		try {
			plan = buildPlan(file, head, overrides, options);
		} catch (error) {
			if (converted) fs.rmSync(converted.csv, { force: true });
			throw error;
		}
		const fromJob = plan.entity.dialect;
		const merged: DialectOverride = { ...(fromJob ?? {}), ...cli };
		if (round > 0 || !fromJob || sameOverrides(merged, overrides)) return plan;
		overrides = merged;
	}
}
