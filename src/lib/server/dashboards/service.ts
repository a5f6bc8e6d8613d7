import type { SessionUser } from '../../auth/roles.ts';
import { logAccess } from '../auth/access-log.ts';
import { dataAsOf } from '../freshness/data-as-of.ts';
import { martNotices, noticesFor } from '../freshness/mart-notices.ts';
import { parsedRelations, relationsRead } from '../freshness/query-relations.ts';
import { sourceFamilies } from '../freshness/source-families.ts';
import { readModelStates } from '../transform/model-state.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { mayOpen, scopeOf } from './access.ts';
import { paramValues, requestDrillValues, requestFilters } from './bind-params.ts';
import { dashboardCatalog } from './catalog.ts';
import { DashboardError, summariseProblems } from './errors.ts';
import { localToday } from './period.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { checkSelect, QueryError, runSelect, type RawQueryResult } from './run-query.ts';
import { composeQuery, ownSql, queryOrder, sourceLine, type ComposedQuery } from './compose-query.ts';
import type { Dashboard, DashboardEntry, DashboardProblem, DashboardSummary, FamilyAsOf, MartNotice, QueryResult, RequestFilters } from '../../dashboards/contract.ts';

/** Who asks and where the dashboards and data are; the API and the pages build one per request. */
export interface DashboardRequest {
	dashboardsDir: string;
	warehouse(): Promise<Warehouse>;
	user: SessionUser | null;
	locale: 'ru' | 'en';
	/** The calendar day presets are relative to (tests pin it). */
	today?: string;
	/** ingest/ (the job files): the export families' names for "data as of" and missing-data notices. */
	ingestJobs?: string;
}


/** JSON rows are capped; the CSV of the same query has them all. */
export const MAX_JSON_ROWS = 20_000;
const MAX_CSV_ROWS = 1_000_000;

function visible(request: DashboardRequest, entry: DashboardEntry): boolean {
	if (entry.ok) return mayOpen(request.user, entry.dashboard.roles);
	// A file whose roles could not be read is shown to admins only (they fix files).
	return mayOpen(request.user, entry.roles);
}

export function listDashboards(request: DashboardRequest): DashboardSummary[] {
	return dashboardCatalog(request.dashboardsDir)
		.list()
		.filter((entry) => visible(request, entry))
		.map((entry) =>
			entry.ok
				? { id: entry.id, file: entry.file, title: entry.dashboard.title, description: entry.dashboard.description, ok: true }
				: { id: entry.id, file: entry.file, title: entry.title, description: null, ok: false, problems: entry.problems }
		);
}

/** The parsed dashboard the user may open, or a DashboardError (not found, or unusable with the file's problems). */
export function openDashboard(request: DashboardRequest, id: string): Dashboard {
	const entry = dashboardCatalog(request.dashboardsDir).get(id);
	// 404 for both: a role that may not see a dashboard does not learn it exists.
	if (!entry || !visible(request, entry)) throw new DashboardError('not_found', 'dashboard_not_found', `no dashboard «${id}»`);
	if (!entry.ok) throw new DashboardError('unusable', 'dashboard_invalid', summariseProblems(entry.problems), entry.problems, entry.title);
	return entry.dashboard;
}

/** The request's filters; a value that cannot be bound throws a bad_filter (PeriodError, FilterError). */
export function filtersFor(request: DashboardRequest, dashboard: Dashboard, search: URLSearchParams): RequestFilters {
	return requestFilters(dashboard, search, request.today ?? localToday());
}

/** What a dashboard page needs besides its file: problems of its queries, notices about the marts they read, data as of. */
export interface DashboardStatus {
	/** Queries that will not run (prepared against the current warehouse, not run). */
	problems: DashboardProblem[];
	/** Per query: the marts it reads that the last build left stale, empty for missing data or unbuilt. */
	notices: Record<string, MartNotice[]>;
	/** Per export family: the latest data in the marts and the last load. */
	dataAsOf: FamilyAsOf[];
}

export async function dashboardStatus(request: DashboardRequest, dashboard: Dashboard): Promise<DashboardStatus> {
	const warehouse = await request.warehouse();
	const families = sourceFamilies(request.ingestJobs ?? '');
	// Checked for every reader, so the analyst sees a query that would leak before a sales manager opens the page.
	const scoped = dashboard.roles.includes('sales_manager');
	return warehouse.withConnection(async (connection) => {
		const problems: DashboardProblem[] = [];
		const notices: Record<string, MartNotice[]> = {};
		const states = await readModelStates(connection, { notCurrent: true });
		for (const query of Object.values(dashboard.queries)) {
			const composed = composeQuery(dashboard, query.name);
			const found = noticesFor(states, await relationsRead(connection, composed.sql), () => families);
			if (found.length) notices[query.name] = found;
			const unscoped = scoped ? await unscopedReads(connection, dashboard, query.name) : null;
			if (unscoped) {
				problems.push(unscoped);
				continue;
			}
			const error = await checkSelect(warehouse, composed.sql);
			// A mart that was never built (or not yet for lack of data) is said by the notice, not as a broken query.
			if (error && !found.some((n) => !n.available)) problems.push(queryProblem(dashboard, composed, query.name, error));
		}
		return { problems, notices, dataAsOf: await dataAsOf(connection, families) };
	});
}

