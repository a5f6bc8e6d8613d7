import { headersUsed, type HeaderMatch } from './header-match.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { EntitySpec } from './types.ts';

/**
 * What the content of a file says about each entity, beside how many of its headers an
 * entity claims: header names typical of one kind of export («Поставщик»), the documents a
 * document column lists («Реализация товаров и услуг …», «Возврат товаров от клиента …»,
 * «Поступление товаров …»), the report's title, and values an entity would reject (a
 * negative quantity where it has a minimum of 0). Each item carries its points and says
 * why in English and Russian, so the runner-up can be explained.
 */

export interface Evidence {
	points: number;
	en: string;
	ru: string;
}

const HEADER_POINTS = 2;
const DOCUMENT_POINTS = 5;
const TITLE_POINTS = 3;
const BELOW_MIN_POINTS = 4;
/** A column is a document column when at least this share of its values names a known document. */
const DOCUMENT_COLUMN_SHARE = 0.5;

const fold = (text: string) => text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();

export interface ContentSample {
	/** Header cells (without a converted sheet's row-number field). */
	headers: string[];
	/** Data rows after the header, same positions as headers. */
	rows: string[][];
	/** Title lines above the header. */
	title: string[];
}

interface DocumentHits {
	/** entity key → share of a document column's values naming its documents */
	own: Map<string, number>;
	/** entity key → share naming only other entities' documents */
	foreign: Map<string, { share: number; by: string; example: string }>;
	column: Map<string, { header: string; example: string }>;
}

/** A document's kind as the value shows it: «Реализация товаров и услуг 00000012 от …» → «Реализация товаров и услуг». */
function documentKind(value: string): string {
	return value.trim().split(/\s+(?=\S*\d)/u)[0].slice(0, 60);
}

const keyOf = (e: EntitySpec) => `${e.family}.${e.name}`;

function startsWithAny(value: string, patterns: string[]): boolean {
	return patterns.some((p) => value.startsWith(p));
}

/**
 * A document as 1C presents it carries its number after its name («Счет покупателю
 * 0000-000031 от …»); a bare word is a kind of operation («Реализация» in УТ 11's column
 * «Операция» of a list of orders), which names no document.
 */
function namesADocument(value: string): boolean {
	return documentKind(value) !== value.trim().slice(0, 60);
}

/** Per entity, the best document column's share of its own documents and of other entities' only. */
function documentHits(sample: ContentSample, entities: EntitySpec[]): DocumentHits {
	const patterns = new Map(entities.filter((e) => e.detect.documents.length).map((e) => [keyOf(e), e.detect.documents.map(fold)]));
	const own = new Map<string, number>();
	const foreign = new Map<string, { share: number; by: string; example: string }>();
	const column = new Map<string, { header: string; example: string }>();
	if (patterns.size === 0) return { own, foreign, column };
	const keys = [...patterns.keys()];
	for (let j = 0; j < sample.headers.length; j++) {
		const raw = sample.rows.map((r) => (r[j] ?? '').trim()).filter(Boolean);
		if (raw.length === 0) continue;
		const matching = raw.map((v) => {
			if (!namesADocument(v)) return [];
			const folded = fold(v);
			return keys.filter((k) => startsWithAny(folded, patterns.get(k)!));
		});
		if (matching.filter((m) => m.length > 0).length / raw.length < DOCUMENT_COLUMN_SHARE) continue;
		for (const entity of entities) {
			const key = keyOf(entity);
			const mineAt = matching.flatMap((m, i) => (m.includes(key) ? [i] : []));
			const mine = mineAt.length / raw.length;
			if (mine > (own.get(key) ?? 0)) {
				own.set(key, mine);
				column.set(key, { header: sample.headers[j], example: documentKind(raw[mineAt[0]]) });
			}
			const othersAt = matching.flatMap((m, i) => (m.length > 0 && !m.includes(key) ? [i] : []));
			const share = othersAt.length / raw.length;
			if (share > (foreign.get(key)?.share ?? 0)) foreign.set(key, { share, by: matching[othersAt[0]][0], example: documentKind(raw[othersAt[0]]) });
		}
	}
	return { own, foreign, column };
}

function mentions(line: string, pattern: string): boolean {
	const at = fold(line).indexOf(pattern);
	return at === 0 || (at > 0 && !/\p{L}/u.test(fold(line)[at - 1]));
}

/** The report's name, not its settings («Период: …», «Отбор: …», «Группировки строк: …» have a colon). */
function titleHit(sample: ContentSample, entity: EntitySpec): string | undefined {
	const patterns = entity.detect.documents.map(fold);
	return sample.title.find((line) => !line.includes(':') && patterns.some((p) => mentions(line, p)));
}

