import type { Warehouse } from '../warehouse/index.ts';

export interface PreviousLoad {
	fileId: number;
	loadedAt: string;
	name: string;
}

/** The earlier successful load of the same bytes into the same entity, if any. */
export async function findPreviousLoad(warehouse: Warehouse, hash: string, family: string, entity: string): Promise<PreviousLoad | undefined> {
	const rows = await warehouse.query<{ file_id: number; started_at: string; name: string }>(
		`select file_id, started_at, name from audit.files
		where hash = $1 and family = $2 and entity = $3 and status = 'loaded' order by file_id limit 1`,
		[hash, family, entity]
	);
	const row = rows[0];
	return row ? { fileId: row.file_id, loadedAt: row.started_at, name: row.name } : undefined;
}

export interface FailedFile {
	hash: string;
	name: string;
	path: string;
	sizeBytes: number | null;
	family: string | null;
	entity: string | null;
	encoding: string | null;
	dialect: unknown;
	message: string;
	startedAt: Date;
	actor: string;
}

function iso(date: Date): string {
	return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A file that could not be loaded at all: recorded after the rollback, in its own small transaction. */
export async function recordFailure(warehouse: Warehouse, failed: FailedFile): Promise<number> {
	return warehouse.transaction(async (connection) => {
		const reader = await connection.runAndReadAll(
			`insert into audit.files (hash, name, path, size_bytes, family, entity, encoding, dialect, status, message, started_at, finished_at, loaded_by)
			values ($1, $2, $3, $4, $5, $6, $7, $8::JSON, 'failed', $9, $10::TIMESTAMP, $11::TIMESTAMP, $12) returning file_id`,
			[
				failed.hash,
				failed.name,
				failed.path,
				failed.sizeBytes,
				failed.family,
				failed.entity,
				failed.encoding,
				failed.dialect === undefined || failed.dialect === null ? null : JSON.stringify(failed.dialect),
				failed.message,
				iso(failed.startedAt),
				iso(new Date()),
				failed.actor
			]
		);
		return Number(reader.getRows()[0][0]);
	});
}

export interface RejectSample {
	rowNo: number;
	reason: string;
}

export async function rejectSamples(warehouse: Warehouse, fileId: number, limit = 5): Promise<RejectSample[]> {
	const rows = await warehouse.query<{ row_no: number; reason: string }>(
		`select row_no, reason from audit.rejected_rows where file_id = $1 order by row_no limit ${Math.max(0, Math.floor(limit))}`,
		[fileId]
	);
	return rows.map((r) => ({ rowNo: r.row_no, reason: r.reason }));
}
