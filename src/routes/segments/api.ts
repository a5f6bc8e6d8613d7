import { ensureOk, readJson } from '$lib/api-failure.ts';
import { csrfHeaders } from '$lib/auth/csrf.ts';
import type { ExportHistoryRow } from '$lib/server/exports/export-log.ts';
import type { Choice, SegmentChoices } from '$lib/server/segments/choices.ts';
import type { SegmentDefinition } from '$lib/server/segments/definition.ts';
import type { SegmentPreview } from '$lib/server/segments/preview.ts';
import type { SegmentCounts } from '$lib/server/segments/segment-sql.ts';
import type { SavedSegment } from '$lib/server/segments/store.ts';

export type { Choice, ExportHistoryRow, SavedSegment, SegmentChoices, SegmentCounts, SegmentDefinition, SegmentPreview };

export const segmentUrl = (name: string) => `/api/segments/${encodeURIComponent(name)}`;

export interface SegmentInput {
	name: string;
	description: string | null;
	definition: SegmentDefinition;
}

/** The builder's calls; changes carry the page's CSRF token. */
export function segmentsApi(csrf: string | null, fetcher: typeof fetch = fetch) {
	const send = (method: string, url: string, body: unknown, signal?: AbortSignal) =>
		fetcher(url, { method, headers: csrfHeaders(csrf, { 'content-type': 'application/json' }), body: JSON.stringify(body), signal });
	return {
		preview: async (definition: SegmentDefinition, signal?: AbortSignal) => readJson<SegmentPreview>(await send('POST', '/api/segments/preview', { definition }, signal)),
		create: async (input: SegmentInput) => (await readJson<{ segment: SavedSegment }>(await send('POST', '/api/segments', input))).segment,
		update: async (name: string, input: SegmentInput) => (await readJson<{ segment: SavedSegment }>(await send('PUT', segmentUrl(name), input))).segment,
		remove: async (name: string) => {
			const response = await fetcher(segmentUrl(name), { method: 'DELETE', headers: csrfHeaders(csrf) });
			await ensureOk(response);
		},
		exports: async (name: string) =>
			(await readJson<{ exports: ExportHistoryRow[] }>(await fetcher(`/api/exports?segment=${encodeURIComponent(name)}`))).exports
	};
}

export function exportUrl(name: string, options: { format: 'csv' | 'xlsx'; channel: string; delimiter: 'comma' | 'semicolon' }): string {
	const search = new URLSearchParams({ format: options.format, channel: options.channel });
	if (options.format === 'csv') search.set('delimiter', options.delimiter);
	return `/api/exports/segments/${encodeURIComponent(name)}?${search}`;
}
