import { ApiFailure, ensureOk, failureOf, readJson } from '$lib/api-failure.ts';
import { CSRF_HEADER } from '$lib/auth/csrf.ts';
import type { DateOrder, DateOrderDecision } from '$lib/server/ingest/index.ts';
import type { FilePreview } from '$lib/server/ingest/preview.ts';
import type { MappingList, MappingSummary, PublishHold, RebuildSummary, SourceFamily, UploadPreview, UploadResult } from '$lib/server/uploads/index.ts';

export type { DateOrder, DateOrderDecision, FilePreview, MappingList, MappingSummary, PublishHold, RebuildSummary, SourceFamily, UploadPreview, UploadResult };

export interface UploadLimits {
	maxBytes: number;
	extensions: string[];
	/** Every entity a file can be read as, by family. */
	sources: SourceFamily[];
}

/** How the admin wants the file read: an entity, and the columns mapped by hand (null: the entity's aliases decide). */
export interface Reading {
	entity: string;
	columns: Record<string, string> | null;
}

/**
 * Sends the file as the raw request body (the server streams it to disk) with
 * XMLHttpRequest, which, unlike fetch, reports upload progress.
 */
export function uploadFile(file: File, csrf: string | null, onProgress: (fraction: number) => void): Promise<UploadPreview> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `/api/uploads?name=${encodeURIComponent(file.name)}`);
		if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
		xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(JSON.parse(xhr.responseText) as UploadPreview) : reject(failureOf(xhr.status, xhr.statusText, xhr.responseText)));
		xhr.onerror = () => reject(new ApiFailure(0, 'network', 'the upload was interrupted'));
		xhr.send(file);
	});
}

const ordered = (dateOrder: DateOrder | null) => (dateOrder ? { dateOrder } : {});

export function uploadsApi(csrf: string | null) {
	const headers = (extra: Record<string, string> = {}) => (csrf ? { ...extra, [CSRF_HEADER]: csrf } : extra);
	return {
		limits: async () => readJson<UploadLimits>(await fetch('/api/uploads')),
		/** As detected (or by a saved mapping), or read as the reading says; slash dates in the order chosen, if any. */
		preview: async (id: string, reading: Reading | null, dateOrder: DateOrder | null) =>
			readJson<UploadPreview>(
				reading
					? await fetch(`/api/uploads/${id}/preview`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ ...reading, ...ordered(dateOrder) }) })
					: await fetch(`/api/uploads/${id}/preview${dateOrder ? `?dateOrder=${dateOrder}` : ''}`)
			),
		ingest: async (id: string, reading: Reading | null, dateOrder: DateOrder | null) =>
			readJson<UploadResult>(
				await fetch(`/api/uploads/${id}/ingest`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ ...(reading ?? {}), ...ordered(dateOrder) }) })
			),
		saveMapping: async (id: string, mapping: { name: string; entity: string; columns: Record<string, string>; dateOrder?: DateOrder }) =>
			readJson<{ mapping: MappingSummary; replaced: string[] }>(
				await fetch(`/api/uploads/${id}/mapping`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(mapping) })
			),
		mappings: async () => readJson<MappingList>(await fetch('/api/uploads/mappings')),
		deleteMapping: async (id: string) => {
			const response = await fetch(`/api/uploads/mappings/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers() });
			await ensureOk(response);
		},
		discard: async (id: string) => {
			const response = await fetch(`/api/uploads/${id}`, { method: 'DELETE', headers: headers() });
			await ensureOk(response);
		},
		rebuild: async () => readJson<RebuildSummary>(await fetch('/api/uploads/rebuild', { method: 'POST', headers: headers() })),
		holds: async () => readJson<PublishHold[]>(await fetch('/api/uploads/holds')),
		confirmHolds: async () => readJson<RebuildSummary>(await fetch('/api/uploads/holds/confirm', { method: 'POST', headers: headers() }))
	};
}
