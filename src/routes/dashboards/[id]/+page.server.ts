import type { PageServerLoad } from './$types';
import { throwPageError } from '$lib/server/api/page-errors.ts';
import { DashboardError } from '$lib/server/dashboards/errors.ts';
import { DomainError } from '$lib/server/errors.ts';
import { PERIOD_PRESETS } from '$lib/dashboards/filters.ts';
import { dashboardStatus, filtersFor, openDashboard, type DashboardRequest } from '$lib/server/dashboards/service.ts';
import type { Dashboard } from '$lib/dashboards/contract.ts';
import { serverRuntime } from '$lib/server/runtime/server-runtime.ts';

/** The page needs the layout, not the SQL: queries run through the API. */
function forPage(dashboard: Dashboard) {
	const { queries, ...rest } = dashboard;
	return { ...rest, queryNames: Object.keys(queries) };
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const runtime = await serverRuntime();
	const request: DashboardRequest = {
		dashboardsDir: runtime.paths.dashboards,
		warehouse: async () => runtime.warehouse,
		user: locals.user,
		locale: locals.locale,
		ingestJobs: runtime.paths.ingestJobs
	};
	try {
		const dashboard = openDashboard(request, params.id);
		const base = { id: params.id, dashboard: forPage(dashboard), periodPresets: PERIOD_PRESETS };
		try {
			const filters = filtersFor(request, dashboard, url.searchParams);
			return { ...base, state: 'ok' as const, filters, ...(await dashboardStatus(request, dashboard)), filterError: null };
		} catch (e) {
			// A hand-edited URL with a bad date: say so, and offer the dashboard without filters.
			if (e instanceof DomainError && e.code === 'bad_filter') return { ...base, state: 'bad_filter' as const, filters: null, problems: [], notices: {}, dataAsOf: [], filterError: e.message };
			throw e;
		}
	} catch (e) {
		if (e instanceof DashboardError && e.code === 'dashboard_invalid') {
			return { id: params.id, state: 'invalid' as const, title: e.title, message: e.message, problems: e.problems };
		}
		throwPageError(e);
	}
};
