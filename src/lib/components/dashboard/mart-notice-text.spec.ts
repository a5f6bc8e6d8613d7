import { describe, expect, it } from 'vitest';
import { formatValue } from '../../format/format-value.ts';
import { localizedText, translate, type Locale } from '../../i18n/translate.ts';
import type { MartNotice } from '../../dashboards/contract.ts';
import { noticeLines } from './mart-notice-text.ts';

const words = (locale: Locale) => ({
	locale,
	t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars),
	text: (value: Parameters<typeof localizedText>[0]) => localizedText(value, locale),
	format: (value: unknown, kind: Parameters<typeof formatValue>[1]) => formatValue(value, kind, locale)
});

const stale: MartNotice = {
	model: 'demand_forecast',
	relation: 'marts.demand_forecast',
	state: 'stale',
	available: true,
	publishedBuildId: 11,
	publishedAt: '2026-12-07 10:00:00',
	checkedBuildId: 12,
	cause: { kind: 'test_failed', model: 'forecast_backtest', test: 'accepted_range_forecast_backtest_smape', message: 'test … found 3 failing rows', buildId: 12, upstream: true },
	needs: []
};

const noStock: MartNotice = {
	model: 'stock_plan',
	relation: 'marts.stock_plan',
	state: 'no_data',
	available: true,
	publishedBuildId: 12,
	publishedAt: '2026-12-08 09:30:00',
	checkedBuildId: 12,
	cause: { kind: 'no_data', sources: ['raw.stock_balances'], message: 'no stock exports loaded: raw.stock_balances is empty', buildId: 12, upstream: false },
	needs: [{ table: 'raw.stock_balances', family: 'stock', familyTitle: { ru: 'Склад', en: 'Stock' }, tableTitle: { ru: 'Остатки на складах', en: 'Stock balances' } }]
};

describe('what a tile says about a mart that is not current', () => {
	it('names the build, the failed test and the version shown, in Russian and English', () => {
		expect(noticeLines([stale], words('ru'))).toEqual([
			{
				tone: 'stale',
				model: 'demand_forecast',
				text: 'Витрина demand_forecast не обновилась в сборке №12 — не прошёл тест accepted_range_forecast_backtest_smape (модель forecast_backtest); показана версия от 07.12.2026, 10:00.'
			}
		]);
		expect(noticeLines([stale], words('en'))[0].text).toBe(
			'Mart demand_forecast was not updated in build #12 — test accepted_range_forecast_backtest_smape failed (model forecast_backtest); showing the version of 7 Dec 2026, 10:00.'
		);
	});

	it('says which exports a mart without data needs, by the ingest job titles', () => {
		expect(noticeLines([noStock], words('ru'))).toEqual([{ tone: 'missing', model: 'stock_plan', text: 'Для витрины stock_plan нужны выгрузки: Склад · Остатки на складах.' }]);
		expect(noticeLines([noStock], words('en'))[0].text).toBe('Mart stock_plan needs exports of: Stock · Stock balances.');
		const unnamed = { ...noStock, needs: [{ table: 'raw.crm_deals', family: null, familyTitle: null, tableTitle: null }] };
		expect(noticeLines([unnamed], words('ru'))[0].text).toBe('Для витрины stock_plan нужны выгрузки: raw.crm_deals.');
	});

	it('says a mart that never built has nothing to show, with the model error cut to its first line', () => {
		const never: MartNotice = {
			...stale,
			model: 'customer_ltv',
			state: 'never_built',
			available: false,
			publishedBuildId: null,
			publishedAt: null,
			cause: { kind: 'model_error', model: 'customer_ltv', message: 'Conversion Error: could not convert\nLINE 3: …', buildId: 12, upstream: false }
		};
		expect(noticeLines([never], words('ru'))).toEqual([
			{ tone: 'missing', model: 'customer_ltv', text: 'Витрина customer_ltv ещё не собрана: в сборке №12 ошибка в модели customer_ltv: Conversion Error: could not convert.' }
		]);
	});
});
