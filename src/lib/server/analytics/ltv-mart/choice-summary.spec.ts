import { describe, expect, it } from 'vitest';
import type { LtvModelSelectionRow } from '../ltv/index.ts';
import { choiceSummary } from './choice-summary.ts';

function row(model: 'bg_nbd' | 'mbg_nbd', fields: Partial<LtvModelSelectionRow>): LtvModelSelectionRow {
	return {
		model,
		modelName: model === 'bg_nbd' ? 'BG/NBD' : 'MBG/NBD',
		oneTimeBuyersCanDrop: model === 'mbg_nbd',
		chosen: false,
		rank: null,
		selectionMethod: 'holdout',
		fallbackReason: null,
		holdoutTie: false,
		selectionNote: '',
		calibrationStartDay: null,
		calibrationEndDay: null,
		holdoutWeeks: 13,
		calibrationCustomers: null,
		calibrationStatus: null,
		calibrationMessage: null,
		holdoutActualReturners: null,
		holdoutPredictedReturners: null,
		holdoutBrier: null,
		holdoutActualPurchases: null,
		holdoutPredictedPurchases: null,
		holdoutRmse: null,
		holdoutMae: null,
		holdoutTotalError: null,
		logLikelihood: null,
		...fields
	};
}

describe('choiceSummary', () => {
	it('gives the chosen model\'s holdout error beside the others\' and why, in Russian and English', () => {
		// 711 holdout purchases by 2,357 customers: 0.30 on average.
		const scored = { calibrationCustomers: 2357, holdoutActualPurchases: 711 };
		const rows = [row('bg_nbd', { ...scored, rank: 2, holdoutMae: 0.634 }), row('mbg_nbd', { ...scored, chosen: true, rank: 1, holdoutMae: 0.4071 })];
		expect(choiceSummary(rows, 'ru')).toBe('Модель MBG/NBD: ошибка на отложенном периоде (13 нед.) 0,41 покупки на клиента при 0,30 в среднем; BG/NBD 0,63. Выбрана как точнее предсказавшая, кто купит снова.');
		expect(choiceSummary(rows, 'en')).toBe('Model MBG/NBD: holdout error over the last 13 weeks 0.41 purchases per customer (they made 0.30 on average); BG/NBD 0.63. Chosen for predicting best who buys again.');
	});

	it('says when the holdout could not tell the models apart, and what BG/NBD assumes of one-time buyers', () => {
		const tie = [row('bg_nbd', { rank: 2, holdoutMae: 0.39 }), row('mbg_nbd', { chosen: true, rank: 1, holdoutMae: 0.38, holdoutTie: true })];
		expect(choiceSummary(tie, 'ru')).toBe(
			'Модель MBG/NBD: ошибка на отложенном периоде (13 нед.) 0,38 покупки на клиента; BG/NBD 0,39. Модели предсказали почти одинаково — взята та, в которой разовые покупатели могут уйти.'
		);
		const bg = [row('bg_nbd', { chosen: true, rank: 1, holdoutMae: 2.32, holdoutWeeks: 52 }), row('mbg_nbd', { rank: 2, holdoutMae: 2.31, holdoutWeeks: 52 })];
		expect(choiceSummary(bg, 'en')).toBe(
			'Model BG/NBD: holdout error over the last 52 weeks 2.32 purchases per customer; MBG/NBD 2.31. Chosen for predicting best who buys again. In BG/NBD a customer without a repeat purchase always counts as active.'
		);
	});

	it('says why there was no holdout, and when there is no forecast at all', () => {
		const short = [
			row('bg_nbd', { rank: 2, selectionMethod: 'likelihood', fallbackReason: 'history_too_short', holdoutWeeks: null }),
			row('mbg_nbd', { chosen: true, rank: 1, selectionMethod: 'likelihood', fallbackReason: 'history_too_short', holdoutWeeks: null })
		];
		expect(choiceSummary(short, 'ru')).toBe('Модель MBG/NBD: без проверки на отложенном периоде: история короче 26 недель; выбрана по правдоподобию на всей истории.');
		const quiet = [row('bg_nbd', { chosen: true, rank: 1, selectionMethod: 'only_candidate', fallbackReason: 'too_few_holdout_purchases', holdoutWeeks: 9 }), row('mbg_nbd', { selectionMethod: 'only_candidate', fallbackReason: 'too_few_holdout_purchases', holdoutWeeks: 9 })];
		expect(choiceSummary(quiet, 'en')).toBe(
			'Model BG/NBD: no holdout check: fewer than 30 purchases in the last 9 weeks; this is the only model that could be fitted. In BG/NBD a customer without a repeat purchase always counts as active.'
		);
		const none = [row('bg_nbd', { selectionMethod: 'none', fallbackReason: 'history_too_short', holdoutWeeks: null }), row('mbg_nbd', { selectionMethod: 'none', fallbackReason: 'history_too_short', holdoutWeeks: null })];
		expect(choiceSummary(none, 'ru')).toBe('Прогноза нет: модели не удалось оценить (история короче 26 недель) — нужно больше покупателей и повторных покупок.');
	});
});
