import { columnTitle } from './column-titles.ts';
import type { HeadRecord } from './csv-head.ts';
import { documentHits, entityEvidence, totalPoints, type ContentSample, type Evidence } from './detect-evidence.ts';
import { matchesAnyGlob } from './glob.ts';
import { firstText, isTotalText } from './report-rows.ts';
import { describeMissing, headersUsed, matchHeaders, type HeaderMatch } from './header-match.ts';
import { normalizeHeader } from './normalize-header.ts';
import { titleDate, titleLines, type TitleDate } from './title-block.ts';
import type { EntitySpec } from './types.ts';
import { DomainError } from '../errors.ts';

/** A file we cannot load at all (no entity, missing columns, unreadable); nothing was changed. */
export class IngestFileError extends DomainError {
	constructor(message: string, code = 'not_an_export') {
		super('unusable', code, message);
	}
}

export interface EntityCandidate {
	/** family.entity */
	entity: string;
	/** Index of the header record in the head records. */
	headerIndex: number;
	matched: number;
	missing: string[];
	fileNameHint: boolean;
	/** Headers matched plus the content's evidence (see detect-evidence.ts). */
	score: number;
	evidence: Evidence[];
}

/** The second-best entity and why it lost, in English (CLI, audit) and Russian (upload page). */
export interface RunnerUp {
	entity: string;
	score: number;
	en: string;
	ru: string;
	/** Why it lost, for people: what counts against it, entities and columns by their titles, without the entity and scores (the upload page words those). */
	why: { en: string; ru: string };
	/** The winner's lead is small enough that a person should look. */
	close: boolean;
}

/** The note that names a close runner-up (English for the CLI and audit, Russian for the page). */
export function runnerUpNote(runnerUp: RunnerUp): { en: string; ru: string } {
	return { en: `runner-up ${runnerUp.en}`, ru: `второй вариант ${runnerUp.ru}` };
}

export interface EntityChoice {
	match: HeaderMatch;
	headerIndex: number;
	score: number;
	evidence: Evidence[];
	/** Every entity that claims a header, best first, one per entity. */
	candidates: EntityCandidate[];
	runnerUp?: RunnerUp;
	/** The date the title block states (used for `default: title_date` columns). */
	titleDate?: TitleDate;
	title: string[];
}

/** Title lines before the header (1C report headings) are rarely more than a dozen. */
export const HEADER_SEARCH_ROWS = 30;
/** A lead below this many points is reported even without --verbose. */
const CLOSE_LEAD = 3;
/** A loadable entity is refused when one that cannot load outscores it by more than this. */
const REFUSE_LEAD = 2;

export interface DetectOptions {
	fileName: string;
	/** Index into records of the header when the user or job file fixed it. */
	headerIndex?: number;
	/** Only these entities are considered (--source, --entity). */
	entities: EntitySpec[];
	/** Header cells to drop before matching (the sheet-row field of converted XLSX). */
	leadingFields?: number;
}

const keyOf = (e: EntitySpec) => `${e.family}.${e.name}`;

interface Scored {
	candidate: EntityCandidate;
	match: HeaderMatch;
	order: number;
	preferredOver: string[];
}

/** Loadable first, then score, then the file-name glob, then fewer missing columns, then `detect.prefer_over`, then job order. */
function compare(a: Scored, b: Scored): number {
	const viable = Number(b.candidate.missing.length === 0) - Number(a.candidate.missing.length === 0);
	if (viable) return viable;
	if (Math.abs(a.candidate.score - b.candidate.score) > 1e-9) return b.candidate.score - a.candidate.score;
	if (a.candidate.fileNameHint !== b.candidate.fileNameHint) return a.candidate.fileNameHint ? -1 : 1;
	if (a.candidate.missing.length !== b.candidate.missing.length) return a.candidate.missing.length - b.candidate.missing.length;
	if (a.preferredOver.includes(b.candidate.entity)) return -1;
	if (b.preferredOver.includes(a.candidate.entity)) return 1;
	return a.order - b.order;
}

