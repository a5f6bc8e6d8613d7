import { matchesAnyGlob } from './glob.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { ColumnSpec, EntitySpec } from './types.ts';

export interface MappedColumn {
	column: ColumnSpec;
	/** Position of the header in the file's header row. */
	index: number;
	header: string;
	via: 'mapping' | 'alias' | 'prefix';
	/** No header names this column: it reads the header of its fallback column, named here. */
	sharedWith?: string;
}

export interface HeaderMatch {
	entity: EntitySpec;
	mapped: MappedColumn[];
	/** Header positions no column claimed (kept in _extra or ignored). */
	unmapped: number[];
	/** Columns the load cannot do without that the file lacks. */
	missing: ColumnSpec[];
	/** Mapping files that applied to this file. */
	mappingFiles: string[];
}

export interface MatchContext {
	/** The file's title block states a date (columns with `default: title_date` need no header). */
	titleDate?: boolean;
}

/** A column the file must have: required, or a key part nothing can fill in. */
export function isNeeded(entity: EntitySpec, column: ColumnSpec, context: MatchContext = {}): boolean {
	if (column.titleDate && context.titleDate) return false;
	if (column.required) return true;
	return entity.key.includes(column.name) && column.default === undefined && !column.ordinalInKey;
}

interface Candidate {
	index: number;
	column: ColumnSpec;
	via: MappedColumn['via'];
	tier: number;
	specificity: number;
	aliasRank: number;
}

// Prefix matching catches units after a name ("Сумма, руб." → Сумма, "Кол-во, шт" → Кол-во):
// only for aliases long enough not to be generic, and only a short tail.
const MIN_PREFIX_ALIAS = 4;
const MAX_UNIT_TAIL = 5;
/** A tail after a bare space is a unit only when this short ("Сумма руб"); longer, it is a word of another column's name ("Счет учета"). */
const MAX_BARE_UNIT = 3;

/** What follows the first `length` compared characters of a header, as written. */
function tailAfter(header: string, length: number): string {
	let seen = 0;
	for (let i = 0; i < header.length; i++) {
		if (seen >= length) return header.slice(i);
		seen += normalizeHeader(header[i]).length;
	}
	return '';
}

/** The header is the alias with a unit after it: after punctuation ("Сумма, руб.", "Количество (шт)") or a short word. */
function isUnitTail(header: string, alias: string, normalized: string): boolean {
	if (normalized.length - alias.length <= MAX_BARE_UNIT) return true;
	return /^\s*[^\p{L}\p{N}\s]/u.test(tailAfter(header, alias.length));
}

/** Normalised aliases per column, computed once per loaded job (detection tries many header rows). */
const aliasCache = new WeakMap<ColumnSpec, string[]>();
function normalizedAliases(column: ColumnSpec): string[] {
	let aliases = aliasCache.get(column);
	if (!aliases) {
		aliases = [column.name, ...column.aliases].map(normalizeHeader);
		aliasCache.set(column, aliases);
	}
	return aliases;
}

function candidates(headers: string[], entity: EntitySpec, fileName: string | undefined): { list: Candidate[]; mappingFiles: string[] } {
	const list: Candidate[] = [];
	const normalized = headers.map(normalizeHeader);
	const mappings = entity.mappings.filter((m) => m.files.length === 0 || (fileName !== undefined && matchesAnyGlob(fileName, m.files)));
	for (const mapping of mappings) {
		for (const [header, columnName] of Object.entries(mapping.columns)) {
			const column = entity.columns.find((c) => c.name === columnName);
			const key = normalizeHeader(header);
			normalized.forEach((h, index) => {
				if (column && h === key) list.push({ index, column, via: 'mapping', tier: 0, specificity: key.length, aliasRank: 0 });
			});
		}
	}
	for (const column of entity.columns) {
		normalizedAliases(column).forEach((alias, aliasRank) => {
			if (!alias) return;
			normalized.forEach((h, index) => {
				if (h === alias) list.push({ index, column, via: 'alias', tier: 1, specificity: alias.length, aliasRank });
				else if (alias.length >= MIN_PREFIX_ALIAS && h.startsWith(alias) && h.length - alias.length <= MAX_UNIT_TAIL && isUnitTail(headers[index], alias, h)) {
					list.push({ index, column, via: 'prefix', tier: 2, specificity: alias.length, aliasRank });
				}
			});
		});
	}
	return { list, mappingFiles: mappings.map((m) => m.file) };
}

/**
 * Assigns file headers to the entity's columns: each header to at most one column and
 * each column to at most one header. Mapping files win, then exact alias matches, then
 * "header starts with alias"; within a tier the more specific (longer) alias wins, so
 * "ID компании" goes to counterparty_id before a generic "ID" is considered.
 */
export function matchHeaders(headers: string[], entity: EntitySpec, fileName?: string, context: MatchContext = {}): HeaderMatch {
	const { list, mappingFiles } = candidates(headers, entity, fileName);
	list.sort(
		(a, b) => a.tier - b.tier || b.specificity - a.specificity || a.aliasRank - b.aliasRank || a.index - b.index
	);
	const byHeader = new Map<number, MappedColumn>();
	const byColumn = new Map<string, MappedColumn>();
	for (const c of list) {
		if (byHeader.has(c.index) || byColumn.has(c.column.name)) continue;
		const m: MappedColumn = { column: c.column, index: c.index, header: headers[c.index], via: c.via };
		byHeader.set(c.index, m);
		byColumn.set(c.column.name, m);
	}
	// A column no header names reads the header of its `fallback` column too (a balance
	// report with only «Номенклатура» names its SKUs by it; «Сумма без НДС» is the amount
	// when no other sum is there).
	for (const column of entity.columns.filter((c) => c.fallback && !byColumn.has(c.name))) {
		const source = byColumn.get(column.fallback!);
		if (source && !source.sharedWith) byColumn.set(column.name, { ...source, column, sharedWith: source.column.name });
	}
	const mapped = [...byColumn.values()].sort((a, b) => entity.columns.indexOf(a.column) - entity.columns.indexOf(b.column));
	const unmapped = headers.map((_, i) => i).filter((i) => !byHeader.has(i));
	const missing = entity.columns.filter((c) => isNeeded(entity, c, context) && !byColumn.has(c.name));
	return { entity, mapped, unmapped, missing, mappingFiles };
}

/** How many of the file's headers the match uses (a header a fallback column shares counts once). */
export function headersUsed(match: HeaderMatch): number {
	return new Set(match.mapped.map((m) => m.index)).size;
}

/** «amount» not found; tried: Сумма, Сумма с НДС, Amount, ... */
export function describeMissing(missing: ColumnSpec[]): string {
	return missing
		.map((c) => `column «${c.name}» not found; tried: ${[...c.aliases, c.name].filter((a, i, all) => all.indexOf(a) === i).join(', ')}`)
		.join('; ');
}
