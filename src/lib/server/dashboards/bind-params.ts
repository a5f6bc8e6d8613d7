import { DomainError } from '../errors.ts';
import type { Dashboard, RequestFilters } from '../../dashboards/contract.ts';
import { CHOICE_FILTERS, MAX_FILTER_VALUE_LENGTH as MAX_VALUE_LENGTH, type ChoiceFilterName, type PeriodPreset } from '../../dashboards/filters.ts';
import { resolvePeriod } from './period.ts';

/** A filter, page or drill parameter the request sets that cannot be bound (wherever it is read). */
export class FilterError extends DomainError {
	constructor(message: string) {
		super('bad_input', 'bad_filter', message);
	}
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
