import type { SessionUser } from '../../auth/roles.ts';
import { DomainError } from '../errors.ts';
import { quoteLiteral } from '../warehouse/index.ts';

/**
 * Row-level access: a sales_manager sees only own deals and customers.
 *
 * CONTRACT for query code (dashboards, customer 360, deals, drill-downs, exports):
 *  - Call `managerScope(user)` for every request that reads deals, customers, invoices,
 *    activities or anything derived per customer or deal.
 *  - null  → no row filter (every role except sales_manager).
 *  - string → the manager's name as it appears in the CRM/accounting data (the `manager`
 *    column of marts such as dim_customer, funnel, manager_kpi). Keep only the rows whose
 *    manager equals it, compared trimmed and case-insensitively (`managerFilterSql` writes
 *    that predicate). Apply it before aggregating, so totals, counts and drill-downs of
 *    a sales_manager never include other managers' rows.
 *  - A single record opened by id (a deal, a customer card) that belongs to another
 *    manager must look as if it did not exist: `ensureInManagerScope` throws not_found.
 *  - Never take the manager from the request (query string, filter bar): only from here.
 *    A manager filter chosen in the UI is an extra filter inside the scope, not a way out.
 * A sales_manager account without a manager name sees nothing (forbidden), never everything.
 */
export function managerScope(user: SessionUser): string | null {
	if (user.role !== 'sales_manager') return null;
	const name = user.managerName?.trim();
	if (!name) throw new DomainError('forbidden', 'forbidden', `the sales manager «${user.username}» has no manager name; ask an admin to set it`);
	return name;
}

/** How the scope compares names: trimmed, lower case (CRM exports differ in case and spaces). */
export function normalizeManagerName(name: string): string {
	return name.trim().toLowerCase();
}

/**
 * The SQL predicate of the scope on a column (already quoted by the caller, e.g.
 * `d.manager` or `"manager"`): `true` when unscoped. The name is a quoted literal.
 */
export function managerFilterSql(user: SessionUser, column: string): string {
	const scope = managerScope(user);
	if (scope === null) return 'true';
	return `lower(trim(${column})) = ${quoteLiteral(normalizeManagerName(scope))}`;
}

/** For a record opened by id: throws not_found unless the user may see a record of this manager. */
export function ensureInManagerScope(user: SessionUser, recordManager: string | null | undefined, what = 'record'): void {
	const scope = managerScope(user);
	if (scope === null) return;
	if (!recordManager || normalizeManagerName(recordManager) !== normalizeManagerName(scope)) {
		throw new DomainError('not_found', 'not_found', `no such ${what}`);
	}
}
