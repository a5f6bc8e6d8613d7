import { json, redirect, type Cookies, type Handle, type RequestEvent } from '@sveltejs/kit';
import { CSRF_FIELD, CSRF_HEADER } from '../../auth/csrf.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { decidePageAccess, type AccessContext } from './access-policy.ts';
import { systemClock, type Clock } from './clock.ts';
import { csrfTokenFor, csrfTokenValid, isStateChanging } from './csrf.ts';
import { forbiddenPage } from './forbidden-page.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

export interface AuthHandleOptions {
	warehouse(): Promise<Warehouse>;
	clock?: Clock;
	/** What the page policy reads from files: the roles of each dashboard. */
	access?: AccessContext;
}

/** Pages whose POST needs no session token: signing in has no session yet (SvelteKit's origin check covers it). */
const CSRF_EXEMPT_PAGES = new Set(['/login']);

/**
 * The session cookie's attributes, the same when it is set and when it is deleted.
 * Secure only over https: on a plain-http LAN install a browser would refuse a Secure
 * cookie (and ignore its deletion, which SvelteKit sends Secure by default off localhost).
 */
export function sessionCookieBase(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
}

export function sessionCookieOptions(url: URL, expiresAt: Date, clock: Clock = systemClock) {
	return { ...sessionCookieBase(url), maxAge: Math.max(0, Math.floor((expiresAt.getTime() - clock().getTime()) / 1000)) };
}

/** The CSRF token pages pass to forms and fetch (null when signed out). */
export function csrfForCookies(cookies: Pick<Cookies, 'get'>): string | null {
	const token = cookies.get(SESSION_COOKIE);
	return token ? csrfTokenFor(token) : null;
}

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Where to go after signing in: only a path on this site (no open redirect). */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
	return next;
}

function wantsHtml(event: RequestEvent): boolean {
	return !event.isDataRequest && (event.request.headers.get('accept') ?? '').includes('text/html');
}

async function pageCsrfValid(event: RequestEvent, sessionToken: string | undefined): Promise<boolean> {
	const header = event.request.headers.get(CSRF_HEADER);
	if (header) return csrfTokenValid(sessionToken, header);
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
	try {
		const field = (await event.request.clone().formData()).get(CSRF_FIELD);
		return typeof field === 'string' && csrfTokenValid(sessionToken, field);
	} catch {
		return false;
	}
}

/**
 * The server side of sign-in for every request: the session cookie becomes
 * `locals.user` (and its expiry slides); pages are checked against the page policy —
 * signed out → 303 to /login?next=…, wrong role → 403 page — and a signed-in user's
 * state-changing page request (form action, endpoint) must carry the CSRF token in the
 * x-csrf-token header or the `_csrf` form field. /api requests are checked by the Hono
 * guard (api/access-guard.ts) against the API policy; unknown paths fall through to SvelteKit's 404.
 */
export function createAuthHandle(options: AuthHandleOptions): Handle {
	const clock = options.clock ?? systemClock;
	return async ({ event, resolve }) => {
		const token = event.cookies.get(SESSION_COOKIE);
		event.locals.user = null;
		if (token) {
			const session = await resolveSession(await options.warehouse(), token, clock);
			if (!session) event.cookies.delete(SESSION_COOKIE, sessionCookieBase(event.url));
			else {
				event.locals.user = session.user;
				if (session.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.expiresAt, clock));
			}
		}
		const path = event.url.pathname;
		if (path === '/api' || path.startsWith('/api/') || event.route.id === null) return resolve(event);

		const user = event.locals.user;
		const decision = decidePageAccess(event.request.method, path, user, options.access);
		if (decision.outcome === 'unauthenticated') {
			redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
		}
		if (decision.outcome === 'forbidden') {
			if (wantsHtml(event)) return forbiddenPage(event.locals.locale, user?.username ?? '', token && user ? csrfTokenFor(token) : null);
			return json({ error: { code: 'forbidden', message: decision.message } }, { status: 403 });
		}
		if (user && isStateChanging(event.request.method) && !CSRF_EXEMPT_PAGES.has(path) && !(await pageCsrfValid(event, token))) {
			return json(
				{ error: { code: 'csrf', message: 'this form is stale or came from another site: reload the page and try again' } },
				{ status: 403 }
			);
		}
		return resolve(event);
	};
}
