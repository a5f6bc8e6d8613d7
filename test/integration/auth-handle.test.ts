import fs from 'node:fs';
import path from 'node:path';
import { isActionFailure, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_FIELD, CSRF_HEADER } from '../../src/lib/auth/csrf.ts';
import { findRule, pageRules } from '../../src/lib/server/auth/access-policy.ts';
import { createAuthHandle } from '../../src/lib/server/auth/auth-handle.ts';
import { dashboardRolesIn } from '../../src/lib/server/dashboards/access.ts';
import { csrfTokenFor } from '../../src/lib/server/auth/csrf.ts';
import { loginAction, logoutAction } from '../../src/lib/server/auth/login-action.ts';
import { attemptLogin } from '../../src/lib/server/auth/login.ts';
import { resolveSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/temp-warehouse.ts';
import { manualClock } from './auth-fixtures.ts';

/**
 * The SvelteKit side: the handle hook (session cookie → locals.user, page policy, CSRF)
 * and the /login and /logout actions, driven with request events built by hand.
 */
let temp: TempWarehouse;
let clock: ReturnType<typeof manualClock>;
let handle: Handle;

interface FakeRequest {
	method?: string;
	path: string;
	routeId?: string | null;
	headers?: Record<string, string>;
	body?: string | URLSearchParams;
	cookies?: Record<string, string>;
	isDataRequest?: boolean;
	origin?: string;
}

function fakeEvent(options: FakeRequest) {
	const url = new URL(`${options.origin ?? 'http://localhost'}${options.path}`);
	const jar = new Map(Object.entries(options.cookies ?? {}));
	const cookieWrites: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const deleted: string[] = [];
	const headersSet: Record<string, string> = {};
	const event = {
		url,
		request: new Request(url, { method: options.method ?? 'GET', headers: options.headers, body: options.body }),
		route: { id: options.routeId === undefined ? url.pathname : options.routeId },
		params: {},
		locals: { user: null, locale: 'ru' },
		isDataRequest: options.isDataRequest ?? false,
		cookies: {
			get: (name: string) => jar.get(name),
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string, opts: Record<string, unknown>) => {
				jar.set(name, value);
				cookieWrites.push({ name, value, options: opts });
			},
			delete: (name: string) => {
				jar.delete(name);
				deleted.push(name);
			},
			serialize: () => ''
		},
		getClientAddress: () => '203.0.113.9',
		setHeaders: (headers: Record<string, string>) => Object.assign(headersSet, headers)
	} as unknown as RequestEvent;
	return { event, cookieWrites, deleted, headersSet };
}

/** Runs the hook; a thrown redirect comes back as { redirect }. */
async function run(options: FakeRequest) {
	const fake = fakeEvent(options);
	let resolvedBody: string | null = null;
	try {
		const response = await handle({
			event: fake.event,
			resolve: async (event) => {
				resolvedBody = event.request.body ? await event.request.text() : '';
				return new Response('page', { status: 200 });
			}
		});
		return { ...fake, response, resolvedBody: resolvedBody as string | null, redirect: null };
	} catch (error) {
		if (isRedirect(error)) return { ...fake, response: null, resolvedBody, redirect: { status: error.status, location: error.location } };
		throw error;
	}
}

async function sessionFor(username: string): Promise<string> {
	const result = await attemptLogin(temp.warehouse, { username, password: `${username}-password` }, clock);
	if (!result.ok) throw new Error('login failed');
	return result.token;
}

beforeEach(async () => {
	temp = await tempWarehouse();
	clock = manualClock();
	// The page policy reads the roles of the shipped dashboards from their files.
	handle = createAuthHandle({ warehouse: async () => temp.warehouse, clock, access: { dashboardRoles: dashboardRolesIn(path.resolve(import.meta.dirname, '../../dashboards')) } });
	await createUser(temp.warehouse, { username: 'marketer', role: 'marketer', password: 'marketer-password' }, clock);
	await createUser(temp.warehouse, { username: 'boss', role: 'executive', password: 'boss-password' }, clock);
});
afterEach(() => temp.close());

