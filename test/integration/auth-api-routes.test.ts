import crypto from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/lib/auth/csrf.ts';
import { ROLES, type SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { accessGuard } from '../../src/lib/server/api/access-guard.ts';
import { admits, apiRules, audienceFor, findRule, type AccessRule, type Audience } from '../../src/lib/server/auth/access-policy.ts';
import { csrfTokenFor, isStateChanging } from '../../src/lib/server/auth/csrf.ts';
import { samplePath } from '../../src/lib/server/auth/path-pattern.ts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/temp-warehouse.ts';
import { usersByRole } from './auth-fixtures.ts';

/**
 * Every route registered in the Hono app, taken from app.routes (so routes other people
 * add are picked up): 401 without a session, 403 for each role the policy does not admit,
 * through the guard for each role it does — and a route without a rule fails the test.
 */
const ADMIN_TOKEN = crypto.randomBytes(32).toString('hex');
let temp: TempWarehouse;
let app: Hono<ApiEnv>;

interface RegisteredRoute {
	method: string;
	path: string;
}

/** The app's routes without middleware (app.use registers method ALL on a wildcard path). */
function registeredRoutes(hono: Hono<ApiEnv>): RegisteredRoute[] {
	const seen = new Map<string, RegisteredRoute>();
	for (const route of hono.routes) {
		if (route.method === 'ALL' && route.path.endsWith('*')) continue;
		for (const method of route.method === 'ALL' ? ['GET', 'POST'] : [route.method]) seen.set(`${method} ${route.path}`, { method, path: route.path });
	}
	return [...seen.values()];
}

function uncoveredRoutes(routes: RegisteredRoute[], rules: readonly AccessRule[]): string[] {
	return routes.filter((route) => !findRule(rules, route.method, samplePath(route.path))).map((r) => `${r.method} ${r.path}`);
}

function audienceOf(route: RegisteredRoute): Audience {
	const found = findRule(apiRules, route.method, samplePath(route.path));
	if (!found) throw new Error(`no access rule for ${route.method} ${route.path}: add one to src/lib/server/auth/access-policy.ts`);
	return audienceFor(found.rule, found.params);
}

/** A request as the SvelteKit route passes it: cookie + CSRF header when signed in, user in c.env. */
function call(hono: Hono<ApiEnv>, method: string, path: string, user: SessionUser | null, options: { csrf?: boolean } = {}) {
	const headers = new Headers({ accept: 'application/json' });
	const sessionToken = crypto.randomBytes(32).toString('base64url');
	if (user) headers.set('cookie', `${SESSION_COOKIE}=${sessionToken}`);
	if (user && (options.csrf ?? true)) headers.set(CSRF_HEADER, csrfTokenFor(sessionToken));
	const body = isStateChanging(method) ? '{}' : undefined;
	if (body) headers.set('content-type', 'application/json');
	return hono.fetch(new Request(`http://localhost${path}`, { method, headers, body }), { user, locale: 'ru' });
}

beforeAll(async () => {
	temp = await tempWarehouse();
	app = createApiApp({ paths: temp.paths, warehouse: async () => temp.warehouse, adminToken: () => ADMIN_TOKEN }) as Hono<ApiEnv>;
});
afterAll(() => temp.close());

describe('access rules cover every API route', () => {
	it('finds the app routes, and every one has a rule', () => {
		const routes = registeredRoutes(app);
		expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/health', 'GET /api/status', 'POST /api/admin/run']));
		expect(uncoveredRoutes(routes, apiRules)).toEqual([]);
	});

	it('reports a route whose rule is missing (what makes this suite fail for a new route)', () => {
		const withoutStatus = apiRules.filter((rule) => rule.path !== '/api/status');
		expect(uncoveredRoutes(registeredRoutes(app), withoutStatus)).toEqual(['GET /api/status']);
	});
});

describe('the guard enforces the policy on every registered route', () => {
	it.each(registeredRoutesForEach())('%s', async (label) => {
		const [method, path] = label.split(' ');
		const route = { method, path };
		const audience = audienceOf(route);
		const url = samplePath(path);
		if (audience === 'public') {
			expect((await call(app, method, url, null)).status).not.toBe(401);
			return;
		}
		if (audience === 'token') {
			// Not a session route: neither no credentials nor an admin session gets in without the token.
			for (const user of [null, usersByRole.admin]) expect((await call(app, method, url, user)).status).toBe(401);
			return;
		}
		const anonymous = await call(app, method, url, null);
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
		for (const role of ROLES) {
			const response = await call(app, method, url, usersByRole[role]);
			if (admits(audience, usersByRole[role])) {
				expect(response.status, `${role} should pass the guard`).not.toBe(401);
				expect(response.status, `${role} should pass the guard`).not.toBe(403);
			} else {
				expect(response.status, `${role} should be refused`).toBe(403);
				expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
			}
		}
	});

	it('lets an admitted role reach the handler with 200 on every route (probe handlers behind the real guard)', async () => {
		const probe = new Hono<ApiEnv>();
		probe.use('*', accessGuard());
		const routes = registeredRoutes(app).filter((route) => !['public', 'token'].includes(audienceOf(route) as string));
		for (const route of routes) probe.on(route.method, route.path, (c) => c.text('reached'));
		for (const route of routes) {
			const audience = audienceOf(route);
			for (const role of ROLES) {
				const response = await call(probe, route.method, samplePath(route.path), usersByRole[role]);
				expect(response.status, `${role} ${route.method} ${route.path}`).toBe(admits(audience, usersByRole[role]) ? 200 : 403);
			}
			expect((await call(probe, route.method, samplePath(route.path), null)).status).toBe(401);
		}
	});
});

function registeredRoutesForEach(): string[] {
	// it.each needs the list at collection time: build a throwaway app with the same routes.
	const collecting = createApiApp({
		paths: { home: '', project: '', warehouse: '', inbox: '', archive: '', serverInfo: '', ingestJobs: '', models: '', dashboards: '', projectConfig: '' },
		warehouse: () => Promise.reject(new Error('not used')),
		adminToken: () => null
	}) as Hono<ApiEnv>;
	return registeredRoutes(collecting).map((route) => `${route.method} ${route.path}`);
}

describe('status codes and bodies', () => {
	it('answers a signed-in user with data and a signed-out one with 401 JSON', async () => {
		const ok = await call(app, 'GET', '/api/status', usersByRole.purchasing);
		expect(ok.status).toBe(200);
		const denied = await call(app, 'GET', '/api/status', null);
		expect(denied.status).toBe(401);
		expect(await denied.json()).toEqual({ error: { code: 'unauthenticated', message: 'sign in first' } });
	});

	it('denies a signed-in user a path that has no rule (deny by default), and 401 before that when signed out', async () => {
		const forbidden = await call(app, 'GET', '/api/no-such-area', usersByRole.executive);
		expect(forbidden.status).toBe(403);
		expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('denied by default') } });
		expect((await call(app, 'GET', '/api/no-such-area', null)).status).toBe(401);
	});

	it('refuses a state-changing request without the CSRF token, and accepts it with the token', async () => {
		const probe = new Hono<ApiEnv>();
		probe.use('*', accessGuard());
		probe.post('/api/segments/:name', (c) => c.json({ saved: c.req.param('name') }));
		const missing = await call(probe, 'POST', '/api/segments/lapsed', usersByRole.marketer, { csrf: false });
		expect(missing.status).toBe(403);
		expect(await missing.json()).toMatchObject({ error: { code: 'csrf' } });
		const wrong = await probe.fetch(
			new Request('http://localhost/api/segments/lapsed', {
				method: 'POST',
				headers: { cookie: `${SESSION_COOKIE}=${'a'.repeat(43)}`, [CSRF_HEADER]: csrfTokenFor('b'.repeat(43)) }
			}),
			{ user: usersByRole.marketer, locale: 'ru' }
		);
		expect(wrong.status).toBe(403);
		const good = await call(probe, 'POST', '/api/segments/lapsed', usersByRole.marketer);
		expect(good.status).toBe(200);
		expect(await good.json()).toEqual({ saved: 'lapsed' });
	});

	it('keeps the CLI handoff working with the server token and no session', async () => {
		const response = await app.fetch(
			new Request('http://localhost/api/admin/run', {
				method: 'POST',
				headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
				body: JSON.stringify({ argv: ['sql', 'select 6 * 7 as answer', '--format', 'json'], actor: 'test' })
			}),
			{ user: null, locale: 'ru' }
		);
		expect(response.status).toBe(200);
		const messages = (await response.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { type: string; text?: string; code?: number });
		expect(messages.at(-1)).toEqual({ type: 'exit', code: 0 });
		expect(messages.filter((m) => m.type === 'out').map((m) => m.text).join('')).toContain('"answer": 42');
	});
});
