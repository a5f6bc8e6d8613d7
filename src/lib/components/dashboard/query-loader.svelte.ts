import { readJson } from '$lib/api-failure.ts';
import { failureLine } from '$lib/i18n/failure-text.ts';
import type { Locale } from '$lib/i18n/messages.ts';
import type { QueryResult } from '../../dashboards/contract.ts';

/** One query under one set of filters, as the tiles showing it see it. */
export class QueryState {
	status = $state<'loading' | 'ok' | 'error'>('loading');
	result = $state.raw<QueryResult | null>(null);
	error = $state<string | null>(null);
}

export type QueryKind = 'queries' | 'drill';

export function queryUrl(dashboardId: string, kind: QueryKind, query: string, search: URLSearchParams, format: 'json' | 'csv' = 'json'): string {
	const text = search.toString();
	const name = format === 'csv' ? `${query}.csv` : query;
	return `/api/dashboards/${encodeURIComponent(dashboardId)}/${kind}/${encodeURIComponent(name)}${text ? `?${text}` : ''}`;
}

const MAX_CACHED = 200;

/**
 * Fetches dashboard queries for the page, once per query and filters: three KPI tiles
 * on one query make one request, and going back to an earlier filter is instant.
 */
export class QueryLoader {
	// A plain Map on purpose: the cache itself is not shown; each QueryState is reactive.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #cache = new Map<string, QueryState>();

	constructor(
		readonly dashboardId: string,
		/** The language errors are told in (a loader serves one language). */
		private readonly locale: Locale,
		private readonly fetcher: typeof fetch = (...args) => fetch(...args)
	) {}

	load(kind: QueryKind, query: string, search: URLSearchParams): QueryState {
		const url = queryUrl(this.dashboardId, kind, query, search);
		const cached = this.#cache.get(url);
		if (cached && cached.status !== 'error') return cached;
		const state = new QueryState();
		// Server rendering shows skeletons; the browser fetches once the page is live.
		if (typeof window === 'undefined') return state;
		this.#cache.set(url, state);
		if (this.#cache.size > MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value as string);
		this.fetcher(url, { headers: { accept: 'application/json' } })
			.then(async (response) => {
				state.result = await readJson<QueryResult>(response);
				state.status = 'ok';
			})
			.catch((error: unknown) => {
				state.error = failureLine(this.locale, error);
				state.status = 'error';
			});
		return state;
	}
}
