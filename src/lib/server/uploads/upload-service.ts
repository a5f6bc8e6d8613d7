import { ApiError } from '../api/errors.ts';
import { logAccess } from '../auth/access-log.ts';
import type { OborotPaths } from '../config/paths.ts';
import { IngestFileError, ingestFiles, previewFile, type FilePreview, type FileResult } from '../ingest/index.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { rejectedRowsOf, type RejectedRow } from './rejected-rows.ts';
import { readUpload, removeUpload, type StoredUpload } from './upload-store.ts';

/** The same bytes loaded before: the preview says so before anyone confirms. */
export interface PreviousLoad {
	fileId: number;
	name: string;
	family: string | null;
	entity: string | null;
	loadedAt: string;
	rowsLoaded: number;
}

export interface UploadPreview {
	upload: Omit<StoredUpload, 'file'>;
	preview: FilePreview;
	previous: PreviousLoad | null;
}

export interface UploadResult {
	upload: Omit<StoredUpload, 'file'>;
	result: Omit<FileResult, 'file' | 'samples' | 'timings'>;
	/** Rows of this file in audit.rejected_rows (first 200) and how many there are. */
	rejected: RejectedRow[];
	rejectedTotal: number;
	/** Something new landed in raw: the models should be rebuilt to show it. */
	rebuildSuggested: boolean;
}

function publicUpload(upload: StoredUpload): Omit<StoredUpload, 'file'> {
	const { file: _file, ...rest } = upload;
	return rest;
}

export async function previousLoad(warehouse: Warehouse, sha256: string): Promise<PreviousLoad | null> {
	const rows = await warehouse.query<{ file_id: number; name: string; family: string | null; entity: string | null; started_at: string; rows_loaded: number }>(
		`select file_id, name, family, entity, started_at::varchar as started_at, rows_loaded from audit.files
		where hash = $1 and status = 'loaded' order by file_id limit 1`,
		[sha256]
	);
	const row = rows[0];
	return row ? { fileId: row.file_id, name: row.name, family: row.family, entity: row.entity, loadedAt: row.started_at, rowsLoaded: row.rows_loaded } : null;
}

/** What ingest would do with the upload (detected family, entity, dialect, mapping, first rows). */
export async function previewUpload(paths: OborotPaths, warehouse: Warehouse, id: string, options: { entity?: string } = {}): Promise<UploadPreview> {
	const upload = readUpload(paths, id);
	let preview: FilePreview;
	try {
		preview = await previewFile(paths, upload.file, { entity: options.entity, rows: 20 });
	} catch (error) {
		if (error instanceof IngestFileError) throw new ApiError(422, 'not_an_export', `«${upload.name}»: ${error.message}`);
		throw error;
	}
	return { upload: publicUpload(upload), preview, previous: await previousLoad(warehouse, upload.sha256) };
}

/** Loads the confirmed upload with the real ingest engine, then forgets the temp copy. */
export async function ingestUpload(
	paths: OborotPaths,
	warehouse: Warehouse,
	id: string,
	options: { entity?: string; actor: string; ip?: string | null }
): Promise<UploadResult> {
	const upload = readUpload(paths, id);
	const [result] = await ingestFiles(warehouse, paths, [upload.file], { entity: options.entity, actor: `${options.actor} (web upload)` });
	const { file: _file, samples: _samples, timings: _timings, ...summary } = result;
	const rejected = result.fileId !== undefined ? await rejectedRowsOf(warehouse, result.fileId) : { rows: [], total: 0 };
	await logAccess(warehouse, {
		username: options.actor,
		action: 'upload',
		target: upload.name,
		status: result.status,
		ip: options.ip ?? null,
		detail: JSON.stringify({ fileId: result.fileId ?? null, family: result.family ?? null, entity: result.entity ?? null, read: result.read, loaded: result.loaded, rejected: result.rejected })
	});
	// A failed file stays for a day, so the admin can retry it with another entity.
	if (result.status !== 'failed') removeUpload(paths, id);
	return {
		upload: publicUpload(upload),
		result: { ...summary, name: upload.name },
		rejected: rejected.rows,
		rejectedTotal: rejected.total,
		rebuildSuggested: result.status === 'loaded' && (result.loaded > 0 || result.replaced > 0)
	};
}