/** Header rows are chosen by headers alone: the first row where some entity has all its needed columns and the most matches. */
function chooseHeaderRow(records: HeadRecord[], options: DetectOptions): number | undefined {
	const skip = options.leadingFields ?? 0;
	const rows = options.headerIndex !== undefined ? [options.headerIndex] : records.slice(0, HEADER_SEARCH_ROWS).map((_, i) => i);
	// A row where no cell starts like any alias cannot be a header: skip it before scoring.
	const starts = new Set(options.entities.flatMap((e) => e.columns.flatMap((c) => [c.name, ...c.aliases, ...e.mappings.flatMap((m) => Object.keys(m.columns))]).map((a) => normalizeHeader(a).slice(0, 3))));
	const mayBeHeader = (fields: string[]) => fields.some((f) => starts.has(normalizeHeader(f).slice(0, 3)));
	let best: { index: number; viable: boolean; matched: number } | undefined;
	for (const index of rows) {
		const record = records[index];
		if (!record) continue;
		const headers = record.fields.slice(skip);
		if (options.headerIndex === undefined && !mayBeHeader(headers)) continue;
		const context = { titleDate: titleDate(titleLines(records, index, skip)) !== undefined };
		for (const entity of options.entities) {
			const match = matchHeaders(headers, entity, options.fileName, context);
			const viable = match.missing.length === 0;
			const matched = headersUsed(match);
			if (matched === 0) continue;
			if (!best || Number(viable) > Number(best.viable) || (viable === best.viable && matched > best.matched)) best = { index, viable, matched };
		}
	}
	return best?.index;
}

const join = (items: string[]) => items.join('; ');

/**
 * Why `loser` lost to `winner`. For the CLI and the audit by canonical names (what --entity
 * takes), with everything that counted. For people (`why`, the upload page) by titles, and
 * only what counts against the loser: the winner's own evidence is shown beside it; it is
 * named only when nothing counts against the loser.
 */
function lossReason(winner: Scored, loser: Scored, headers: string[]): Pick<RunnerUp, 'en' | 'ru' | 'why'> {
	const titled = (s: Scored, locale: 'ru' | 'en') => `«${s.match.entity.title[locale]}»`;
	const against = { cli: [] as string[], en: [] as string[], ru: [] as string[] };
	const missing = loser.match.entity.columns.filter((c) => loser.candidate.missing.includes(c.name));
	if (missing.length) {
		against.cli.push(`misses ${missing.map((c) => c.name).join(', ')}`);
		against.en.push(`misses ${missing.map((c) => `«${columnTitle(c, 'en')}»`).join(', ')}`);
		against.ru.push(`нет столбцов ${missing.map((c) => `«${columnTitle(c, 'ru')}»`).join(', ')}`);
	}
	const mine = new Set(loser.match.mapped.map((m) => m.index));
	const onlyWinner = winner.match.mapped.filter((m) => !mine.has(m.index)).map((m) => `«${headers[m.index]}»`);
	if (onlyWinner.length) {
		against.cli.push(`does not use ${onlyWinner.join(', ')}`);
		against.en.push(`does not use ${onlyWinner.join(', ')}`);
		against.ru.push(`не использует ${onlyWinner.join(', ')}`);
	}
	const negative = loser.candidate.evidence.filter((e) => e.points < 0);
	against.cli.push(...negative.map((e) => e.en));
	against.en.push(...negative.map((e) => e.en));
	against.ru.push(...negative.map((e) => e.ru));
	const signals = winner.candidate.evidence.slice(1).filter((e) => e.points > 0 && !loser.candidate.evidence.some((l) => l.en === e.en));
	const favour = {
		cli: signals.map((e) => `${winner.candidate.entity}: ${e.en}`),
		en: signals.map((e) => `${titled(winner, 'en')}: ${e.en}`),
		ru: signals.map((e) => `${titled(winner, 'ru')}: ${e.ru}`)
	};
	const preferred = winner.preferredOver.includes(loser.candidate.entity);
	const tie = {
		cli: preferred ? `the columns fit both; ${winner.candidate.entity} is preferred on a tie` : 'the columns fit both equally',
		en: preferred ? `the columns fit both; ${titled(winner, 'en')} is preferred on a tie` : 'the columns fit both equally',
		ru: preferred ? `столбцы подходят обоим; при равенстве выбирается ${titled(winner, 'ru')}` : 'столбцы подходят обоим одинаково'
	};
	const all = (locale: 'cli' | 'en' | 'ru') => [...against[locale], ...favour[locale]];
	const reasons = (list: string[], locale: 'cli' | 'en' | 'ru') => join(list.length ? list : [tie[locale]]);
	const brief = (locale: 'en' | 'ru') => reasons(against[locale].length ? against[locale] : favour[locale], locale);
	const scores = { loser: loser.candidate.score, winner: winner.candidate.score };
	return {
		en: `${loser.candidate.entity} (score ${scores.loser} vs ${scores.winner}): ${reasons(all('cli'), 'cli')}`,
		ru: `${titled(loser, 'ru')} (баллы: ${scores.loser} против ${scores.winner}): ${reasons(all('ru'), 'ru')}`,
		why: { en: brief('en'), ru: brief('ru') }
	};
}

