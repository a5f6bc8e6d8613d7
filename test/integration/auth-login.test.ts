import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logAccess } from '../../src/lib/server/auth/access-log.ts';
import { attemptLogin, logout, type LoginResult } from '../../src/lib/server/auth/login.ts';
import { unlockLogins } from '../../src/lib/server/auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import { hashToken, resolveSession } from '../../src/lib/server/auth/sessions.ts';
import { createUser, removeUser, setPassword } from '../../src/lib/server/auth/users.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/temp-warehouse.ts';
import { manualClock } from './auth-fixtures.ts';

let temp: TempWarehouse;
const HOUR = 3600_000;

beforeEach(async () => {
	temp = await tempWarehouse();
	await createUser(temp.warehouse, { username: 'Anna', role: 'sales_manager', managerName: 'Петрова Анна', password: 'correct horse' });
});
afterEach(() => temp.close());

const signIn = (password: string, clock = manualClock(), ip = '10.0.0.5', username = 'anna') =>
	attemptLogin(temp.warehouse, { username, password, ip, userAgent: 'vitest' }, clock);

function token(result: LoginResult): string {
	if (!result.ok) throw new Error(`login failed: ${result.reason}`);
	return result.token;
}

const accessLog = () =>
	temp.warehouse.query<{ username: string; action: string; status: string; ip: string }>(
		'select username, action, status, ip from audit.access_log order by created_at, rowid'
	);

describe('passwords', () => {
	it('stores argon2id hashes that verify the right password only', async () => {
		const hash = await hashPassword('correct horse');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'correct horse')).toBe(true);
		expect(await verifyPassword(hash, 'correct horsE')).toBe(false);
		expect(await verifyPassword('not a hash', 'correct horse')).toBe(false);
		const [stored] = await temp.warehouse.query<{ password_hash: string }>('select password_hash from app.users');
		expect(stored.password_hash).toMatch(/^\$argon2id\$/);
		expect(stored.password_hash).not.toContain('correct horse');
	});
});

describe('signing in', () => {
	it('opens a session for the right password; the cookie token is stored only as its hash', async () => {
		const clock = manualClock();
		const result = await signIn('correct horse', clock);
		expect(result).toMatchObject({ ok: true, user: { username: 'anna', role: 'sales_manager', managerName: 'Петрова Анна' } });
		const sessions = await temp.warehouse.query<{ token_hash: string; username: string }>('select token_hash, username from app.sessions');
		expect(sessions).toEqual([{ token_hash: hashToken(token(result)), username: 'anna' }]);
		expect(token(result)).toHaveLength(43); // 32 random bytes in base64url
		expect((await resolveSession(temp.warehouse, token(result), clock))?.user.username).toBe('anna');
	});

	it('gives the same answer for a wrong password and an unknown user, and logs both', async () => {
		expect(await signIn('wrong password')).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('correct horse', manualClock(), '10.0.0.5', 'nobody')).toEqual({ ok: false, reason: 'invalid' });
		expect(await accessLog()).toEqual([
			{ username: 'anna', action: 'login_failed', status: 'denied', ip: '10.0.0.5' },
			{ username: 'nobody', action: 'login_failed', status: 'denied', ip: '10.0.0.5' }
		]);
	});

	it('refuses a disabled account', async () => {
		await temp.warehouse.run(`update app.users set disabled = true where username = 'anna'`);
		expect(await signIn('correct horse')).toEqual({ ok: false, reason: 'invalid' });
	});
});

