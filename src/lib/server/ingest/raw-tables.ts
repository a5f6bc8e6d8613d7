import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent, quoteLiteral, type Warehouse } from '../warehouse/index.ts';
import { allEntities } from './job-spec.ts';
import { sqlType, typedLiteralSql } from './value-sql.ts';
import type { EntitySpec, JobSpec } from './types.ts';

export const LINEAGE_COLUMNS = [
	{ name: '_file_id', type: 'BIGINT' },
	{ name: '_row_no', type: 'BIGINT' },
	{ name: '_loaded_at', type: 'TIMESTAMP' }
] as const;

export interface RawTablesReport {
	created: string[];
	/** table.column added because a job file gained a column. */
	added: string[];
	/** Columns whose declared type no longer matches the table (left as they are). */
	typeMismatches: string[];
}

function wantedColumns(entity: EntitySpec): { name: string; type: string; fill?: string }[] {
	const columns = entity.columns.map((c) => ({
		name: c.name,
		type: sqlType(c.type),
		// a key part with a default: never NULL in raw, or the merge could not match the row
		fill: c.default !== undefined && !c.ordinalInKey && entity.key.includes(c.name) ? typedLiteralSql(c.type, c.default) : undefined
	}));
	const lineage = LINEAGE_COLUMNS.map((c) => ({ name: c.name, type: c.type as string }));
	return entity.keepUnmapped ? [...columns, ...lineage, { name: '_extra', type: 'JSON' }] : [...columns, ...lineage];
}

async function existingColumns(connection: DuckDBConnection, table: string): Promise<Map<string, string>> {
	const reader = await connection.runAndReadAll(
		`select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = ${quoteLiteral(table)}`
	);
	return new Map(reader.getRows().map(([name, type]) => [String(name), String(type)]));
}

/**
 * Creates raw.<family>_<entity> for every entity of the jobs, loaded or not, so models
 * build on an empty source; adds columns a job file gained since. A changed type is
 * reported, not altered: the rows already landed would have to be re-read.
 */
export async function ensureRawTables(warehouse: Warehouse, jobs: JobSpec[]): Promise<RawTablesReport> {
	const report: RawTablesReport = { created: [], added: [], typeMismatches: [] };
	await warehouse.transaction(async (connection) => {
		await connection.run('create schema if not exists raw');
		for (const entity of allEntities(jobs)) {
			const table = qualified('raw', entity.table);
			const wanted = wantedColumns(entity);
			const existing = await existingColumns(connection, entity.table);
			if (existing.size === 0) {
				await connection.run(`create table ${table} (${wanted.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
				report.created.push(`raw.${entity.table}`);
				continue;
			}
			for (const column of wanted) {
				const type = existing.get(column.name);
				if (type === undefined) {
					await connection.run(`alter table ${table} add column ${quoteIdent(column.name)} ${column.type}`);
					report.added.push(`raw.${entity.table}.${column.name}`);
				} else if (type.toUpperCase() !== column.type.toUpperCase()) {
					report.typeMismatches.push(`raw.${entity.table}.${column.name}: table has ${type}, job file says ${column.type}`);
				}
			}
			// Rows landed before a key column existed, or before it had a default, lack it: they get the
			// default, as a file without the column would. (One update after the alters: DuckDB fails the
			// commit of several ALTER … ADD COLUMN … DEFAULT on one table in one transaction.)
			const fills = wanted.filter((c) => c.fill);
			if (fills.length) {
				await connection.run(`update ${table} set ${fills.map((c) => `${quoteIdent(c.name)} = coalesce(${quoteIdent(c.name)}, ${c.fill})`).join(', ')}
					where ${fills.map((c) => `${quoteIdent(c.name)} is null`).join(' or ')}`);
			}
		}
	});
	return report;
}
