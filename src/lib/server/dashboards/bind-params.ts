import { DomainError } from '../errors.ts';
import { resolvePeriod, type Period, type PeriodPreset } from './period.ts';
import type { ChoiceFilterName, Dashboard } from './types.ts';

/** Parameters the engine binds for every query (by name; absent filters bind NULL). */
export const FILTER_PARAMS = [
	'period_start',
	'period_end',
	'prev_period_start',
	'prev_period_end',
	'channel',
	'manager',
	'category',
	'city',
	'search',
	'manager_scope',
	'locale'
];

/** Set by the engine from the session or the period; a URL or a click never sets them. */
export const RESERVED_PARAMS = ['manager_scope', 'locale', 'prev_period_start', 'prev_period_end'];

const CHOICE_FILTERS: ChoiceFilterName[] = ['channel', 'manager', 'category', 'city'];
const MAX_VALUE_LENGTH = 500;

/** A filter, page or drill parameter the request sets that cannot be bound (wherever it is read). */
export class FilterError extends DomainError {
	constructor(message: string) {
		super('bad_input', 'bad_filter', message);
	}
}

export interface RequestFilters {
	period: Period;
	choices: Record<ChoiceFilterName, string | null>;
	/** The search filter's text (trimmed), or null. */
	search: string | null;
	/** The dashboard's page parameters (e.g. customer_id), null when not set. */
	params: Record<string, string | null>;
}

function cleanValue(name: string, value: string | null): string | null {
	if (value === null || value === '') return null;
	if (value.length > MAX_VALUE_LENGTH) throw new FilterError(`${name} is longer than ${MAX_VALUE_LENGTH} characters`);
	return value;
}

/**
 * The filters a request asks for. Only the filters the dashboard declares are read;
 * the others stay NULL, so a stray ?city= cannot narrow a dashboard without a city filter.
 */
export function requestFilters(dashboard: Dashboard, url: URLSearchParams, today: string): RequestFilters {
	const declared = new Set(dashboard.filters.map((f) => f.name));
	const usesPeriod = declared.has('period');
	const period = resolvePeriod(
		usesPeriod ? { period: url.get('period'), start: url.get('period_start'), end: url.get('period_end') } : {},
		dashboard.defaultPeriod as PeriodPreset,
		today
	);
	const choices = Object.fromEntries(
		CHOICE_FILTERS.map((name) => [name, declared.has(name) ? cleanValue(name, url.get(name)) : null])
	) as Record<ChoiceFilterName, string | null>;
	const search = declared.has('search') ? cleanValue('search', url.get('search')?.trim() ?? null) : null;
	const params = Object.fromEntries(dashboard.params.map((name) => [name, cleanValue(name, url.get(name))]));
	return { period, choices, search, params };
}

/** Drill parameters a request may set for this query, read from the URL. */
export function requestDrillValues(dashboard: Dashboard, query: string, search: URLSearchParams): Record<string, string | null> {
	return Object.fromEntries((dashboard.drillParams[query] ?? []).map((name) => [name, cleanValue(name, search.get(name))]));
}

/** Every value a query may bind, by parameter name. */
export function paramValues(
	filters: RequestFilters,
	context: { managerScope: string | null; locale: 'ru' | 'en' },
	drill: Record<string, string | null> = {}
): Record<string, string | null> {
	return {
		period_start: filters.period.start,
		period_end: filters.period.end,
		prev_period_start: filters.period.prevStart,
		prev_period_end: filters.period.prevEnd,
		...filters.params,
		...filters.choices,
		search: filters.search,
		// A drill may narrow by a filter's name (channel → its customers); never the scope.
		...drill,
		manager_scope: context.managerScope,
		locale: context.locale
	};
}
