import type { HeadRecord } from './csv-head.ts';
import { matchesAnyGlob } from './glob.ts';
import { describeMissing, matchHeaders, type HeaderMatch } from './header-match.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { EntitySpec } from './types.ts';

/** A file we cannot load at all (no entity, missing columns, unreadable); nothing was changed. */
export class IngestFileError extends Error {}

export interface EntityCandidate {
	entity: string;
	/** Index of the header record in the head records. */
	headerIndex: number;
	matched: number;
	missing: string[];
	fileNameHint: boolean;
}

export interface EntityChoice {
	match: HeaderMatch;
	headerIndex: number;
	candidates: EntityCandidate[];
}

/** Title lines before the header (1C report headings) are rarely more than a dozen. */
export const HEADER_SEARCH_ROWS = 30;

export interface DetectOptions {
	fileName: string;
	/** Index into records of the header when the user or job file fixed it. */
	headerIndex?: number;
	/** Only these entities are considered (--source, --entity). */
	entities: EntitySpec[];
	/** Header cells to drop before matching (the sheet-row field of converted XLSX). */
	leadingFields?: number;
}

function better(a: EntityCandidate, b: EntityCandidate | undefined): boolean {
	if (!b) return true;
	const viable = Number(a.missing.length === 0) - Number(b.missing.length === 0);
	if (viable !== 0) return viable > 0;
	if (a.matched !== b.matched) return a.matched > b.matched;
	if (a.fileNameHint !== b.fileNameHint) return a.fileNameHint;
	return a.missing.length < b.missing.length;
}

/**
 * Scores every entity against every candidate header row: an entity whose needed
 * columns are all present beats one that misses some, then more matched columns win,
 * then the file-name glob breaks ties (headers decide, names only hint). The header
 * row is the first row with the best score.
 */
export function detectEntity(records: HeadRecord[], options: DetectOptions): EntityChoice {
	const skip = options.leadingFields ?? 0;
	const rows =
		options.headerIndex !== undefined
			? [options.headerIndex]
			: records.slice(0, HEADER_SEARCH_ROWS).map((_, i) => i);
	// A row where no cell starts like any alias cannot be a header: skip it before scoring.
	const starts = new Set(options.entities.flatMap((e) => e.columns.flatMap((c) => [c.name, ...c.aliases, ...e.mappings.flatMap((m) => Object.keys(m.columns))]).map((a) => normalizeHeader(a).slice(0, 3))));
	const mayBeHeader = (fields: string[]) => fields.some((f) => starts.has(normalizeHeader(f).slice(0, 3)));
	let best: { candidate: EntityCandidate; match: HeaderMatch } | undefined;
	const candidates: EntityCandidate[] = [];
	for (const index of rows) {
		const record = records[index];
		if (!record) continue;
		const headers = record.fields.slice(skip);
		if (options.headerIndex === undefined && !mayBeHeader(headers)) continue;
		for (const entity of options.entities) {
			const match = matchHeaders(headers, entity, options.fileName);
			const candidate: EntityCandidate = {
				entity: `${entity.family}.${entity.name}`,
				headerIndex: index,
				matched: match.mapped.length,
				missing: match.missing.map((c) => c.name),
				fileNameHint: matchesAnyGlob(options.fileName, entity.files)
			};
			if (candidate.matched > 0) candidates.push(candidate);
			if (better(candidate, best?.candidate)) best = { candidate, match };
		}
	}
	if (!best || best.candidate.matched === 0) {
		const where = options.headerIndex !== undefined ? 'the given header row' : `the first ${HEADER_SEARCH_ROWS} rows`;
		throw new IngestFileError(`no known export: none of the header aliases of ${options.entities.map((e) => `${e.family}.${e.name}`).join(', ')} appear in ${where}`);
	}
	if (best.match.missing.length > 0) {
		throw new IngestFileError(
			`no entity has all its required columns; closest is ${best.candidate.entity} (header row ${records[best.candidate.headerIndex].line}): ${describeMissing(best.match.missing)}`
		);
	}
	candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
	return { match: best.match, headerIndex: best.candidate.headerIndex, candidates: candidates.slice(0, 5) };
}
