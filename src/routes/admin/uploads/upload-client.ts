import { CSRF_HEADER } from '$lib/auth/csrf.ts';
import type { FilePreview } from '$lib/server/ingest/preview.ts';
import type { MappingList, MappingSummary, PublishHold, RebuildSummary, SourceFamily, UploadPreview, UploadResult } from '$lib/server/uploads/index.ts';

export type { FilePreview, MappingList, MappingSummary, PublishHold, RebuildSummary, SourceFamily, UploadPreview, UploadResult };

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

export class UploadFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** The server's own Russian sentence, when it words the error itself (a cost limit). */
		readonly ru?: string
	) {
		super(message);
	}
}

function failure(status: number, text: string): UploadFailure {
	try {
		const body = JSON.parse(text) as { error?: { code: string; message: string; ru?: string } };
		return new UploadFailure(status, body.error?.code ?? `http_${status}`, body.error?.message ?? text, body.error?.ru);
	} catch {
		return new UploadFailure(status, `http_${status}`, text || `HTTP ${status}`);
	}
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
		xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(JSON.parse(xhr.responseText) as UploadPreview) : reject(failure(xhr.status, xhr.responseText)));
		xhr.onerror = () => reject(new UploadFailure(0, 'network', 'the upload was interrupted'));
		xhr.send(file);
	});
}

async function json<T>(response: Response): Promise<T> {
	const text = await response.text();
	if (!response.ok) throw failure(response.status, text);
	return JSON.parse(text) as T;
}

export function uploadsApi(csrf: string | null) {
	const headers = (extra: Record<string, string> = {}) => (csrf ? { ...extra, [CSRF_HEADER]: csrf } : extra);
	return {
		limits: async () => json<UploadLimits>(await fetch('/api/uploads')),
		/** As detected (or by a saved mapping), or read as the reading says. */
		preview: async (id: string, reading: Reading | null) =>
			json<UploadPreview>(
				reading
					? await fetch(`/api/uploads/${id}/preview`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(reading) })
					: await fetch(`/api/uploads/${id}/preview`)
			),
		ingest: async (id: string, reading: Reading | null) =>
			json<UploadResult>(await fetch(`/api/uploads/${id}/ingest`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(reading ?? {}) })),
		saveMapping: async (id: string, mapping: { name: string; entity: string; columns: Record<string, string> }) =>
			json<{ mapping: MappingSummary; replaced: string[] }>(
				await fetch(`/api/uploads/${id}/mapping`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(mapping) })
			),
		mappings: async () => json<MappingList>(await fetch('/api/uploads/mappings')),
		deleteMapping: async (id: string) => {
			const response = await fetch(`/api/uploads/mappings/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers() });
			if (!response.ok) await json(response);
		},
		discard: async (id: string) => {
			const response = await fetch(`/api/uploads/${id}`, { method: 'DELETE', headers: headers() });
			if (!response.ok) await json(response);
		},
		rebuild: async () => json<RebuildSummary>(await fetch('/api/uploads/rebuild', { method: 'POST', headers: headers() })),
		holds: async () => json<PublishHold[]>(await fetch('/api/uploads/holds')),
		confirmHolds: async () => json<RebuildSummary>(await fetch('/api/uploads/holds/confirm', { method: 'POST', headers: headers() }))
	};
}
