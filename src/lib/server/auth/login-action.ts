import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Warehouse } from '../warehouse/index.ts';
import { clientAddress, safeNext, sessionCookieBase, sessionCookieOptions } from './auth-handle.ts';
import { systemClock, type Clock } from './clock.ts';
import { attemptLogin, logout } from './login.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** What the login form gets back on failure (shown by src/routes/login/+page.svelte). */
export interface LoginFailure {
	username: string;
	error: 'missing' | 'invalid' | 'locked';
	retryAfterSeconds?: number;
}

/**
 * The /login form action. Needs no session CSRF token (there is no session yet):
 * SvelteKit's origin check refuses cross-site form posts, and SameSite=Lax keeps the
 * cookie off them anyway. On success a new session replaces any old one (no fixation).
 */
export async function loginAction(event: RequestEvent, warehouse: Warehouse, clock: Clock = systemClock) {
	const form = await event.request.formData();
	const username = String(form.get('username') ?? '').trim();
	const password = String(form.get('password') ?? '');
	const next = safeNext(String(form.get('next') ?? ''));
	if (!username || !password) return fail(400, { username, error: 'missing' } satisfies LoginFailure);

	const previous = event.cookies.get(SESSION_COOKIE);
	const ip = clientAddress(event);
	const result = await attemptLogin(warehouse, { username, password, ip, userAgent: event.request.headers.get('user-agent') }, clock);
	if (!result.ok) {
		if (result.reason === 'locked') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, { username, error: 'locked', retryAfterSeconds: result.retryAfterSeconds } satisfies LoginFailure);
		}
		return fail(400, { username, error: 'invalid' } satisfies LoginFailure);
	}
	if (previous) await logout(warehouse, previous, { ip }, clock);
	event.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(event.url, result.expiresAt, clock));
	redirect(303, next);
}

/** POST /logout: ends the session, clears the cookie, back to the login page. */
export async function logoutAction(event: RequestEvent, warehouse: Warehouse, clock: Clock = systemClock): Promise<never> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) await logout(warehouse, token, { ip: clientAddress(event) }, clock);
	event.cookies.delete(SESSION_COOKIE, sessionCookieBase(event.url));
	redirect(303, '/login');
}
