/**
 * Filters live in the page URL (shareable; a reload keeps the view). The API reads the
 * same parameter names, so tiles pass the page's query string on unchanged.
 */
export const FILTER_PARAMS = ['period', 'period_start', 'period_end', 'channel', 'manager', 'category', 'city'] as const;

/** The page's filter parameters only, in a stable order (one cache key per view). */
export function filterSearch(search: URLSearchParams): URLSearchParams {
	const result = new URLSearchParams();
	for (const name of FILTER_PARAMS) {
		const value = search.get(name);
		if (value) result.set(name, value);
	}
	return result;
}

/** A preset replaces any custom dates; 'custom' keeps the dates until both are chosen. */
export function withPeriodPreset(search: URLSearchParams, preset: string): URLSearchParams {
	const next = filterSearch(search);
	next.delete('period_start');
	next.delete('period_end');
	next.set('period', preset);
	return next;
}

export function withCustomPeriod(search: URLSearchParams, start: string, end: string): URLSearchParams {
	const next = filterSearch(search);
	next.set('period', 'custom');
	next.set('period_start', start);
	next.set('period_end', end);
	return next;
}

/** Sets one choice filter; an empty value removes it (all). */
export function withChoice(search: URLSearchParams, name: string, value: string | null): URLSearchParams {
	const next = filterSearch(search);
	if (value) next.set(name, value);
	else next.delete(name);
	return next;
}

/** `?a=1` or '' for an empty search. */
export function asQuery(search: URLSearchParams): string {
	const text = search.toString();
	return text ? `?${text}` : '';
}
