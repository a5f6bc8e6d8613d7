import type { Warehouse } from '../warehouse/index.ts';
import { RFM_SEGMENT_CODES } from './definition.ts';
import { MART, ensureMarts, missingMartColumns } from './marts.ts';

/**
 * What the builder offers to pick from, read from the marts: RFM segments, acquisition
 * channels, cities and categories with how many customers each has, and the date the
 * «N days ago» conditions count back from.
 */
export interface Choice {
	value: string;
	label: { ru: string; en: string };
	customers: number;
}

export interface SegmentChoices {
	rfmSegments: Choice[];
	channels: Choice[];
	cities: Choice[];
	categories: Choice[];
	/**
	 * The day «N days ago» counts back from (YYYY-MM-DD): marts.data_calendar.last_sale_on,
	 * the as-of of rfm and customer_ltv; null before any sale was loaded or that mart was built.
	 */
	asOf: string | null;
	/** Marts not built yet: their conditions cannot be used until they are. */
	missing: string[];
	/**
	 * The purchase model behind the P(alive) and predicted-value conditions and its holdout error,
	 * in words (ltv_model_selection.choice_summary_ru/en); null before that mart was built.
	 */
	ltvModel: { ru: string; en: string } | null;
}

/** The segment names of marts.rfm's YAML, for segments no customer is in yet. */
const RFM_LABELS: Record<(typeof RFM_SEGMENT_CODES)[number], { ru: string; en: string }> = {
	champions: { ru: 'Чемпионы', en: 'Champions' },
	loyal: { ru: 'Лояльные', en: 'Loyal' },
	potential_loyalist: { ru: 'Потенциально лояльные', en: 'Potential loyalist' },
	new: { ru: 'Новые', en: 'New' },
	promising: { ru: 'Перспективные', en: 'Promising' },
	need_attention: { ru: 'Требуют внимания', en: 'Need attention' },
	about_to_sleep: { ru: 'Засыпающие', en: 'About to sleep' },
	at_risk: { ru: 'В зоне риска', en: 'At risk' },
	cant_lose_them: { ru: 'Нельзя потерять', en: "Can't lose them" },
	hibernating: { ru: 'Спящие', en: 'Hibernating' },
	lost: { ru: 'Потерянные', en: 'Lost' }
};

const LIST_LIMIT = 1000;

async function valueCounts(warehouse: Warehouse, sql: string): Promise<Choice[]> {
	const rows = await warehouse.query<{ value: string; customers: number }>(sql);
	return rows.map((row) => ({ value: row.value, label: { ru: row.value, en: row.value }, customers: row.customers }));
}

export async function segmentChoices(warehouse: Warehouse): Promise<SegmentChoices> {
	await ensureMarts(warehouse, ['dim_customer']);
	const missing = await missingMartColumns(warehouse, ['rfm', 'customer_ltv', 'fct_sales', 'dim_contact', 'customer_payment_discipline', 'data_calendar']);
	const has = (mart: string) => !missing.some((m) => m === mart || m.startsWith(`${mart}.`));
	const known = "customer_kind <> 'anonymous'";
	const [channels, cities, categories, rfmCounts, asOf] = await Promise.all([
		valueCounts(warehouse, `select first_channel as value, count(*) as customers from ${MART.dim_customer} where ${known} and first_channel is not null group by 1 order by 2 desc, 1 limit ${LIST_LIMIT}`),
		valueCounts(warehouse, `select city as value, count(*) as customers from ${MART.dim_customer} where ${known} and city is not null group by 1 order by 2 desc, 1 limit ${LIST_LIMIT}`),
		has(MART.fct_sales)
			? valueCounts(warehouse, `select category as value, count(distinct customer_id) as customers from ${MART.fct_sales} where category is not null and not is_return group by 1 order by 1 limit ${LIST_LIMIT}`)
			: Promise.resolve([]),
		has(MART.rfm)
			? warehouse.query<{ code: string; customers: number }>(`select segment_code as code, count(*) as customers from ${MART.rfm} group by 1`)
			: Promise.resolve([]),
		has(MART.data_calendar)
			? warehouse.query<{ as_of: string | null }>(`select last_sale_on::varchar as as_of from ${MART.data_calendar}`)
			: Promise.resolve([])
	]);
	const rfmByCode = new Map(rfmCounts.map((row) => [row.code, row.customers]));
	// Not among `missing`: the conditions work without it, only the note about the model is gone.
	const [ltvModel] = (await missingMartColumns(warehouse, ['ltv_model_selection'])).length
		? []
		: await warehouse.query<{ ru: string; en: string }>(
				`select any_value(choice_summary_ru) as ru, any_value(choice_summary_en) as en from ${MART.ltv_model_selection} having count(*) > 0`
			);
	return {
		rfmSegments: RFM_SEGMENT_CODES.map((code) => ({ value: code, label: RFM_LABELS[code], customers: rfmByCode.get(code) ?? 0 })),
		channels,
		cities,
		categories,
		asOf: asOf[0]?.as_of ?? null,
		missing,
		ltvModel: ltvModel ? { ru: ltvModel.ru, en: ltvModel.en } : null
	};
}
