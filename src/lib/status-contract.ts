/**
 * What GET /api/status answers: the home page reads it, the server fills it
 * (src/lib/server/warehouse/inventory.ts). Shared with the client, so no server code here.
 */

export interface LoadedFile {
	file_id: number;
	name: string;
	family: string | null;
	entity: string | null;
	encoding: string | null;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	status: string;
	message: string | null;
	finished_at: string | null;
	/** What the file holds in words, from the ingest job (GET /api/status adds it). */
	source_title?: { ru: string; en: string } | null;
}

export interface TableCount {
	schema: string;
	table: string;
	rows: number;
}

export interface BuildSummary {
	build_id: number;
	started_at: string;
	finished_at: string | null;
	status: string;
	models_total: number | null;
	models_ok: number | null;
	tests_total: number | null;
	tests_failed: number | null;
	message: string | null;
}

/** What is in the warehouse: recent loads, row counts per table, recent builds. */
export interface WarehouseInventory {
	files: LoadedFile[];
	tables: TableCount[];
	builds: BuildSummary[];
}
