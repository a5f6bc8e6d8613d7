/**
 * The filter vocabulary of dashboards, defined once: the engine binds it, the API
 * validates and documents it, the pages keep it in the URL. Add a filter here and
 * every one of them knows it.
 */

/** Named reporting periods, resolved against today on the server (period.ts). */
export const PERIOD_PRESETS = [
	'last_30_days',
	'last_90_days',
	'month_to_date',
	'last_month',
	'quarter_to_date',
	'last_quarter',
	'last_3_months',
	'last_6_months',
	'last_12_months',
	'year_to_date',
	'last_year'
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

interface FilterDef {
	/** period: a date range; choice: one value from a list of options; text: free text. */
	kind: 'period' | 'choice' | 'text';
	/** The page URL's (and the API query string's) parameters of the filter. */
	url: readonly string[];
	/** The SQL parameters the engine binds for it. */
	sql: readonly string[];
	/** What it keeps to, for the API documentation (choice and text filters). */
	describe?: string;
}

export const FILTERS = {
	period: {
		kind: 'period',
		url: ['period', 'period_start', 'period_end'],
		sql: ['period_start', 'period_end', 'prev_period_start', 'prev_period_end']
	},
	channel: { kind: 'choice', url: ['channel'], sql: ['channel'], describe: 'acquisition channel' },
	manager: { kind: 'choice', url: ['manager'], sql: ['manager'], describe: 'manager' },
	category: { kind: 'choice', url: ['category'], sql: ['category'], describe: 'product category' },
	city: { kind: 'choice', url: ['city'], sql: ['city'], describe: 'city' },
	search: { kind: 'text', url: ['search'], sql: ['search'], describe: 'free text for a search filter (e.g. a customer name, INN, phone or e-mail)' }
} as const satisfies Record<string, FilterDef>;

export type FilterName = keyof typeof FILTERS;
/** Filters that pick one value from a list (period is a date range, search free text). */
export type ChoiceFilterName = { [K in FilterName]: (typeof FILTERS)[K]['kind'] extends 'choice' ? K : never }[FilterName];

export const FILTER_NAMES = Object.keys(FILTERS) as [FilterName, ...FilterName[]];
export const CHOICE_FILTERS = FILTER_NAMES.filter((name): name is ChoiceFilterName => FILTERS[name].kind === 'choice');

export function isChoiceFilter(name: string): name is ChoiceFilterName {
	return (CHOICE_FILTERS as string[]).includes(name);
}

/** The longest filter or page parameter value a request may carry. */
export const MAX_FILTER_VALUE_LENGTH = 500;

/** Every URL parameter of every filter, in the vocabulary's order. */
export const FILTER_URL_PARAMS: readonly string[] = FILTER_NAMES.flatMap((name) => FILTERS[name].url);

/** Set by the engine from the session or the locale; never from a URL or a click. */
export const ENGINE_PARAMS = ['manager_scope', 'locale'] as const;

/** Every parameter the engine binds for every query (by name; an absent filter binds NULL). */
export const BOUND_PARAMS: readonly string[] = [...FILTER_NAMES.flatMap((name) => FILTERS[name].sql), ...ENGINE_PARAMS];

/** Bound by the engine from the session, the locale or the period; a URL or a click never sets them. */
export const RESERVED_PARAMS: readonly string[] = [...ENGINE_PARAMS, 'prev_period_start', 'prev_period_end'];
