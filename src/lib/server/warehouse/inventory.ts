import type { Warehouse } from './warehouse.ts';

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
export async function warehouseInventory(warehouse: Warehouse, limit = 50) {
	const [files, tables, builds] = await Promise.all([
		warehouse.query<LoadedFile>(
			`select file_id, name, family, entity, encoding, rows_read, rows_loaded, rows_rejected, status, message,
				strftime(finished_at, '%Y-%m-%d %H:%M:%S') as finished_at
			 from audit.files order by file_id desc limit $1`,
			[limit]
		),
		warehouse.query<TableCount>(
			`select schema_name as schema, table_name as "table", estimated_size as rows
			 from duckdb_tables() where schema_name in ('raw', 'staging', 'intermediate', 'marts') and not temporary
			 order by schema_name, table_name`
		),
		warehouse.query<BuildSummary>(
			`select build_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at,
				strftime(finished_at, '%Y-%m-%d %H:%M:%S') as finished_at, status, models_total, models_ok,
				tests_total, tests_failed, message
			 from audit.builds order by build_id desc limit 10`
		)
	]);
	return { files, tables, builds };
}

export type WarehouseInventory = Awaited<ReturnType<typeof warehouseInventory>>;
