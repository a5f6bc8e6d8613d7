import { INTEGER, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { plainValueConverter, type Warehouse } from '../warehouse/index.ts';
import { fromSqlTimestamp, toSqlTimestamp } from './clock.ts';

/**
 * Login lock-out, kept in app.login_throttle so it survives a restart. Each failure
 * is counted three ways; from a count's threshold on, each further failure locks that
 * count for twice as long (1 min, 2, 4 … capped at 1 h):
 * - per username and address (5): one address guessing one account is locked;
 * - per address (20, an office shares one): one address guessing many accounts is locked;
 * - per username (5), from all addresses together: the username is slowed down, but
 *   only for addresses that have themselves failed for it. An address with no failure
 *   for the username is never held back by it, so strangers guessing from elsewhere
 *   cannot lock the owner out, and a spread-out guesser gets one try per new address.
 * A count is forgotten an hour after its last failure (once its lock is over); rows of
 * forgotten counts are deleted whenever a failure is written, so made-up usernames do
 * not pile up. `oborot users unlock` lifts locks by hand.
 */
export type ThrottleScope = 'pair' | 'address' | 'username';

export interface ThrottleKey {
	key: string;
	scope: ThrottleScope;
	threshold: number;
}

export const PAIR_THRESHOLD = 5;
export const USERNAME_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 20;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

const normalized = (username: string) => username.trim().toLowerCase();
const usernameKey = (username: string) => `user:${normalized(username)}`;
// JSON keeps the username (typed by anyone, any characters) apart from the address.
const pairPrefix = (username: string) => `pair:${JSON.stringify(normalized(username))}@`;

export function throttleKeys(username: string, ip: string | null): ThrottleKey[] {
	const keys: ThrottleKey[] = [
		{ key: `${pairPrefix(username)}${ip ?? ''}`, scope: 'pair', threshold: PAIR_THRESHOLD },
		{ key: usernameKey(username), scope: 'username', threshold: USERNAME_THRESHOLD }
	];
	if (ip) keys.push({ key: `ip:${ip}`, scope: 'address', threshold: ADDRESS_THRESHOLD });
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

const lockedAt = (row: ThrottleRow | undefined, now: Date) => (row?.locked_until ? fromSqlTimestamp(row.locked_until) > now : false);

function forgotten(row: ThrottleRow | undefined, now: Date): boolean {
	return !row || (!lockedAt(row, now) && now.getTime() - fromSqlTimestamp(row.last_failure_at).getTime() > FORGET_AFTER_MS);
}

/** The keys that hold back this attempt: the username's slow-down only when this address has failed for it. */
function applying(keys: ThrottleKey[], rows: Map<string, ThrottleRow>, now: Date): ThrottleKey[] {
	const pair = keys.find((k) => k.scope === 'pair');
	const addressFailed = pair ? !forgotten(rows.get(pair.key), now) : true;
	return keys.filter((k) => k.scope !== 'username' || addressFailed);
}

function secondsUntil(rows: Map<string, ThrottleRow>, keys: ThrottleKey[], now: Date): number {
	let until = 0;
	for (const { key } of keys) {
		const lockedUntil = rows.get(key)?.locked_until;
		if (lockedUntil) until = Math.max(until, fromSqlTimestamp(lockedUntil).getTime());
	}
	return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Seconds until an attempt with these keys may be checked, or 0 when none that applies is locked now. */
export async function lockedForSeconds(warehouse: Warehouse, keys: ThrottleKey[], now: Date): Promise<number> {
	const rows = await rowsFor(warehouse, keys);
	return secondsUntil(rows, applying(keys, rows, now), now);
}

/** Counts one failed login against every key; returns the lock it leaves on this address in seconds (0: none). */
export async function recordLoginFailure(warehouse: Warehouse, keys: ThrottleKey[], now: Date): Promise<number> {
	const previous = await rowsFor(warehouse, keys);
	const next = keys.map(({ key, threshold }) => {
		const row = previous.get(key);
		const failures = forgotten(row, now) ? 1 : row!.failures + 1;
		const lockMs = lockMilliseconds(failures, threshold);
		return { key, failures, lockedUntil: lockMs > 0 ? toSqlTimestamp(new Date(now.getTime() + lockMs)) : null };
	});
	await warehouse.withConnection(async (connection) => {
		await connection.run(
			`delete from app.login_throttle
			 where last_failure_at < $1::timestamp and (locked_until is null or locked_until <= $2::timestamp)`,
			[toSqlTimestamp(new Date(now.getTime() - FORGET_AFTER_MS)), toSqlTimestamp(now)]
		);
		await connection.run(
			`insert into app.login_throttle (key, failures, last_failure_at, locked_until)
			 select unnest($1::varchar[]), unnest($2::integer[]), $3::timestamp, unnest($4::varchar[])::timestamp
			 on conflict (key) do update set failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
			[listValue(next.map((n) => n.key)), listValue(next.map((n) => n.failures)), toSqlTimestamp(now), listValue(next.map((n) => n.lockedUntil))],
			[LIST(VARCHAR), LIST(INTEGER), VARCHAR, LIST(VARCHAR)]
		);
	});
	const written = new Map(next.map((n) => [n.key, { key: n.key, failures: n.failures, last_failure_at: toSqlTimestamp(now), locked_until: n.lockedUntil }]));
	return secondsUntil(written, applying(keys, written, now), now);
}

/**
 * A successful login clears the username's counts: its slow-down and this address's
 * count for it. The address's own count stays, so one good account cannot reset it.
 */
export async function clearLoginFailures(warehouse: Warehouse, keys: ThrottleKey[]): Promise<void> {
	const cleared = keys.filter((k) => k.scope !== 'address').map((k) => k.key);
	await warehouse.withConnection((connection) =>
		connection.run('delete from app.login_throttle where list_contains($1::varchar[], key)', [listValue(cleared)], [LIST(VARCHAR)])
	);
}

/**
 * Lifts login locks by hand (`oborot users unlock`): every count of one username (from
 * all addresses), or with null every count there is. Returns how many were removed.
 */
export async function unlockLogins(warehouse: Warehouse, username: string | null): Promise<number> {
	const removed =
		username === null
			? await warehouse.query('delete from app.login_throttle returning key')
			: await warehouse.query('delete from app.login_throttle where key = $1 or starts_with(key, $2) returning key', [usernameKey(username), pairPrefix(username)]);
	return removed.length;
}
