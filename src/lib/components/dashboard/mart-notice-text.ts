import type { MartNotice, MissingExport } from '../../dashboards/contract.ts';
import type { I18n } from '../../i18n/context.ts';

/** What a tile says about one mart it reads: out of date (its data is shown) or missing (nothing to show). */
export interface NoticeLine {
	tone: 'stale' | 'missing';
	model: string;
	text: string;
}

type Words = Pick<I18n, 'locale' | 't' | 'format'>;

/** «Склад · Остатки на складах» from the ingest job titles, else the raw table's name. */
export function exportName(need: MissingExport, locale: 'ru' | 'en'): string {
	if (!need.familyTitle) return need.table;
	return need.tableTitle ? `${need.familyTitle[locale]} · ${need.tableTitle[locale]}` : need.familyTitle[locale];
}

/** Exports of which any one would do: «Склад · Остатки на складах или CRM · Сделки». */
export function exportList(needs: MissingExport[], locale: 'ru' | 'en'): string {
	return needs.map((need) => exportName(need, locale)).join(locale === 'ru' ? ' или ' : ' or ');
}

/** The failure's message as far as its first line, short enough for a tile. */
function gist(message: string): string {
	const line = message.split('\n')[0];
	return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function why(notice: MartNotice, i18n: Words): string {
	const cause = notice.cause;
	if (!cause) return '';
	switch (cause.kind) {
		case 'test_failed':
			return i18n.t('notice.why.test', { test: cause.test, model: cause.model });
		case 'model_error':
			return i18n.t('notice.why.model', { model: cause.model, message: gist(cause.message) });
		case 'source_test_failed':
			return i18n.t('notice.why.sourceTest', { test: cause.test, source: cause.source });
		case 'no_data':
			return cause.message;
		case 'held':
			return i18n.locale === 'ru' ? cause.ru : cause.message;
	}
}

/** One line per mart the query reads that is not current, in the reader's language. */
export function noticeLines(notices: MartNotice[], i18n: Words): NoticeLine[] {
	return notices.map((notice) => {
		const mart = notice.model;
		if (notice.state === 'no_data') {
			const exports = exportList(notice.needs, i18n.locale);
			return { tone: 'missing', model: mart, text: i18n.t('notice.noData', { mart, exports }) };
		}
		const build = notice.checkedBuildId;
		if (notice.state === 'never_built') return { tone: 'missing', model: mart, text: i18n.t('notice.neverBuilt', { mart, build, why: why(notice, i18n) }) };
		const at = notice.publishedAt ? i18n.format(notice.publishedAt, 'datetime') : null;
		const text = at ? i18n.t('notice.stale', { mart, build, why: why(notice, i18n), at }) : i18n.t('notice.staleUndated', { mart, build, why: why(notice, i18n) });
		return { tone: 'stale', model: mart, text };
	});
}
