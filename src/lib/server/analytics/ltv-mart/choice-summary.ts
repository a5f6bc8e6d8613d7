// The model choice of ltv_model_selection in words a marketer reads, in Russian and English:
// the chosen model's holdout error in purchases per customer beside the others', and why it
// was chosen (or why there was no holdout). Pages show it next to the model's name: the
// executive dashboard's LTV tiles, Customer 360 and the segments builder.

import { PURCHASE_MODELS, type LtvModelSelectionRow } from '../ltv/index.ts';

type Locale = 'ru' | 'en';

const decimal = (value: number, locale: Locale) =>
	value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const FALLBACK: Record<NonNullable<LtvModelSelectionRow['fallbackReason']>, Record<Locale, (weeks: number | null) => string>> = {
	history_too_short: { ru: () => 'история короче 26 недель', en: () => 'the history is shorter than 26 weeks' },
	calibration_fit_failed: {
		ru: () => 'по ранней части истории модели не оценить',
		en: () => 'the models cannot be fitted on the early part of the history'
	},
	too_few_holdout_purchases: {
		ru: (weeks) => `за последние ${weeks} нед. меньше 30 покупок`,
		en: (weeks) => `fewer than 30 purchases in the last ${weeks} weeks`
	}
};

/** One summary for the whole choice (the rows of one ltv_model_selection build), the model's name first. */
export function choiceSummary(rows: readonly LtvModelSelectionRow[], locale: Locale): string {
	const chosen = rows.find((row) => row.chosen) ?? null;
	const text = explanation(rows, chosen, locale);
	return chosen ? `${locale === 'ru' ? 'Модель' : 'Model'} ${chosen.modelName}: ${text}` : text;
}

/** After «Модель MBG/NBD: », so in lower case; without a model it stands alone and starts with a capital. */
function explanation(rows: readonly LtvModelSelectionRow[], chosen: LtvModelSelectionRow | null, locale: Locale): string {
	const { selectionMethod: method, fallbackReason, holdoutWeeks } = rows[0];
	const ru = locale === 'ru';
	const weeks = holdoutWeeks === null ? null : Math.round(holdoutWeeks);
	const bgCaveat = chosen && !PURCHASE_MODELS[chosen.model].oneTimeBuyersCanDrop
		? ru
			? ` В ${chosen.modelName} покупатель без повторных покупок всегда считается активным.`
			: ` In ${chosen.modelName} a customer without a repeat purchase always counts as active.`
		: '';
	if (method === 'holdout' && chosen && chosen.holdoutMae !== null) {
		const others = rows
			.filter((row) => row !== chosen && row.holdoutMae !== null)
			.sort((p, q) => (p.rank ?? Infinity) - (q.rank ?? Infinity))
			.map((row) => `${row.modelName} ${decimal(row.holdoutMae!, locale)}`)
			.join('; ');
		// The error beside what the customers actually bought, so that it can be judged.
		const bought = chosen.holdoutActualPurchases !== null && chosen.calibrationCustomers ? chosen.holdoutActualPurchases / chosen.calibrationCustomers : null;
		const scale = bought === null ? '' : ru ? ` при ${decimal(bought, locale)} в среднем` : ` (they made ${decimal(bought, locale)} on average)`;
		const error = ru
			? `ошибка на отложенном периоде (${weeks} нед.) ${decimal(chosen.holdoutMae, locale)} покупки на клиента${scale}${others ? `; ${others}` : ''}.`
			: `holdout error over the last ${weeks} weeks ${decimal(chosen.holdoutMae, locale)} purchases per customer${scale}${others ? `; ${others}` : ''}.`;
		const why = chosen.rank !== 1
			? ru
				? ' Лучшую на отложенном периоде модель не удалось оценить на всей истории.'
				: ' The model best on the holdout could not be fitted on the whole history.'
			: chosen.holdoutTie
			? ru
				? ' Модели предсказали почти одинаково — взята та, в которой разовые покупатели могут уйти.'
				: ' The models predicted about equally well, so the one in which one-time buyers can leave is used.'
			: others
				? ru
					? ' Выбрана как точнее предсказавшая, кто купит снова.'
					: ' Chosen for predicting best who buys again.'
				: '';
		return error + why + bgCaveat;
	}
	const reason = fallbackReason ? FALLBACK[fallbackReason][locale](weeks) : null;
	if (!chosen) {
		return ru
			? `Прогноза нет: модели не удалось оценить${reason ? ` (${reason})` : ''} — нужно больше покупателей и повторных покупок.`
			: `No forecast: the models could not be fitted${reason ? ` (${reason})` : ''}; it needs more customers and repeat purchases.`;
	}
	const noHoldout = ru ? `без проверки на отложенном периоде: ${reason}` : `no holdout check: ${reason}`;
	const how = method === 'only_candidate'
		? ru ? '; оценить удалось только эту модель.' : '; this is the only model that could be fitted.'
		: ru ? '; выбрана по правдоподобию на всей истории.' : '; chosen by likelihood on the whole history.';
	return noHoldout + how + bgCaveat;
}
