import type { HeadRecord } from './csv-head.ts';
import { HEADER_SEARCH_ROWS, IngestFileError, type EntityChoice } from './entity-detect.ts';
import { isNeeded, matchHeaders, type HeaderMatch, type MappedColumn } from './header-match.ts';
import { normalizeHeader } from './normalize-header.ts';
import { titleDate, titleLines } from './title-block.ts';
import type { ColumnSpec, DateOrder, EntitySpec } from './types.ts';

/**
 * The hook of column mappings into detection: a mapping made by hand in the browser, or a
 * saved mapping whose header is exactly the file's, decides the entity and the columns
 * before (instead of) the scoring of every entity in entity-detect.ts.
 */

/** Which mapping decided a file: the preview and the CLI say so. */
export interface AppliedMapping {
	kind: 'saved' | 'hand';
	/** The saved mapping's name (null for a hand mapping not saved yet). */
	name: string | null;
	/** The order of slash dates the saved mapping keeps (chosen on the upload page when it was saved). */
	dateOrder?: DateOrder;
}

/** A saved mapping as detection needs it: the exact header and what each header is. */
export interface HeaderMapping {
	name: string;
	family: string;
	entity: string;
	header: string[];
	/** header in the file → canonical column */
	columns: Record<string, string>;
	/** Slash dates of files with this header are read in this order (saved from the upload page). */
	dateOrder?: DateOrder;
}

export type MappingErrorCode = 'mapping_incomplete' | 'mapping_invalid' | 'mapping_header_not_found';

/** A mapping that cannot be used as it is; the message says what to change. */
export class MappingError extends IngestFileError {
	declare readonly code: MappingErrorCode;
	constructor(code: MappingErrorCode, message: string) {
		super(message, code);
	}
}

export interface MappingHook {
	/** The browser's mapping of one file: the entity, and header → column (null: the entity's aliases decide). */
	hand?: { entity: EntitySpec; columns: Record<string, string> | null };
	/** Saved mappings: one whose header equals the file's wins. */
	saved?: HeaderMapping[];
	/** Preview: show which needed columns are still unmapped instead of refusing. */
	allowMissing?: boolean;
}

export interface MappingChoice extends EntityChoice {
	mapping: AppliedMapping;
}

/** The comparison key of a header row: normalised cells, without the empty ones at the end. */
export function headerSignature(headers: string[]): string[] {
	const signature = headers.map(normalizeHeader);
	while (signature.length > 0 && signature[signature.length - 1] === '') signature.pop();
	return signature;
}

const sameSignature = (a: string[], b: string[]) => a.length === b.length && a.every((cell, i) => cell === b[i]);

/** «doc_no» (Document number), … — what a mapping still lacks. */
export function describeUnmapped(columns: ColumnSpec[]): string {
	return columns.map((c) => (c.title ? `${c.name} (${c.title.en})` : c.name)).join(', ');
}

/** The columns the load cannot do without that a mapping leaves out. */
export function unmappedNeeded(entity: EntitySpec, columns: Iterable<string>): ColumnSpec[] {
	const mapped = new Set(columns);
	return entity.columns.filter((c) => isNeeded(entity, c) && !mapped.has(c.name));
}

/** Header positions → columns as the mapping says; a column goes to the first header that names it. */
export function matchByMapping(headers: string[], entity: EntitySpec, columns: Record<string, string>): HeaderMatch {
	const byHeader = new Map(Object.entries(columns).map(([header, column]) => [normalizeHeader(header), column]));
	const taken = new Set<string>();
	const mapped: MappedColumn[] = [];
	const unmapped: number[] = [];
	headers.forEach((header, index) => {
		const column = entity.columns.find((c) => c.name === byHeader.get(normalizeHeader(header)));
		if (!column || taken.has(column.name)) {
			unmapped.push(index);
			return;
		}
		taken.add(column.name);
		mapped.push({ column, index, header, via: 'mapping' });
	});
	mapped.sort((a, b) => entity.columns.indexOf(a.column) - entity.columns.indexOf(b.column));
	return { entity, mapped, unmapped, missing: unmappedNeeded(entity, taken), mappingFiles: [] };
}

interface RowOptions {
	entities: EntitySpec[];
	fileName: string;
	/** Index into records of the header when the user or job file fixed it. */
	headerIndex?: number;
	/** Header cells to drop (the sheet-row field of converted XLSX). */
	leadingFields: number;
}

function rowsToTry(records: HeadRecord[], options: RowOptions): number[] {
	if (options.headerIndex !== undefined) return [options.headerIndex];
	return records.slice(0, HEADER_SEARCH_ROWS).map((_, i) => i);
}

