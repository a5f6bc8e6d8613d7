import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/index.ts';
import { systemClock, toSqlTimestamp, type Clock } from './clock.ts';

/**
 * One line of audit.access_log: who did what to which thing, and how it ended.
 * Actions used so far: 'login', 'login_failed', 'logout', 'export'; add your own
 * (e.g. 'upload', 'user_add') rather than overloading these.
 */
export interface AccessEntry {
	username: string | null;
	action: string;
	/** What was acted on: a segment name, a file, a username. */
	target?: string | null;
	/** 'ok', 'denied', 'locked', 'error', or an HTTP status as text. */
	status?: string | null;
	ip?: string | null;
	/** Free text or JSON: row count, reason, user agent. */
	detail?: string | null;
}

const COLUMNS = ['username', 'action', 'target', 'status', 'ip', 'detail'] as const;

/**
 * Appends entries to audit.access_log in one statement, however many (an export job can
 * log a batch). Pass a connection to write inside the caller's transaction. Times are UTC.
 */
export async function logAccess(
	target: Warehouse | DuckDBConnection,
	entries: AccessEntry | readonly AccessEntry[],
	clock: Clock = systemClock
): Promise<void> {
	const list = Array.isArray(entries) ? (entries as readonly AccessEntry[]) : [entries as AccessEntry];
	if (list.length === 0) return;
	for (const entry of list) if (!entry.action) throw new Error('logAccess: every entry needs an action');
	const columnLists = COLUMNS.map((column) => listValue(list.map((entry) => (entry[column] ?? null) as string | null)));
	const sql = `insert into audit.access_log (created_at, ${COLUMNS.join(', ')})
		select $1::timestamp, ${COLUMNS.map((_, i) => `unnest($${i + 2}::varchar[])`).join(', ')}`;
	const params = [toSqlTimestamp(clock()), ...columnLists];
	const types = [VARCHAR, ...COLUMNS.map(() => LIST(VARCHAR))];
	if ('withConnection' in target) {
		await target.withConnection(async (connection) => {
			await connection.run(sql, params, types);
		});
	} else {
		await target.run(sql, params, types);
	}
}
