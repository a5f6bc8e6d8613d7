import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CSRF_HEADER } from '../../auth/csrf.ts';
import { apiRules, decideAccess, type AccessContext, type AccessRule } from '../auth/access-policy.ts';
import { csrfTokenValid, isStateChanging } from '../auth/csrf.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { ApiEnv } from './context.ts';
import { errorBody } from './errors.ts';

/**
 * The access check of every /api route, installed first in createApiApp. The SvelteKit
 * hook has already turned the session cookie into c.env.user; this middleware asks the
 * policy and answers 401 `unauthenticated` (no session) or 403 `forbidden` (a role the
 * rule does not admit, or a route with no rule at all). A state-changing request of a
 * signed-in user must also carry the session's CSRF token in the `x-csrf-token` header
 * (403 `csrf`). 'public' and 'token' routes pass through: a 'token' handler checks its
 * own bearer token, and a request without cookies cannot be forged by another site.
 */
export function accessGuard(rules: readonly AccessRule[] = apiRules, context: AccessContext = {}): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		const user = c.env?.user ?? null;
		const decision = decideAccess(rules, c.req.method, c.req.path, user, context);
		if (decision.outcome === 'unauthenticated') return c.json(errorBody('unauthenticated', decision.message), 401);
		if (decision.outcome === 'forbidden') return c.json(errorBody('forbidden', decision.message), 403);
		if (decision.audience !== 'public' && decision.audience !== 'token' && isStateChanging(c.req.method)) {
			if (!csrfTokenValid(getCookie(c, SESSION_COOKIE), c.req.header(CSRF_HEADER))) {
				return c.json(errorBody('csrf', `a ${c.req.method} needs the page's CSRF token in the ${CSRF_HEADER} header; reload the page`), 403);
			}
		}
		await next();
	};
}
