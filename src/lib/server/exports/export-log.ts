import { logAccess } from '../auth/access-log.ts';
import { systemClock, toSqlTimestamp, type Clock } from '../auth/clock.ts';
import type { Warehouse } from '../warehouse/index.ts';

export interface ExportRecord {
	username: string;
	segment: string;
	format: 'csv' | 'xlsx';
	channel: string;
	rowCount: number;
	via: 'web' | 'cli';
	ip?: string | null;
}

/** An export that finished: one row in audit.exports and an 'export' line in audit.access_log, together. */
export async function logExport(warehouse: Warehouse, record: ExportRecord, clock: Clock = systemClock): Promise<void> {
	const now = clock();
	await warehouse.transaction(async (connection) => {
		await connection.run(
			`insert into audit.exports (created_at, username, segment, format, row_count, via) values ($1::timestamp, $2, $3, $4, $5, $6)`,
			[toSqlTimestamp(now), record.username, record.segment, record.format, record.rowCount, record.via]
		);
		await logAccess(
			connection,
			{
				username: record.username,
				action: 'export',
				target: record.segment,
				status: 'ok',
				ip: record.ip ?? null,
				detail: JSON.stringify({ format: record.format, channel: record.channel, rows: record.rowCount, via: record.via })
			},
			() => now
		);
	});
}

/** An export that failed or was abandoned half-way: only the access log hears of it. */
export async function logFailedExport(warehouse: Warehouse, record: Omit<ExportRecord, 'rowCount'> & { reason: string }, clock: Clock = systemClock): Promise<void> {
	await logAccess(
		warehouse,
		{
			username: record.username,
			action: 'export',
			target: record.segment,
			status: 'error',
			ip: record.ip ?? null,
			detail: JSON.stringify({ format: record.format, channel: record.channel, via: record.via, reason: record.reason })
		},
		clock
	);
}

export interface ExportHistoryRow {
	export_id: number;
	created_at: string;
	username: string;
	segment: string;
	format: string;
	row_count: number;
	via: string;
}

export async function recentExports(warehouse: Warehouse, options: { segment?: string; limit?: number } = {}): Promise<ExportHistoryRow[]> {
	const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 50)), 500);
	return warehouse.query<ExportHistoryRow>(
		`select export_id, created_at, username, segment, format, row_count, via from audit.exports
		where $1::varchar is null or lower(segment) = lower($1) order by export_id desc limit ${limit}`,
		[options.segment ?? null]
	);
}