describe('the handle hook', () => {
	it('sends a signed-out visitor to /login with the page to come back to', async () => {
		const result = await run({ path: '/dashboards/sales?period=q1' });
		expect(result.redirect).toEqual({ status: 303, location: '/login?next=%2Fdashboards%2Fsales%3Fperiod%3Dq1' });
		expect((await run({ path: '/login' })).response?.status).toBe(200);
	});

	it('turns the session cookie into locals.user', async () => {
		const token = await sessionFor('marketer');
		const result = await run({ path: '/dashboards/marketing', cookies: { [SESSION_COOKIE]: token } });
		expect(result.response?.status).toBe(200);
		expect(result.event.locals.user).toEqual({ username: 'marketer', displayName: 'marketer', role: 'marketer', managerName: null });
	});

	it('shows a 403 page to a role that may not open the page, and 403 JSON to a data request', async () => {
		const token = await sessionFor('marketer');
		const page = await run({ path: '/dashboards/purchasing', cookies: { [SESSION_COOKIE]: token }, headers: { accept: 'text/html' } });
		expect(page.response?.status).toBe(403);
		const html = await page.response!.text();
		expect(html).toContain('Нет доступа');
		expect(html).toContain(`name="${CSRF_FIELD}" value="${csrfTokenFor(token)}"`);
		const data = await run({ path: '/dashboards/purchasing', cookies: { [SESSION_COOKIE]: token }, isDataRequest: true });
		expect(data.response?.status).toBe(403);
		expect(await data.response!.json()).toMatchObject({ error: { code: 'forbidden' } });
	});

	it('forgets an expired session and clears its cookie', async () => {
		const token = await sessionFor('boss');
		clock.advance(13 * 3600_000);
		const result = await run({ path: '/', cookies: { [SESSION_COOKIE]: token } });
		expect(result.deleted).toEqual([SESSION_COOKIE]);
		expect(result.redirect?.location).toBe('/login?next=%2F');
	});

	it('renews the cookie as the expiry slides: httpOnly, SameSite=Lax, Secure on https', async () => {
		const token = await sessionFor('boss');
		clock.advance(3600_000);
		const plain = await run({ path: '/', cookies: { [SESSION_COOKIE]: token } });
		expect(plain.cookieWrites).toEqual([
			{ name: SESSION_COOKIE, value: token, options: { path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 12 * 3600 } }
		]);
		clock.advance(3600_000);
		const secure = await run({ path: '/', origin: 'https://crm.example.ru', cookies: { [SESSION_COOKIE]: token } });
		expect(secure.cookieWrites[0].options).toMatchObject({ secure: true, httpOnly: true });
	});

	it('refuses a page POST without the CSRF token, and passes it with the field or the header', async () => {
		const token = await sessionFor('boss');
		const post = (body: URLSearchParams, headers: Record<string, string> = {}) =>
			run({ method: 'POST', path: '/dashboards/executive', cookies: { [SESSION_COOKIE]: token }, body, headers });
		const missing = await post(new URLSearchParams({ note: 'x' }));
		expect(missing.response?.status).toBe(403);
		expect(await missing.response!.json()).toMatchObject({ error: { code: 'csrf' } });
		const wrong = await post(new URLSearchParams({ note: 'x', [CSRF_FIELD]: csrfTokenFor('someone else') }));
		expect(wrong.response?.status).toBe(403);
		const field = await post(new URLSearchParams({ note: 'x', [CSRF_FIELD]: csrfTokenFor(token) }));
		expect(field.response?.status).toBe(200);
		expect(field.resolvedBody).toBe(`note=x&${CSRF_FIELD}=${encodeURIComponent(csrfTokenFor(token))}`); // the action still reads its body
		const header = await post(new URLSearchParams({ note: 'x' }), { [CSRF_HEADER]: csrfTokenFor(token) });
		expect(header.response?.status).toBe(200);
	});

	it('leaves /api to the API guard and unknown paths to the 404 page', async () => {
		expect((await run({ path: '/api/status' })).response?.status).toBe(200);
		expect((await run({ path: '/no/such/page', routeId: null })).response?.status).toBe(200);
	});
});