describe('sessions', () => {
	it('expire 12 hours after the last request, and a request within them slides the expiry', async () => {
		const clock = manualClock();
		const session = token(await signIn('correct horse', clock));
		clock.advance(11 * HOUR);
		const renewed = await resolveSession(temp.warehouse, session, clock);
		expect(renewed?.renewed).toBe(true);
		// 09:00 + 11 h = 20:00; the new expiry is 20:00 + 12 h = 08:00 next day.
		expect(renewed?.expiresAt.toISOString()).toBe('2025-03-02T08:00:00.000Z');
		clock.advance(11 * HOUR);
		expect(await resolveSession(temp.warehouse, session, clock)).not.toBeNull();
		clock.advance(12 * HOUR + 1000);
		expect(await resolveSession(temp.warehouse, session, clock)).toBeNull();
	});

	it('end at the latest 7 days after sign-in, however busy', async () => {
		const clock = manualClock();
		const session = token(await signIn('correct horse', clock));
		// A request every 10 hours keeps it alive up to 160 h; at 170 h it is past the 168 h cap.
		for (let hours = 10; hours <= 160; hours += 10) {
			clock.advance(10 * HOUR);
			expect(await resolveSession(temp.warehouse, session, clock), `after ${hours} h`).not.toBeNull();
		}
		clock.advance(10 * HOUR);
		expect(await resolveSession(temp.warehouse, session, clock)).toBeNull();
	});

	it('end on logout, on a password change and when the user is removed', async () => {
		const clock = manualClock();
		const alive = (session: string) => resolveSession(temp.warehouse, session, clock);
		const first = token(await signIn('correct horse', clock));
		expect(await alive(first)).not.toBeNull();
		await logout(temp.warehouse, first, { ip: '10.0.0.5' }, clock);
		expect(await alive(first)).toBeNull();
		expect((await accessLog()).map((row) => row.action)).toEqual(['login', 'logout']);

		const second = token(await signIn('correct horse', clock));
		await setPassword(temp.warehouse, 'anna', 'battery staple', clock);
		expect(await alive(second)).toBeNull();
		expect(await signIn('correct horse', clock)).toEqual({ ok: false, reason: 'invalid' });

		const third = token(await signIn('battery staple', clock));
		expect(await alive(third)).not.toBeNull();
		await createUser(temp.warehouse, { username: 'root', role: 'admin', password: 'another admin' }, clock);
		await removeUser(temp.warehouse, 'anna');
		expect(await alive(third)).toBeNull();
	});

	it('ignore tokens that are not ours', async () => {
		expect(await resolveSession(temp.warehouse, 'x'.repeat(43))).toBeNull();
		expect(await resolveSession(temp.warehouse, "' or 1=1 --")).toBeNull();
	});
});