/**
 * For a sales manager every query must keep to their records: a query reading a table
 * itself (as DuckDB's parser sees it, CTEs and subqueries included) declares the column
 * naming each row's manager (scope=), or is reference data (unscoped); a query reading
 * only other queries of the file inherits their scope. The first query of the chain that
 * does neither is the problem; null when none.
 */
async function unscopedReads(connection: DuckDBConnection, dashboard: Dashboard, name: string): Promise<DashboardProblem | null> {
	for (const query of queryOrder(dashboard, name)) {
		const block = dashboard.queries[query];
		if (block.unscoped || block.scope.length) continue;
		// A statement DuckDB's parser cannot read is refused too: the check fails closed.
		const read = await parsedRelations(connection, ownSql(block));
		if (read && !read.length) continue;
		const tables = read ? read.map((r) => `${r.schema}.${r.name}`).join(', ') : 'tables DuckDB could not name';
		return {
			file: dashboard.file,
			line: block.line - 1,
			query: name,
			message: `query «${query}» reads ${tables} without a manager scope, so a sales manager would see other managers' records; name the manager's column after the query name (scope=manager), select from a scoped query, or mark it unscoped if it holds no customer or deal data`
		};
	}
	return null;
}

export function queryProblem(dashboard: Dashboard, composed: ComposedQuery, name: string, error: QueryError): DashboardProblem {
	const at = error.queryLine !== null ? sourceLine(composed, error.queryLine) : null;
	const query = dashboard.queries[at?.query ?? name];
	const line = at ? query.line + at.line - 1 : query.line - 1;
	const where = query.name === name ? '' : ` (in «${query.name}», which it selects from)`;
	return { file: dashboard.file, line, query: name, message: `query «${name}»${where}: ${error.message}` };
}

export interface QueryRequest {
	id: string;
	query: string;
	search: URLSearchParams;
	/** A drill request: the drill parameters of this query are read from the URL too. */
	drill?: boolean;
}

async function execute(request: DashboardRequest, q: QueryRequest, maxRows: number): Promise<{ dashboard: Dashboard; raw: RawQueryResult; params: Record<string, string | null> }> {
	const dashboard = openDashboard(request, q.id);
	const block = dashboard.queries[q.query];
	if (!block) {
		throw new DashboardError('not_found', 'query_not_found', `dashboard «${q.id}» has no query «${q.query}» (it has: ${Object.keys(dashboard.queries).join(', ')})`);
	}
	if (q.drill && !dashboard.drillParams[q.query]) {
		throw new DashboardError('not_found', 'drill_not_found', `no component of «${q.id}» drills into «${q.query}»`);
	}
	const filters = filtersFor(request, dashboard, q.search);
	const drill = q.drill ? requestDrillValues(dashboard, q.query, q.search) : {};
	const managerScope = scopeOf(request.user);
	const params = paramValues(filters, { managerScope, locale: request.locale }, drill);
	const composed = composeQuery(dashboard, q.query);
	const warehouse = await request.warehouse();
	if (managerScope !== null) {
		const unscoped = await warehouse.withConnection((connection) => unscopedReads(connection, dashboard, q.query));
		if (unscoped) throw new DashboardError('unusable', 'query_unscoped', `${unscoped.file}:${unscoped.line}: ${unscoped.message}`, [unscoped]);
	}
	const families = () => sourceFamilies(request.ingestJobs ?? '');
	const notices = async (connection: DuckDBConnection) => martNotices(connection, await relationsRead(connection, composed.sql), families);
	try {
		const raw = await runSelect(warehouse, composed.sql, params, { maxRows, alongside: notices });
		return { dashboard, raw, params };
	} catch (error) {
		if (!(error instanceof QueryError)) throw error;
		const problem = queryProblem(dashboard, composed, q.query, error);
		throw new DashboardError(error.timedOut ? 'timeout' : 'unusable', error.timedOut ? 'query_timeout' : 'query_failed', `${problem.file}:${problem.line}: ${problem.message}`, [problem]);
	}
}

/** Rows and column types of one dashboard query under the request's filters (and drill), and notices about the marts it read. */
export async function runDashboardQuery(request: DashboardRequest, q: QueryRequest): Promise<QueryResult> {
	const { raw, params } = await execute(request, q, MAX_JSON_ROWS);
	// The scope is the session's business; the client is told the filters it asked for.
	const { manager_scope: _scope, ...shown } = params;
	const { alongside, ...result } = raw;
	return { ...result, params: shown, notices: alongside as MartNotice[] };
}

/** All rows of a query, for a CSV download. */
export async function exportDashboardQuery(request: DashboardRequest, q: QueryRequest): Promise<RawQueryResult> {
	const { raw: withNotices } = await execute(request, q, MAX_CSV_ROWS);
	const { alongside: _notices, ...raw } = withNotices;
	const warehouse = await request.warehouse();
	if (!warehouse.readOnly) {
		// Exports are logged twice, together: the export history and the access log (who saw what).
		const target = `dashboard:${q.id}/${q.query}${q.drill ? ' (drill)' : ''}`;
		const username = request.user?.username ?? null;
		await warehouse.transaction(async (connection) => {
			await connection.run(`insert into audit.exports (username, segment, format, row_count, via) values ($1, $2, 'csv', $3, 'dashboard')`, [
				username,
				target,
				raw.rows.length
			]);
			await logAccess(connection, { username, action: 'export', target, status: 'ok', detail: JSON.stringify({ format: 'csv', rows: raw.rows.length, via: 'dashboard' }) });
		});
	}
	return raw;
}
