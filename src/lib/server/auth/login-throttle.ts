import { INTEGER, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { plainValueConverter, type Warehouse } from '../warehouse/index.ts';
import { fromSqlTimestamp, toSqlTimestamp } from './clock.ts';

/**
 * Login lock-out, kept in app.login_throttle so it survives a restart. Failures are
 * counted per username and per client address; from the threshold on, each further
 * failure locks the key for twice as long (1 min, 2, 4 … capped at 1 h). Failures
 * are forgotten after an hour without one. An address gets a higher threshold than a
 * username because an office shares one address.
 */
export interface ThrottleKey {
	key: string;
	threshold: number;
}

export const USERNAME_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 20;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export function throttleKeys(username: string, ip: string | null): ThrottleKey[] {
	const keys = [{ key: `user:${username.trim().toLowerCase()}`, threshold: USERNAME_THRESHOLD }];
	if (ip) keys.push({ key: `ip:${ip}`, threshold: ADDRESS_THRESHOLD });
	return keys;
}

/** How long the lock after `failures` failures lasts (0 below the threshold). */
export function lockMilliseconds(failures: number, threshold: number): number {
	if (failures < threshold) return 0;
	return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS);
}

interface ThrottleRow {
	key: string;
	failures: number;
	last_failure_at: string;
	locked_until: string | null;
}

async function rowsFor(warehouse: Warehouse, keys: ThrottleKey[]): Promise<Map<string, ThrottleRow>> {
	const rows = await warehouse.withConnection(async (connection) => {
		const reader = await connection.runAndReadAll(
			'select * from app.login_throttle where list_contains($1::varchar[], key)',
			[listValue(keys.map((k) => k.key))],
			[LIST(VARCHAR)]
		);
		return reader.convertRowObjects(plainValueConverter) as unknown as ThrottleRow[];
	});
	return new Map(rows.map((row) => [row.key, row]));
}

/** Seconds until every given key is unlocked, or 0 when none is locked now. */
export async function lockedForSeconds(warehouse: Warehouse, keys: ThrottleKey[], now: Date): Promise<number> {
	let until = 0;
	for (const row of (await rowsFor(warehouse, keys)).values()) {
		if (row.locked_until) until = Math.max(until, fromSqlTimestamp(row.locked_until).getTime());
	}
	return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failed login against every key; returns the lock it started in seconds (0: none). */
export async function recordLoginFailure(warehouse: Warehouse, keys: ThrottleKey[], now: Date): Promise<number> {
	const previous = await rowsFor(warehouse, keys);
	const next = keys.map(({ key, threshold }) => {
		const row = previous.get(key);
		const stillLocked = row?.locked_until ? fromSqlTimestamp(row.locked_until) > now : false;
		const forgotten = !row || (!stillLocked && now.getTime() - fromSqlTimestamp(row.last_failure_at).getTime() > FORGET_AFTER_MS);
		const failures = forgotten ? 1 : row.failures + 1;
		const lockMs = lockMilliseconds(failures, threshold);
		return { key, failures, lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null };
	});
	await warehouse.withConnection((connection) =>
		connection.run(
		`insert into app.login_throttle (key, failures, last_failure_at, locked_until)
		 select unnest($1::varchar[]), unnest($2::integer[]), $3::timestamp, unnest($4::varchar[])::timestamp
		 on conflict (key) do update set failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
		[
			listValue(next.map((n) => n.key)),
			listValue(next.map((n) => n.failures)),
			toSqlTimestamp(now),
			listValue(next.map((n) => (n.lockedUntil ? toSqlTimestamp(n.lockedUntil) : null)))
		],
		[LIST(VARCHAR), LIST(INTEGER), VARCHAR, LIST(VARCHAR)]
		)
	);
	const longest = Math.max(0, ...next.map((n) => (n.lockedUntil ? n.lockedUntil.getTime() - now.getTime() : 0)));
	return Math.ceil(longest / 1000);
}

/** A successful login clears its username's count (the address keeps its own, so one good account cannot reset it). */
export async function clearLoginFailures(warehouse: Warehouse, username: string): Promise<void> {
	await warehouse.run('delete from app.login_throttle where key = $1', [throttleKeys(username, null)[0].key]);
}