describe('rate limiting', () => {
	it('locks a username after 5 failures, refuses even the right password while locked, then doubles the lock', async () => {
		const clock = manualClock();
		for (let i = 1; i <= 4; i++) expect(await signIn(`wrong ${i}`, clock), `attempt ${i}`).toEqual({ ok: false, reason: 'invalid' });
		// The 5th failure starts a 60 s lock.
		expect(await signIn('wrong 5', clock)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
		clock.advance(20_000);
		expect(await signIn('correct horse', clock)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 40 });
		clock.advance(41_000);
		// Lock over; one more failure (the 6th) locks for 120 s.
		expect(await signIn('wrong 6', clock)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 120 });
		clock.advance(121_000);
		expect((await signIn('correct horse', clock)).ok).toBe(true);
		// Success clears the username's count: the next failure is the 1st again.
		expect(await signIn('wrong again', clock)).toEqual({ ok: false, reason: 'invalid' });
		const statuses = (await accessLog()).map((row) => `${row.action}:${row.status}`);
		expect(statuses).toEqual([
			...Array(4).fill('login_failed:denied'),
			'login_failed:locked',
			'login_failed:locked',
			'login_failed:locked',
			'login:ok',
			'login_failed:denied'
		]);
	});

	it('locks an address after 20 failures across usernames', async () => {
		const clock = manualClock();
		for (let i = 1; i <= 19; i++) {
			expect(await signIn('guess', clock, '192.0.2.7', `user${i}`), `attempt ${i}`).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(await signIn('guess', clock, '192.0.2.7', 'user20')).toMatchObject({ ok: false, reason: 'locked' });
		expect(await signIn('correct horse', clock, '192.0.2.7')).toMatchObject({ ok: false, reason: 'locked' });
		expect((await signIn('correct horse', clock, '198.51.100.1')).ok).toBe(true);
	});

	it('does not let strangers lock the owner out: failures from other addresses slow those addresses, not a clean one', async () => {
		const clock = manualClock();
		// Five wrong passwords for anna, each from another address: the 5th starts the username's slow-down (60 s).
		for (let i = 1; i <= 4; i++) expect(await signIn(`wrong ${i}`, clock, `192.0.2.${i}`), `attempt ${i}`).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('wrong 5', clock, '192.0.2.5')).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
		// An address that already failed for anna waits out the slow-down, even with the right password…
		clock.advance(10_000);
		expect(await signIn('correct horse', clock, '192.0.2.1')).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 50 });
		// …while the owner from an address with no failures gets in.
		expect((await signIn('correct horse', clock, '198.51.100.1')).ok).toBe(true);
	});

	it('still blocks one address hammering a username, whatever the other addresses do', async () => {
		const clock = manualClock();
		for (let i = 1; i <= 4; i++) expect(await signIn(`wrong ${i}`, clock, '192.0.2.7'), `attempt ${i}`).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('wrong 5', clock, '192.0.2.7')).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
		// The owner signing in elsewhere does not lift this address's lock.
		expect((await signIn('correct horse', clock, '198.51.100.1')).ok).toBe(true);
		clock.advance(30_000);
		expect(await signIn('correct horse', clock, '192.0.2.7')).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 30 });
		clock.advance(31_000);
		// The 6th failure from this address doubles its lock.
		expect(await signIn('wrong 6', clock, '192.0.2.7')).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 120 });
	});

	it('an admin can lift the locks of one username, or all of them', async () => {
		const clock = manualClock();
		for (let i = 1; i <= 5; i++) await signIn(`wrong ${i}`, clock, '192.0.2.7');
		for (let i = 1; i <= 20; i++) await signIn('guess', clock, '203.0.113.5', `user${i}`);
		expect(await signIn('correct horse', clock, '192.0.2.7')).toMatchObject({ ok: false, reason: 'locked' });
		expect(await unlockLogins(temp.warehouse, 'Anna')).toBe(2); // anna's own count and the one from 192.0.2.7
		expect((await signIn('correct horse', clock, '192.0.2.7')).ok).toBe(true);
		// The address that tried twenty names is locked for everyone until all locks are lifted.
		expect(await signIn('correct horse', clock, '203.0.113.5')).toMatchObject({ ok: false, reason: 'locked' });
		expect(await unlockLogins(temp.warehouse, null)).toBeGreaterThan(0);
		expect((await signIn('correct horse', clock, '203.0.113.5')).ok).toBe(true);
		expect(await temp.warehouse.query('select key from app.login_throttle')).toEqual([]);
	});

	it('forgets failures an hour old when it records a new one, so unknown usernames do not pile up', async () => {
		const clock = manualClock();
		// 30 made-up usernames, each from its own address: 3 counts each (username, username+address, address).
		for (let i = 1; i <= 30; i++) await signIn('guess', clock, `192.0.2.${i}`, `nobody${i}`);
		const count = async () => (await temp.warehouse.query<{ n: number }>('select count(*) as n from app.login_throttle'))[0].n;
		expect(await count()).toBe(90);
		clock.advance(HOUR + 1000);
		await signIn('guess', clock, '198.51.100.1', 'someone-else');
		expect(await count()).toBe(3);
		expect(await temp.warehouse.query('select key from app.login_throttle where key like \'%nobody%\'')).toEqual([]);
	});

	it('counts parallel guesses one by one', async () => {
		const clock = manualClock();
		const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(`parallel ${i}`, clock)));
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(4);
		expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(4);
	});
});

describe('logAccess', () => {
	it('writes a batch in one call, keeping every field', async () => {
		const entries = Array.from({ length: 2000 }, (_, i) => ({
			username: `u${i % 7}`,
			action: 'export',
			target: `segment-${i}`,
			status: 'ok',
			ip: null,
			detail: i === 0 ? `{"rows":12}` : null
		}));
		await logAccess(temp.warehouse, entries, manualClock());
		const [summary] = await temp.warehouse.query<{ n: number; users: number; first: string; at: string }>(
			`select count(*) as n, count(distinct username) as users, min_by(detail, target) as first, min(created_at) as at
			 from audit.access_log where action = 'export'`
		);
		expect(summary).toEqual({ n: 2000, users: 7, first: '{"rows":12}', at: '2025-03-01 09:00:00' });
	});
});
