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
 * is admitted by every role list without being named. An audience may depend on a path
 * parameter (which dashboard), see `byDashboard`.
 *
 * Row level is not decided here: sales_manager sees only own deals and customers through
 * `managerScope` (manager-scope.ts), which query code must apply.
 */
export type Audience = 'public' | 'token' | 'signed-in' | readonly Role[];

/** An audience chosen by the value of a path parameter, e.g. the dashboard's name. */
export interface AudienceByParam {
	param: string;
	values: Readonly<Record<string, Audience>>;
	otherwise: Audience;
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

/**
 * The shipped dashboards by name (file name in dashboards/): a ceiling their files cannot
 * widen. A dashboard not listed here (one an analyst added) is open to every signed-in
 * role at this level and governed by the `roles:` of its own file, which the dashboards
 * engine enforces (server/dashboards/access.ts `mayOpen`: no roles → admin only) — so a
 * new dashboard needs no TypeScript.
 */
export const dashboardAudiences: Readonly<Record<string, Audience>> = {
	executive: ['executive'],
	marketing: ['executive', 'marketer'],
	purchasing: ['executive', 'purchasing'],
	sales: ['executive', 'sales_manager'],
	'customer-360': ['executive', 'marketer', 'sales_manager'],
	customers: ['executive', 'marketer', 'sales_manager'],
	'data-quality': ['admin']
};

const byDashboard = (param: string): AudienceByParam => ({ param, values: dashboardAudiences, otherwise: 'signed-in' });

const customer360: Audience = ['executive', 'marketer', 'sales_manager'];
const deals: Audience = ['executive', 'sales_manager'];

export const apiRules: readonly AccessRule[] = [
	{ methods: ['GET'], path: '/api/health', allow: 'public', why: 'liveness probe; says nothing about the data' },
	{ methods: ['POST'], path: '/api/admin/run', allow: 'token', why: 'CLI handoff, authenticated by the server token in server.json' },
	{ methods: ['GET'], path: '/api/status', allow: 'signed-in', why: 'what was loaded and built' },
	{ methods: ['GET'], path: '/api/openapi.json', allow: 'signed-in', why: 'API description' },
	{ methods: ['GET'], path: '/api/dashboards', allow: 'signed-in', why: 'the list; the handler shows only dashboards canSeeDashboard admits' },
	{ methods: '*', path: '/api/dashboards/:name/*', allow: byDashboard('name'), why: 'a dashboard and its queries, by dashboard' },
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
	{ methods: '*', path: '/dashboards', allow: 'signed-in', why: 'the list; shows only dashboards canSeeDashboard admits' },
	{ methods: '*', path: '/dashboards/:name/*', allow: byDashboard('name'), why: 'a dashboard, by dashboard' },
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

export function audienceFor(rule: AccessRule, params: Record<string, string>): Audience {
	const allow = rule.allow;
	if (typeof allow === 'string' || Array.isArray(allow)) return allow as Audience;
	const byParam = allow as AudienceByParam;
	const value = params[byParam.param];
	return value !== undefined && Object.hasOwn(byParam.values, value) ? byParam.values[value] : byParam.otherwise;
}

/** Whether a signed-in user belongs to the audience; admin belongs to every one. */
export function admits(audience: Audience, user: SessionUser): boolean {
	if (audience === 'public' || audience === 'signed-in') return true;
	if (audience === 'token') return false;
	return user.role === 'admin' || audience.includes(user.role);
}

export function decideAccess(rules: readonly AccessRule[], method: string, path: string, user: SessionUser | null): AccessDecision {
	const found = findRule(rules, method, path);
	if (!found) {
		return user
			? { outcome: 'forbidden', message: `no access rule for ${method} ${path}: denied by default` }
			: { outcome: 'unauthenticated', message: 'sign in first' };
	}
	const audience = audienceFor(found.rule, found.params);
	if (audience === 'public' || audience === 'token') return { outcome: 'allow', audience, rule: found.rule };
	if (!user) return { outcome: 'unauthenticated', message: 'sign in first' };
	if (admits(audience, user)) return { outcome: 'allow', audience, rule: found.rule };
	return { outcome: 'forbidden', message: `the role «${user.role}» may not ${method} ${path}` };
}

export const decideApiAccess = (method: string, path: string, user: SessionUser | null): AccessDecision =>
	decideAccess(apiRules, method, path, user);

export const decidePageAccess = (method: string, path: string, user: SessionUser | null): AccessDecision =>
	decideAccess(pageRules, method, path, user);

/** For dashboard lists and menus: does the policy let this user open the dashboard with this name (its file's roles apply on top)? */
export function canSeeDashboard(user: SessionUser, name: string): boolean {
	const audience = Object.hasOwn(dashboardAudiences, name) ? dashboardAudiences[name] : byDashboard('name').otherwise;
	return admits(audience, user);
}