/** The header row for a hand mapping: the first row with every mapped header; else the entity's best by aliases; else the widest. */
function handHeaderRow(records: HeadRecord[], entity: EntitySpec, columns: Record<string, string> | null, options: RowOptions): number {
	const rows = rowsToTry(records, options);
	const headersOf = (i: number) => records[i].fields.slice(options.leadingFields);
	const named = Object.keys(columns ?? {}).map(normalizeHeader);
	if (named.length > 0) {
		const found = rows.find((i) => {
			const present = new Set(headersOf(i).map(normalizeHeader));
			return named.every((h) => present.has(h));
		});
		if (found === undefined) {
			throw new MappingError('mapping_header_not_found', `no header row of the file has all of ${Object.keys(columns ?? {}).map((h) => `«${h}»`).join(', ')} (looked at the first ${rows.length} rows)`);
		}
		return found;
	}
	const score = (i: number) => matchHeaders(headersOf(i), entity, options.fileName).mapped.length;
	const width = (i: number) => headersOf(i).filter((f) => f.trim() !== '').length;
	const pick = (measure: (i: number) => number) => rows.reduce((best, i) => (measure(i) > measure(best) ? i : best), rows[0]);
	const best = pick(score);
	return score(best) > 0 ? best : pick(width);
}

function refuseMissing(match: HeaderMatch, mapping: AppliedMapping): never {
	const which = mapping.kind === 'saved' ? `the saved mapping «${mapping.name}»` : 'the mapping';
	const advice = mapping.kind === 'saved' ? ': map the file again on the upload page and save it, or delete that mapping' : '';
	throw new MappingError(
		'mapping_incomplete',
		`${which} leaves out columns ${match.entity.family}.${match.entity.name} needs: ${describeUnmapped(match.missing)}${advice}`
	);
}

function chosen(records: HeadRecord[], options: RowOptions, match: HeaderMatch, headerIndex: number, mapping: AppliedMapping, hook: MappingHook): MappingChoice {
	if (match.missing.length > 0 && !hook.allowMissing) refuseMissing(match, mapping);
	// A mapping decides outright: its score is the headers it maps, with no content evidence to weigh.
	const candidate = {
		entity: `${match.entity.family}.${match.entity.name}`,
		headerIndex,
		matched: match.mapped.length,
		missing: match.missing.map((c) => c.name),
		fileNameHint: false,
		score: match.mapped.length,
		evidence: []
	};
	const title = titleLines(records, headerIndex, options.leadingFields);
	return { match, headerIndex, score: candidate.score, evidence: [], candidates: [candidate], mapping, title, titleDate: titleDate(title) };
}

/**
 * The entity and columns a mapping decides for this file, or undefined when no mapping
 * applies (detection then scores every entity as usual). A hand mapping always applies;
 * a saved one when a header row of the file (its first rows, or the row fixed by
 * --header-row) is exactly its header and its entity is among those considered.
 */
export function choiceByMapping(records: HeadRecord[], hook: MappingHook, options: RowOptions): MappingChoice | undefined {
	const headersOf = (i: number) => records[i].fields.slice(options.leadingFields);
	if (hook.hand) {
		const { entity, columns } = hook.hand;
		if (records.length === 0) throw new IngestFileError('the file has no rows');
		const index = handHeaderRow(records, entity, columns, options);
		const match = columns ? matchByMapping(headersOf(index), entity, columns) : matchHeaders(headersOf(index), entity, options.fileName);
		return chosen(records, options, match, index, { kind: 'hand', name: null }, hook);
	}
	const saved = (hook.saved ?? []).filter((m) => options.entities.some((e) => e.family === m.family && e.name === m.entity));
	if (saved.length === 0) return undefined;
	const signatures = saved.map((m) => headerSignature(m.header));
	for (const index of rowsToTry(records, options)) {
		if (!records[index]) continue;
		const signature = headerSignature(headersOf(index));
		const found = saved.findIndex((_, n) => sameSignature(signatures[n], signature));
		if (found < 0) continue;
		const mapping = saved[found];
		const entity = options.entities.find((e) => e.family === mapping.family && e.name === mapping.entity) as EntitySpec;
		const applied: AppliedMapping = { kind: 'saved', name: mapping.name, ...(mapping.dateOrder ? { dateOrder: mapping.dateOrder } : {}) };
		return chosen(records, options, matchByMapping(headersOf(index), entity, mapping.columns), index, applied, hook);
	}
	return undefined;
}

/** The note that says which mapping read the file (English for the CLI and audit, Russian for the page). */
export function mappingNote(mapping: AppliedMapping): { en: string; ru: string } {
	if (mapping.kind === 'hand') return { en: 'columns mapped by hand', ru: 'столбцы сопоставлены вручную' };
	return {
		en: `read by the saved mapping «${mapping.name}»: the file's header is the one it was saved for`,
		ru: `прочитан по сохранённому сопоставлению «${mapping.name}»: заголовок файла тот же, для которого оно сохранено`
	};
}
