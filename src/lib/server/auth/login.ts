import type { SessionUser } from '../../auth/roles.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { logAccess } from './access-log.ts';
import { systemClock, type Clock } from './clock.ts';
import { clearLoginFailures, lockedForSeconds, recordLoginFailure, throttleKeys } from './login-throttle.ts';
import { unknownUserHash, verifyPassword } from './passwords.ts';
import { createSession, deleteSession, purgeExpiredSessions, type ClientInfo } from './sessions.ts';
import { findUserForLogin, toSessionUser } from './users.ts';

export type LoginResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	/** Unknown user, wrong password or disabled account: deliberately one answer. */
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; retryAfterSeconds: number };

export interface LoginAttempt extends ClientInfo {
	username: string;
	password: string;
}

// Attempts for one username run one after another, so parallel guesses cannot all pass
// the lock check before the first failure is counted.
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(fn, fn);
	const settled = run.catch(() => undefined);
	queues.set(key, settled);
	void settled.then(() => {
		if (queues.get(key) === settled) queues.delete(key);
	});
	return run;
}

/**
 * Checks a username and password and opens a session. While a lock applies to this
 * attempt (login-throttle.ts: this address for this username, this address, or the
 * username's slow-down for an address that has failed for it) the password is not even
 * checked, so a correct guess during the lock is refused too. Every outcome is written
 * to audit.access_log.
 */
export function attemptLogin(warehouse: Warehouse, attempt: LoginAttempt, clock: Clock = systemClock): Promise<LoginResult> {
	const username = attempt.username.trim().toLowerCase();
	return oneAtATime(`user:${username}`, async () => {
		const now = clock();
		const keys = throttleKeys(username, attempt.ip ?? null);
		const log = (action: string, status: string, detail: string | null = null) =>
			logAccess(warehouse, { username: username || null, action, target: 'web', status, ip: attempt.ip ?? null, detail }, clock);

		const locked = await lockedForSeconds(warehouse, keys, now);
		if (locked > 0) {
			await log('login_failed', 'locked', `locked for ${locked} s more`);
			return { ok: false, reason: 'locked', retryAfterSeconds: locked };
		}
		const user = username ? await findUserForLogin(warehouse, username) : null;
		const matches = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), attempt.password);
		if (!user || !matches || user.disabled) {
			const lockSeconds = await recordLoginFailure(warehouse, keys, now);
			const why = !user ? 'unknown user' : user.disabled ? 'disabled account' : 'wrong password';
			await log('login_failed', lockSeconds > 0 ? 'locked' : 'denied', lockSeconds > 0 ? `${why}; locked for ${lockSeconds} s` : why);
			return lockSeconds > 0 ? { ok: false, reason: 'locked', retryAfterSeconds: lockSeconds } : { ok: false, reason: 'invalid' };
		}
		await clearLoginFailures(warehouse, keys);
		await purgeExpiredSessions(warehouse, clock);
		const session = await createSession(warehouse, user.username, attempt, clock);
		await log('login', 'ok', attempt.userAgent?.slice(0, 200) ?? null);
		return { ok: true, user: toSessionUser(user), token: session.token, expiresAt: session.expiresAt };
	});
}

/** Ends the session of this cookie token (if any) and logs it. */
export async function logout(warehouse: Warehouse, token: string, client: ClientInfo = {}, clock: Clock = systemClock): Promise<void> {
	const username = await deleteSession(warehouse, token);
	if (username) await logAccess(warehouse, { username, action: 'logout', target: 'web', status: 'ok', ip: client.ip ?? null }, clock);
}