describe('the /login and /logout actions', () => {
	const form = (fields: Record<string, string>) => new URLSearchParams(fields);

	it('signs in: sets the session cookie and goes to a local next page only', async () => {
		const { event, cookieWrites } = fakeEvent({ method: 'POST', path: '/login', body: form({ username: 'Boss', password: 'boss-password', next: '/dashboards/executive' }) });
		await expect(loginAction(event, temp.warehouse, clock)).rejects.toSatisfy((e) => isRedirect(e) && e.location === '/dashboards/executive');
		expect(cookieWrites[0]).toMatchObject({ name: SESSION_COOKIE, options: { httpOnly: true, sameSite: 'lax', path: '/' } });
		expect((await resolveSession(temp.warehouse, cookieWrites[0].value, clock))?.user.username).toBe('boss');

		const evil = fakeEvent({ method: 'POST', path: '/login', body: form({ username: 'boss', password: 'boss-password', next: '//evil.example/x' }) });
		await expect(loginAction(evil.event, temp.warehouse, clock)).rejects.toSatisfy((e) => isRedirect(e) && e.location === '/');
	});

	it('answers 400 for a wrong password and 429 with Retry-After once locked', async () => {
		const attempt = async (password: string) => {
			const fake = fakeEvent({ method: 'POST', path: '/login', body: form({ username: 'boss', password }) });
			const result: unknown = await loginAction(fake.event, temp.warehouse, clock);
			if (!isActionFailure(result)) throw new Error('expected a failure');
			return { status: result.status, data: result.data, headers: fake.headersSet };
		};
		for (let i = 0; i < 4; i++) expect(await attempt('nope')).toMatchObject({ status: 400, data: { error: 'invalid', username: 'boss' } });
		expect(await attempt('nope')).toEqual({ status: 429, data: { username: 'boss', error: 'locked', retryAfterSeconds: 60 }, headers: { 'retry-after': '60' } });
		expect(await attempt('boss-password')).toMatchObject({ status: 429, headers: { 'retry-after': '60' } });
		expect(await attempt('')).toMatchObject({ status: 400, data: { error: 'missing' } });
	});

	it('signs out: the session is gone and the cookie cleared', async () => {
		const token = await sessionFor('boss');
		const fake = fakeEvent({ method: 'POST', path: '/logout', cookies: { [SESSION_COOKIE]: token } });
		await expect(logoutAction(fake.event, temp.warehouse, clock)).rejects.toSatisfy((e) => isRedirect(e) && e.location === '/login');
		expect(fake.deleted).toEqual([SESSION_COOKIE]);
		expect(await resolveSession(temp.warehouse, token, clock)).toBeNull();
	});
});

describe('every page under src/routes has an access rule', () => {
	const routesDir = path.resolve(import.meta.dirname, '../../src/routes');

	/** Route ids of every page and endpoint file, as SvelteKit derives them from folders. */
	function routeIds(): string[] {
		const ids = new Set<string>();
		for (const entry of fs.readdirSync(routesDir, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile() || !/^\+(page|server)(\.server)?\.(svelte|ts|js)$/.test(entry.name)) continue;
			const id = `/${path.relative(routesDir, entry.parentPath).split(path.sep).join('/')}`.replace(/\/$/, '') || '/';
			ids.add(id);
		}
		return [...ids];
	}

	function samplePagePath(id: string): string {
		const segments = id
			.split('/')
			.filter((segment) => segment && !/^\(.*\)$/.test(segment) && !/^\[\[.*\]\]$/.test(segment))
			.map((segment) => (segment.startsWith('[...') ? 'sample/rest' : segment.replace(/\[[^\]]+\]/g, 'sample')));
		return `/${segments.join('/')}`;
	}

	it('finds the pages, and none lacks a rule', () => {
		const pages = routeIds().filter((id) => id !== '/api' && !id.startsWith('/api/'));
		expect(pages).toEqual(expect.arrayContaining(['/', '/login', '/logout']));
		const missing = pages.filter((id) => !findRule(pageRules, 'GET', samplePagePath(id)));
		expect(missing, 'add a page rule in src/lib/server/auth/access-policy.ts').toEqual([]);
	});
});
