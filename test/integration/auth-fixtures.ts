import { ROLES, type Role, type SessionUser } from '../../src/lib/auth/roles.ts';
import type { Clock } from '../../src/lib/server/auth/clock.ts';

/** One signed-in user per role, as the hook would put in locals.user. */
export const usersByRole: Record<Role, SessionUser> = Object.fromEntries(
	ROLES.map((role) => [
		role,
		{ username: `${role}-user`, displayName: role, role, managerName: role === 'sales_manager' ? 'Петрова Анна' : null }
	])
) as Record<Role, SessionUser>;

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2025-03-01T09:00:00Z')): Clock & { advance(ms: number): void } {
	let now = start.getTime();
	const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
	clock.advance = (ms) => {
		now += ms;
	};
	return clock;
}
