import type { Role, SessionUser } from '../../auth/roles.ts';
import { managerScope, normalizeManagerName } from '../auth/manager-scope.ts';
import { dashboardCatalog } from './catalog.ts';

/**
 * May this user open a dashboard with these front-matter roles? Admin opens every
 * dashboard (as the access policy admits admin everywhere). The access policy reads the
 * same roles (dashboardRolesIn), so the menu never offers a page the guard refuses.
 * A null user only reaches the engine when sign-in is off (the guard refuses
 * anonymous requests to dashboards), so it sees everything.
 */
export function mayOpen(user: SessionUser | null, roles: readonly Role[] | null): boolean {
	if (!user) return true;
	if (user.role === 'admin') return true;
	return roles !== null && roles.includes(user.role);
}

/**
 * The access policy's view of a dashboards folder (AccessContext.dashboardRoles): the
 * roles a dashboard's file names; [] (admin only) for a file whose roles cannot be read;
 * null when there is no such dashboard.
 */
export function dashboardRolesIn(dir: string): (id: string) => readonly Role[] | null {
	return (id) => {
		const entry = dashboardCatalog(dir).get(id);
		if (!entry) return null;
		return entry.ok ? entry.dashboard.roles : (entry.roles ?? []);
	};
}

/**
 * The manager whose records a query may show ($manager_scope): the auth policy's
 * managerScope for a signed-in user (a sales manager's own name, else null; a sales
 * manager without a name is refused), trimmed and in lower case as the manager-scope
 * contract compares names — the engine compares it with `lower(trim(<scope column>))`
 * (compose-query.ts). Always from the session, never from the URL.
 */
export function scopeOf(user: SessionUser | null): string | null {
	const scope = user ? managerScope(user) : null;
	return scope === null ? null : normalizeManagerName(scope);
}
