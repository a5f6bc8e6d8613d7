/**
 * Filters live in the page URL (shareable; a reload keeps the view). The API reads the
 * same parameter names (the vocabulary's), so tiles pass the page's query string on unchanged.
 */
import { FILTER_URL_PARAMS } from '../../dashboards/filters.ts';

/**
 * The page's filters and the dashboard's own page parameters (customer_id …), in a
 * stable order, so one view is one cache key; anything else in the URL is left out.
 */
export function filterSearch(search: URLSearchParams, pageParams: readonly string[] = []): URLSearchParams {
	const result = new URLSearchParams();
	for (const name of [...FILTER_URL_PARAMS, ...pageParams]) {
		const value = search.get(name);
		if (value) result.set(name, value);
	}
	return result;
}

/** A preset replaces any custom dates. */
export function withPeriodPreset(search: URLSearchParams, preset: string): URLSearchParams {
	const next = new URLSearchParams(search);
	next.delete('period_start');
	next.delete('period_end');
	next.set('period', preset);
	return next;
}

export function withCustomPeriod(search: URLSearchParams, start: string, end: string): URLSearchParams {
	const next = new URLSearchParams(search);
	next.set('period', 'custom');
	next.set('period_start', start);
	next.set('period_end', end);
	return next;
}

/** Sets filters or page parameters; an empty value removes one (all). */
export function withValues(search: URLSearchParams, values: Record<string, string | null>): URLSearchParams {
	const next = new URLSearchParams(search);
	for (const [name, value] of Object.entries(values)) {
		if (value) next.set(name, value);
		else next.delete(name);
	}
	return next;
}

/** `?a=1` or '' for an empty search. */
export function asQuery(search: URLSearchParams): string {
	const text = search.toString();
	return text ? `?${text}` : '';
}
