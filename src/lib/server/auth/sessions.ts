import crypto from 'node:crypto';
import type { SessionUser } from '../../auth/roles.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { fromSqlTimestamp, systemClock, toSqlTimestamp, type Clock } from './clock.ts';
import { toSessionUser } from './users.ts';

/**
 * Sessions: a random 256-bit token lives only in the browser's httpOnly cookie; the
 * warehouse keeps its SHA-256, so a copy of the warehouse file cannot be replayed as a
 * login. Expiry slides: 12 hours after the last request, at most 7 days after sign-in.
 */
export const SESSION_COOKIE = 'oborot_session';
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Expiry is pushed forward at most this often, so a busy page does not write per request. */
const RENEW_AFTER_MS = 5 * 60 * 1000;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

export interface ClientInfo {
	ip?: string | null;
	userAgent?: string | null;
}

export interface ResolvedSession {
	user: SessionUser;
	expiresAt: Date;
	/** True when this request moved the expiry: the cookie should be sent again. */
	renewed: boolean;
}

export async function createSession(warehouse: Warehouse, username: string, client: ClientInfo = {}, clock: Clock = systemClock) {
	const token = crypto.randomBytes(32).toString('base64url');
	const now = clock();
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	await warehouse.run(
		`insert into app.sessions (token_hash, username, created_at, last_seen_at, expires_at, ip, user_agent)
		 values ($1, $2, $3::timestamp, $3::timestamp, $4::timestamp, $5, $6)`,
		[hashToken(token), username, toSqlTimestamp(now), toSqlTimestamp(expiresAt), client.ip ?? null, client.userAgent?.slice(0, 300) ?? null]
	);
	return { token, expiresAt };
}

interface SessionRow {
	created_at: string;
	last_seen_at: string;
	expires_at: string;
	username: string;
	display_name: string;
	role: SessionUser['role'];
	manager_name: string | null;
}

/** The signed-in user for a cookie token, or null (unknown, expired, or the user was disabled). */
export async function resolveSession(warehouse: Warehouse, token: string, clock: Clock = systemClock): Promise<ResolvedSession | null> {
	if (!TOKEN_FORMAT.test(token)) return null;
	const now = clock();
	const tokenHash = hashToken(token);
	const [row] = await warehouse.query<SessionRow>(
		`select s.created_at, s.last_seen_at, s.expires_at, u.username, u.display_name, u.role, u.manager_name
		 from app.sessions s join app.users u on u.username = s.username
		 where s.token_hash = $1 and s.expires_at > $2::timestamp and not u.disabled`,
		[tokenHash, toSqlTimestamp(now)]
	);
	if (!row) return null;
	const user = toSessionUser({ username: row.username, displayName: row.display_name, role: row.role, managerName: row.manager_name });
	let expiresAt = fromSqlTimestamp(row.expires_at);
	if (now.getTime() - fromSqlTimestamp(row.last_seen_at).getTime() < RENEW_AFTER_MS) return { user, expiresAt, renewed: false };
	const latest = fromSqlTimestamp(row.created_at).getTime() + SESSION_MAX_MS;
	expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, latest));
	try {
		await warehouse.run('update app.sessions set last_seen_at = $1::timestamp, expires_at = $2::timestamp where token_hash = $3', [
			toSqlTimestamp(now),
			toSqlTimestamp(expiresAt),
			tokenHash
		]);
	} catch {
		// Two requests of one page renewing at once conflict in DuckDB; either write suffices.
		return { user, expiresAt: fromSqlTimestamp(row.expires_at), renewed: false };
	}
	return { user, expiresAt, renewed: true };
}

export async function deleteSession(warehouse: Warehouse, token: string): Promise<string | null> {
	if (!TOKEN_FORMAT.test(token)) return null;
	const [row] = await warehouse.query<{ username: string }>('delete from app.sessions where token_hash = $1 returning username', [hashToken(token)]);
	return row?.username ?? null;
}

/** Drops expired sessions (called on sign-in, so the table stays small without a timer). */
export async function purgeExpiredSessions(warehouse: Warehouse, clock: Clock = systemClock): Promise<void> {
	await warehouse.run('delete from app.sessions where expires_at <= $1::timestamp', [toSqlTimestamp(clock())]);
}