/**
 * Chooses the header row (by headers: every entity's needed columns and matches), then
 * scores every entity of every family on that row by all its matched headers and the
 * content's evidence (detect-evidence.ts), and picks the loadable entity with the best
 * score. The runner-up is reported with why it lost. A loadable entity is refused when
 * one that cannot load (a column missing) fits the file clearly better: the file is then
 * not loaded as the wrong thing.
 */
export function detectEntity(records: HeadRecord[], options: DetectOptions): EntityChoice {
	const skip = options.leadingFields ?? 0;
	const headerIndex = chooseHeaderRow(records, options);
	if (headerIndex === undefined) {
		const where = options.headerIndex !== undefined ? 'the given header row' : `the first ${HEADER_SEARCH_ROWS} rows`;
		throw new IngestFileError(`no known export: none of the header aliases of ${options.entities.map(keyOf).join(', ')} appear in ${where}`);
	}
	const headers = records[headerIndex].fields.slice(skip);
	const title = titleLines(records, headerIndex, skip);
	const date = titleDate(title);
	// A report's total line is no document and no quantity: it would only dilute the evidence.
	const rows = records.slice(headerIndex + 1).map((r) => r.fields.slice(skip)).filter((f) => !isTotalText(firstText(f)));
	const sample: ContentSample = { headers, title, rows };
	const documents = documentHits(sample, options.entities);
	const scored: Scored[] = options.entities.map((entity, order) => {
		const match = matchHeaders(headers, entity, options.fileName, { titleDate: date !== undefined });
		const evidence = match.mapped.length ? entityEvidence(sample, match, options.entities, documents) : [];
		return {
			match,
			order,
			preferredOver: entity.detect.preferOver,
			candidate: {
				entity: keyOf(entity),
				headerIndex,
				matched: headersUsed(match),
				missing: match.missing.map((c) => c.name),
				fileNameHint: matchesAnyGlob(options.fileName, entity.files),
				score: totalPoints(evidence),
				evidence
			}
		};
	});
	const ranked = scored.filter((s) => s.candidate.matched > 0).sort(compare);
	const best = ranked[0];
	const line = records[headerIndex].line;
	if (!best || best.candidate.missing.length > 0) {
		const closest = best ?? scored[0];
		throw new IngestFileError(`no entity has all its required columns; closest is ${closest.candidate.entity} (header row ${line}): ${describeMissing(closest.match.missing)}`);
	}
	const unloadable = ranked.filter((s) => s.candidate.missing.length > 0).sort((a, b) => b.candidate.score - a.candidate.score)[0];
	if (unloadable && unloadable.candidate.score > best.candidate.score + REFUSE_LEAD && unloadable.candidate.matched > best.candidate.matched) {
		throw new IngestFileError(
			`the file looks like ${unloadable.candidate.entity} (score ${unloadable.candidate.score}, ${unloadable.candidate.matched} headers), which cannot load it: ${describeMissing(unloadable.match.missing)}; ` +
				`it is not loaded as ${best.candidate.entity} (score ${best.candidate.score}, ${best.candidate.matched} headers). Add the column, or choose the entity with --entity`
		);
	}
	const second = ranked[1];
	const runnerUp = second
		? { entity: second.candidate.entity, score: second.candidate.score, ...lossReason(best, second, headers), close: best.candidate.score - second.candidate.score < CLOSE_LEAD }
		: undefined;
	return {
		match: best.match,
		headerIndex,
		score: best.candidate.score,
		evidence: best.candidate.evidence,
		candidates: ranked.map((s) => s.candidate),
		runnerUp,
		titleDate: date,
		title
	};
}
