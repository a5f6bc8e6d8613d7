import type { Warehouse } from './warehouse.ts';
import type { BuildSummary, LoadedFile, TableCount, WarehouseInventory } from '../../status-contract.ts';

export type { BuildSummary, LoadedFile, TableCount, WarehouseInventory };

/** What is in the warehouse: recent loads, row counts per table, recent builds. */
export async function warehouseInventory(warehouse: Warehouse, limit = 50): Promise<WarehouseInventory> {
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
