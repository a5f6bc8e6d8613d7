import type { Role, SessionUser } from '../../auth/roles.ts';
import { canSeeDashboard } from '../auth/access-policy.ts';
import { managerScope } from '../auth/manager-scope.ts';

/**
 * May this user open a dashboard with these front-matter roles? Admin opens every
 * dashboard (as the access policy admits admin everywhere). The access policy's own
 * table must admit the user too, so the menu never offers a page the guard refuses.
 * A null user only reaches the engine when sign-in is off (the guard refuses
 * anonymous requests to dashboards), so it sees everything.
 */
export function mayOpen(user: SessionUser | null, id: string, roles: readonly Role[] | null): boolean {
	if (!user) return true;
	if (!canSeeDashboard(user, id)) return false;
	if (user.role === 'admin') return true;
	return roles !== null && roles.includes(user.role);
}

/**
 * The manager whose records a query may show ($manager_scope): the auth policy's
 * managerScope for a signed-in user (a sales manager's own name, else null; a sales
 * manager without a name is refused). Always from the session, never from the URL.
 */
export function scopeOf(user: SessionUser | null): string | null {
	return user ? managerScope(user) : null;
}
