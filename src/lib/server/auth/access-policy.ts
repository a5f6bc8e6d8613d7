import type { Role, SessionUser } from '../../auth/roles.ts';
import { compilePathPattern, type PathMatcher } from './path-pattern.ts';

/**
 * The one place that says who may use which API route and which page.
 *
 * Deny by default: a request that matches no rule is refused (401 when signed out, 403
 * when signed in), and test/integration/auth-api-routes.test.ts fails for any route
 * registered in the Hono app, or any page under src/routes, that has no rule here.
 * Adding a route therefore means adding (or consciously reusing) a rule below.
 *
 * Rule format: `methods` ('*' or a list; HEAD counts as GET), `path` in Hono syntax
 * (`:param` one segment, a final `*` the rest of the path including nothing), `allow`
 * the audience, `why` one line for the reader. The first matching rule wins, so put
 * specific rules before the wildcard rule of their area.
 *
 * Audiences: 'public' (anyone), 'token' (no session: the handler checks its own bearer
 * token), 'signed-in' (any role), or a list of roles. `admin` may do everything, so it
 * is admitted by every role list without being named. A dashboard's audience is the
 * `roles:` of its own file (`byDashboard`), read through the AccessContext the caller
 * passes — so a dashboard, shipped or new, needs no TypeScript.
 *
 * Row level is not decided here: sales_manager sees only own deals and customers through
 * `managerScope` (manager-scope.ts), which query code must apply.
 */
export type Audience = 'public' | 'token' | 'signed-in' | readonly Role[];

/** An audience read from the dashboard file that a path parameter names. */
export interface AudienceByParam {
	param: string;
	/** When no file of that name exists (the dashboards engine then answers 404), or without a context. */
	otherwise: Audience;
}

