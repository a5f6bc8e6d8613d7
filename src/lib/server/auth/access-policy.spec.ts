import { describe, expect, it } from 'vitest';
import { ROLES, type Role, type SessionUser } from '../../auth/roles.ts';
import { apiRules, canSeeDashboard, decideApiAccess, decidePageAccess, pageRules } from './access-policy.ts';

const user = (role: Role): SessionUser => ({ username: role, displayName: role, role, managerName: role === 'sales_manager' ? 'Иванов' : null });

/** Who may do what, written out by hand from DESIGN.md ("who uses it for what") and issue 6. */
const expectations: [method: string, path: string, allowed: Role[]][] = [
	['GET', '/api/status', [...ROLES]],
	['GET', '/api/dashboards/executive', ['executive', 'admin']],
	['GET', '/api/dashboards/marketing/queries/channels', ['executive', 'marketer', 'admin']],
	['GET', '/api/dashboards/purchasing/queries/abc_xyz', ['executive', 'purchasing', 'admin']],
	['GET', '/api/dashboards/sales/drill/deals', ['executive', 'sales_manager', 'admin']],
	['GET', '/api/dashboards/data-quality', ['admin']],
	// Not a shipped dashboard: the guard admits every role, the file's own roles decide (dashboards engine).
	['GET', '/api/dashboards/some-new-analysis', [...ROLES]],
	['GET', '/api/customers/42', ['executive', 'marketer', 'sales_manager', 'admin']],
	['GET', '/api/deals/7', ['executive', 'sales_manager', 'admin']],
	['POST', '/api/segments', ['marketer', 'admin']],
	['GET', '/api/exports/segment/lapsed.csv', ['marketer', 'admin']],
	['POST', '/api/uploads', ['admin']],
	['DELETE', '/api/users/anna', ['admin']],
	['GET', '/api/access-log', ['admin']]
];

describe('the API policy follows the roles of DESIGN.md', () => {
	it.each(expectations)('%s %s', (method, path, allowed) => {
		for (const role of ROLES) {
			expect(decideApiAccess(method, path, user(role)).outcome, `${role}`).toBe(allowed.includes(role) ? 'allow' : 'forbidden');
		}
		expect(decideApiAccess(method, path, null).outcome).toBe('unauthenticated');
	});

	it('leaves the health check public and the CLI handoff to its token', () => {
		expect(decideApiAccess('GET', '/api/health', null)).toMatchObject({ outcome: 'allow', audience: 'public' });
		expect(decideApiAccess('POST', '/api/admin/run', null)).toMatchObject({ outcome: 'allow', audience: 'token' });
		expect(decideApiAccess('GET', '/api/admin/run', user('admin')).outcome).toBe('forbidden');
	});

	it('denies what has no rule, and says so', () => {
		expect(decideApiAccess('GET', '/api/secret', user('admin'))).toEqual({
			outcome: 'forbidden',
			message: 'no access rule for GET /api/secret: denied by default'
		});
		expect(decideApiAccess('PUT', '/api/status', user('admin')).outcome).toBe('forbidden');
	});
});

describe('the page policy', () => {
	it('opens the login page to everyone and sends the rest through sign-in', () => {
		expect(decidePageAccess('GET', '/login', null).outcome).toBe('allow');
		expect(decidePageAccess('POST', '/login', null).outcome).toBe('allow');
		expect(decidePageAccess('GET', '/', null).outcome).toBe('unauthenticated');
		expect(decidePageAccess('GET', '/dashboards/sales', null).outcome).toBe('unauthenticated');
	});

	it('keeps each role to its pages', () => {
		expect(decidePageAccess('GET', '/dashboards/purchasing', user('marketer')).outcome).toBe('forbidden');
		expect(decidePageAccess('GET', '/dashboards/purchasing', user('purchasing')).outcome).toBe('allow');
		expect(decidePageAccess('GET', '/segments/new', user('executive')).outcome).toBe('forbidden');
		expect(decidePageAccess('GET', '/uploads', user('executive')).outcome).toBe('forbidden');
		expect(decidePageAccess('GET', '/admin/users', user('admin')).outcome).toBe('allow');
		expect(decidePageAccess('GET', '/customers/42', user('purchasing')).outcome).toBe('forbidden');
		expect(decidePageAccess('GET', '/customers/42', user('sales_manager')).outcome).toBe('allow');
	});

	it('has valid patterns throughout', () => {
		for (const rule of [...apiRules, ...pageRules]) expect(() => decideApiAccess('GET', rule.path.replace('*', 'x'), null)).not.toThrow();
	});
});

describe('canSeeDashboard', () => {
	it('admits per dashboard, admin everywhere', () => {
		expect(canSeeDashboard(user('purchasing'), 'purchasing')).toBe(true);
		expect(canSeeDashboard(user('purchasing'), 'sales')).toBe(false);
		expect(canSeeDashboard(user('sales_manager'), 'sales')).toBe(true);
		expect(canSeeDashboard(user('executive'), 'data-quality')).toBe(false);
		expect(canSeeDashboard(user('admin'), 'data-quality')).toBe(true);
		expect(canSeeDashboard(user('purchasing'), 'stock-cover')).toBe(true);
	});
});