/** A number's sign and size as exports write it: spaces, a decimal comma, brackets or a unicode minus. */
export function looseNumber(text: string): number | undefined {
	let v = text.replace(/[\s\u00a0\u202f]|руб\.?|грн\.?|[₽$€₴]/giu, '').replace(/[−–]/g, '-');
	if (/^\(.*\)$/.test(v)) v = `-${v.slice(1, -1)}`;
	if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(v)) return undefined;
	const lastComma = v.lastIndexOf(',');
	const lastDot = v.lastIndexOf('.');
	v = lastComma > lastDot ? v.replaceAll('.', '').replace(',', '.') : v.replaceAll(',', '');
	const n = Number(v);
	return Number.isFinite(n) ? n : undefined;
}

function belowMinimum(sample: ContentSample, match: HeaderMatch): Evidence | undefined {
	let worst: { share: number; count: number; total: number; column: string; header: string; min: number } | undefined;
	for (const m of match.mapped) {
		if (m.column.min === undefined) continue;
		const numbers = sample.rows.map((r) => looseNumber(r[m.index] ?? '')).filter((n): n is number => n !== undefined);
		if (numbers.length === 0) continue;
		const count = numbers.filter((n) => n < m.column.min!).length;
		const share = count / numbers.length;
		if (count > 0 && share > (worst?.share ?? 0)) worst = { share, count, total: numbers.length, column: m.column.name, header: m.header, min: m.column.min };
	}
	if (!worst) return undefined;
	const { count, total, column, header, min } = worst;
	return {
		points: -BELOW_MIN_POINTS * worst.share,
		en: `${count} of ${total} values of ${column} («${header}») are below its minimum ${min}: those rows would be rejected`,
		ru: `${count} из ${total} значений «${header}» меньше допустимого минимума ${min}: такие строки были бы отклонены`
	};
}

const round = (n: number) => Math.round(n * 100) / 100;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Evidence for and against one entity whose headers were matched as `match`. */
export function entityEvidence(sample: ContentSample, match: HeaderMatch, entities: EntitySpec[], documents = documentHits(sample, entities)): Evidence[] {
	const entity = match.entity;
	const key = keyOf(entity);
	const title = (e: EntitySpec) => e.title.en.toLowerCase();
	const used = headersUsed(match);
	const named = sample.headers.filter((h) => h.trim()).length;
	const evidence: Evidence[] = [{ points: used, en: `${used} of ${named} headers are its columns`, ru: `${used} из ${named} заголовков — его столбцы` }];
	const typical = entity.detect.headers.map(normalizeHeader);
	const signalHeaders = sample.headers.filter((h) => {
		const n = normalizeHeader(h);
		return n && typical.some((t) => n === t || (t.length >= 4 && n.startsWith(t) && n.length - t.length <= 5));
	});
	if (signalHeaders.length) {
		evidence.push({
			points: HEADER_POINTS * signalHeaders.length,
			en: `header ${signalHeaders.map((h) => `«${h}»`).join(', ')} is typical of ${title(entity)}`,
			ru: `заголовок ${signalHeaders.map((h) => `«${h}»`).join(', ')} характерен для раздела «${entity.title.ru}»`
		});
	}
	const own = documents.own.get(key) ?? 0;
	const column = documents.column.get(key);
	if (own > 0 && column) {
		evidence.push({
			points: round(DOCUMENT_POINTS * own),
			en: `${percent(own)} of «${column.header}» are its documents («${column.example}»…)`,
			ru: `${percent(own)} значений «${column.header}» — его документы («${column.example}»…)`
		});
	}
	const foreign = documents.foreign.get(key);
	if (foreign && foreign.share > 0) {
		const other = entities.find((e) => keyOf(e) === foreign.by);
		evidence.push({
			points: round(-DOCUMENT_POINTS * foreign.share),
			en: `${percent(foreign.share)} of the documents are ${other ? title(other) : foreign.by} («${foreign.example}»…)`,
			ru: `${percent(foreign.share)} документов относятся к разделу «${other?.title.ru ?? foreign.by}» («${foreign.example}»…)`
		});
	}
	const mine = titleHit(sample, entity);
	if (mine) {
		evidence.push({ points: TITLE_POINTS, en: `the title «${mine}» names its documents`, ru: `заголовок отчёта «${mine}» называет его документы` });
	} else {
		const other = entities.find((e) => e !== entity && e.detect.documents.length && titleHit(sample, e) && !e.detect.documents.every((d) => entity.detect.documents.includes(d)));
		if (other) {
			const line = titleHit(sample, other);
			evidence.push({ points: -TITLE_POINTS, en: `the title «${line}» names ${title(other)}`, ru: `заголовок отчёта «${line}» относится к разделу «${other.title.ru}»` });
		}
	}
	const below = belowMinimum(sample, match);
	if (below) evidence.push(below);
	return evidence;
}

export function totalPoints(evidence: Evidence[]): number {
	return round(evidence.reduce((sum, e) => sum + e.points, 0));
}

export { documentHits };