/** What the policy cannot know by itself: the roles each dashboard file names. */
export interface AccessContext {
	/**
	 * The `roles:` of dashboards/<name>.md; [] (admin only) when the file's roles cannot be
	 * read; null when there is no such dashboard.
	 */
	dashboardRoles?(name: string): readonly Role[] | null;
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface AccessRule {
	methods: readonly HttpMethod[] | '*';
	path: string;
	allow: Audience | AudienceByParam;
	why: string;
}

export type AccessDecision =
	| { outcome: 'allow'; audience: Audience; rule: AccessRule }
	| { outcome: 'unauthenticated'; message: string }
	| { outcome: 'forbidden'; message: string };

const byDashboard = (param: string): AudienceByParam => ({ param, otherwise: 'signed-in' });

const customer360: Audience = ['executive', 'marketer', 'sales_manager'];
const deals: Audience = ['executive', 'sales_manager'];

export const apiRules: readonly AccessRule[] = [
	{ methods: ['GET'], path: '/api/health', allow: 'public', why: 'liveness probe; says nothing about the data' },
	{ methods: ['POST'], path: '/api/admin/run', allow: 'token', why: 'CLI handoff, authenticated by the server token in server.json' },
	{ methods: ['GET'], path: '/api/status', allow: 'signed-in', why: 'what was loaded and built' },
	{ methods: ['GET'], path: '/api/openapi.json', allow: 'signed-in', why: 'API description' },
	{ methods: ['GET'], path: '/api/dashboards', allow: 'signed-in', why: 'the list; the handler shows only the dashboards whose roles admit the user' },
	{ methods: '*', path: '/api/dashboards/:name/*', allow: byDashboard('name'), why: 'a dashboard and its queries: the roles of its file' },
	{ methods: '*', path: '/api/customers/*', allow: customer360, why: 'customer 360; sales_manager scoped to own customers' },
	{ methods: '*', path: '/api/deals/*', allow: deals, why: 'deals; sales_manager scoped to own deals' },
	{ methods: '*', path: '/api/segments/*', allow: ['marketer'], why: 'segment builder' },
	{ methods: '*', path: '/api/exports/*', allow: ['marketer'], why: 'segment exports (logged)' },
	{ methods: '*', path: '/api/uploads/*', allow: ['admin'], why: 'browser uploads of export files' },
	{ methods: '*', path: '/api/users/*', allow: ['admin'], why: 'users and roles' },
	{ methods: '*', path: '/api/access-log/*', allow: ['admin'], why: 'who saw what' },
	{ methods: '*', path: '/api/data-quality/*', allow: ['admin'], why: 'rejected rows, duplicates, dead souls' },
	{ methods: '*', path: '/api/builds/*', allow: ['admin'], why: 'load and build history, rebuilds' },
	{ methods: '*', path: '/api/schedule/*', allow: ['admin'], why: 'scheduled jobs' }
];

/** Pages: methods do not matter (form actions share their page's rule). /api is left to apiRules. */
export const pageRules: readonly AccessRule[] = [
	{ methods: '*', path: '/login', allow: 'public', why: 'sign in' },
	{ methods: '*', path: '/logout', allow: 'public', why: 'sign out (a no-op when signed out)' },
	{ methods: '*', path: '/_app/*', allow: 'public', why: 'built assets' },
	{ methods: '*', path: '/favicon.png', allow: 'public', why: 'icon' },
	{ methods: '*', path: '/favicon.svg', allow: 'public', why: 'icon' },
	{ methods: '*', path: '/favicon.ico', allow: 'public', why: 'icon' },
	{ methods: '*', path: '/robots.txt', allow: 'public', why: 'crawlers' },
	{ methods: '*', path: '/', allow: 'signed-in', why: 'home: each role lands on its dashboards' },
	{ methods: '*', path: '/dashboards', allow: 'signed-in', why: 'the list; shows only the dashboards whose roles admit the user' },
	{ methods: '*', path: '/dashboards/:name/*', allow: byDashboard('name'), why: 'a dashboard: the roles of its file' },
	{ methods: '*', path: '/customers/*', allow: customer360, why: 'customer 360; sales_manager scoped to own customers' },
	{ methods: '*', path: '/deals/*', allow: deals, why: 'deals; sales_manager scoped to own deals' },
	{ methods: '*', path: '/segments/*', allow: ['marketer'], why: 'segment builder' },
	{ methods: '*', path: '/exports/*', allow: ['marketer'], why: 'segment exports' },
	{ methods: '*', path: '/uploads/*', allow: ['admin'], why: 'browser uploads' },
	{ methods: '*', path: '/admin/*', allow: ['admin'], why: 'users, access log, loads and builds' },
	{ methods: '*', path: '/users/*', allow: ['admin'], why: 'users and roles' },
	{ methods: '*', path: '/access-log/*', allow: ['admin'], why: 'who saw what' },
	{ methods: '*', path: '/data-quality/*', allow: ['admin'], why: 'data quality' }
];

const matchers = new WeakMap<AccessRule, PathMatcher>();

function matcherOf(rule: AccessRule): PathMatcher {
	let matcher = matchers.get(rule);
	if (!matcher) {
		matcher = compilePathPattern(rule.path);
		matchers.set(rule, matcher);
	}
	return matcher;
}

/** The first rule for this method and path with the path's parameters, or null. */
export function findRule(
	rules: readonly AccessRule[],
	method: string,
	path: string
): { rule: AccessRule; params: Record<string, string> } | null {
	const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
	for (const rule of rules) {
		if (rule.methods !== '*' && !(rule.methods as readonly string[]).includes(verb)) continue;
		const params = matcherOf(rule).match(path);
		if (params) return { rule, params };
	}
	return null;
}

export function audienceFor(rule: AccessRule, params: Record<string, string>, context: AccessContext = {}): Audience {
	const allow = rule.allow;
	if (typeof allow === 'string' || Array.isArray(allow)) return allow as Audience;
	const byParam = allow as AudienceByParam;
	const value = params[byParam.param];
	const roles = value === undefined ? null : (context.dashboardRoles?.(value) ?? null);
	return roles ?? byParam.otherwise;
}

/** Whether a signed-in user belongs to the audience; admin belongs to every one. */
export function admits(audience: Audience, user: SessionUser): boolean {
	if (audience === 'public' || audience === 'signed-in') return true;
	if (audience === 'token') return false;
	return user.role === 'admin' || audience.includes(user.role);
}

export function decideAccess(
	rules: readonly AccessRule[],
	method: string,
	path: string,
	user: SessionUser | null,
	context: AccessContext = {}
): AccessDecision {
	const found = findRule(rules, method, path);
	if (!found) {
		return user
			? { outcome: 'forbidden', message: `no access rule for ${method} ${path}: denied by default` }
			: { outcome: 'unauthenticated', message: 'sign in first' };
	}
	const audience = audienceFor(found.rule, found.params, context);
	if (audience === 'public' || audience === 'token') return { outcome: 'allow', audience, rule: found.rule };
	if (!user) return { outcome: 'unauthenticated', message: 'sign in first' };
	if (admits(audience, user)) return { outcome: 'allow', audience, rule: found.rule };
	return { outcome: 'forbidden', message: `the role «${user.role}» may not ${method} ${path}` };
}

export const decideApiAccess = (method: string, path: string, user: SessionUser | null, context: AccessContext = {}): AccessDecision =>
	decideAccess(apiRules, method, path, user, context);

export const decidePageAccess = (method: string, path: string, user: SessionUser | null, context: AccessContext = {}): AccessDecision =>
	decideAccess(pageRules, method, path, user, context);
