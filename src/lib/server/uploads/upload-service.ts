import { DomainError } from '../errors.ts';
import { logAccess } from '../auth/access-log.ts';
import type { OborotPaths } from '../config/paths.ts';
import {
	completeHandMapping,
	IngestFileError,
	ingestFiles,
	IngestLimitError,
	loadJobs,
	MappingError,
	previewFile,
	type DateOrder,
	type DialectOverride,
	type FilePreview,
	type FileResult,
	type HandMapping
} from '../ingest/index.ts';
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
	/** How ingest would read the file; null when it recognised no export (then `unrecognized` says why). */
	preview: FilePreview | null;
	/** Why detection found no entity: the page then asks what the file is and offers the mapping by hand. */
	unrecognized: string | null;
	previous: PreviousLoad | null;
}

/**
 * How the admin wants the upload read: an entity (its aliases decide), or an entity and
 * columns mapped by hand; and the order of its slash dates when the admin chose one.
 */
export interface UploadReading {
	entity?: string;
	mapping?: HandMapping;
	dateOrder?: DateOrder;
}

/** The dialect the admin fixed on the page: only the order of slash dates so far. */
export function readingOverrides(reading: UploadReading): DialectOverride | undefined {
	return reading.dateOrder ? { date_order: reading.dateOrder } : undefined;
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

/**
 * What ingest would do with the upload (detected or mapped family, entity, dialect,
 * columns, first rows, rows that would be rejected). A file detection cannot place is kept
 * with `preview: null`, so the admin can say what it is and map its columns by hand; a
 * wrong hand mapping throws MappingError.
 */
export async function previewUpload(paths: OborotPaths, warehouse: Warehouse, id: string, reading: UploadReading = {}): Promise<UploadPreview> {
	const upload = readUpload(paths, id);
	const previous = await previousLoad(warehouse, upload.sha256);
	try {
		const preview = await previewFile(paths, upload.file, { entity: reading.entity, mapping: reading.mapping, overrides: readingOverrides(reading), rows: 20 });
		return { upload: publicUpload(upload), preview, unrecognized: null, previous };
	} catch (error) {
		if (error instanceof IngestLimitError) throw limitRefusal(upload.name, error);
		if (error instanceof MappingError || !(error instanceof IngestFileError)) throw error;
		if (reading.entity || reading.mapping || reading.dateOrder) throw new DomainError('unusable', 'not_an_export', `«${upload.name}»: ${error.message}`);
		return { upload: publicUpload(upload), preview: null, unrecognized: error.message, previous };
	}
}

/** A file over a cost limit: 413 when it is too large, 422 when no genuine export looks like it. */
function limitRefusal(name: string, error: { code: string; kind: IngestLimitError['kind']; message: string; ru: string }): DomainError {
	return new DomainError(error.kind === 'too_large' ? 'too_large' : 'unusable', error.code, `«${name}»: ${error.message}`, { ru: `«${name}»: ${error.ru}` });
}

/** Loads the confirmed upload with the real ingest engine, then forgets the temp copy. */
export async function ingestUpload(
	paths: OborotPaths,
	warehouse: Warehouse,
	id: string,
	options: UploadReading & { actor: string; ip?: string | null }
): Promise<UploadResult> {
	const upload = readUpload(paths, id);
	// a hand mapping that leaves out a needed column is refused here, before anything is recorded
	if (options.mapping?.columns) completeHandMapping(loadJobs(paths.ingestJobs), { entity: options.mapping.entity, columns: options.mapping.columns });
	const [result] = await ingestFiles(warehouse, paths, [upload.file], {
		entity: options.entity,
		mapping: options.mapping,
		overrides: readingOverrides(options),
		actor: `${options.actor} (web upload)`
	});
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
	// A failed file stays for a day, so the admin can retry it with another entity; one over a limit cannot be retried.
	if (result.status !== 'failed' || result.limit) removeUpload(paths, id);
	if (result.limit) throw limitRefusal(upload.name, { ...result.limit, message: result.message ?? '' });
	return {
		upload: publicUpload(upload),
		result: { ...summary, name: upload.name },
		rejected: rejected.rows,
		rejectedTotal: rejected.total,
		rebuildSuggested: result.status === 'loaded' && (result.loaded > 0 || result.replaced > 0)
	};
}
