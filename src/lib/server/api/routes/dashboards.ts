import { Hono, type Context } from 'hono';
import { toCsv } from '../../dashboards/csv.ts';
import { PERIOD_PRESETS } from '../../../dashboards/filters.ts';
import {
	dashboardStatus,
	exportDashboardQuery,
	filtersFor,
	listDashboards,
	openDashboard,
	runDashboardQuery,
	type DashboardRequest
} from '../../dashboards/service.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { validated } from '../validate.ts';
import { dashboardDocs, filterQuery } from './dashboards-docs.ts';

type Ctx = Context<ApiEnv>;

/**
 * /api/dashboards: the dashboards a role may open, their parsed specs, and each named
 * query as JSON or CSV (the filters come from the query string; drill parameters too
 * on /drill). The handlers only translate HTTP; the work is in server/dashboards.
 */
export function dashboardRoutes(deps: ApiDeps): Hono<ApiEnv> {
	const app = new Hono<ApiEnv>();
	const request = (c: Ctx): DashboardRequest => ({
		dashboardsDir: deps.paths.dashboards,
		warehouse: deps.warehouse,
		user: c.env?.user ?? null,
		locale: c.env?.locale ?? 'ru',
		ingestJobs: deps.paths.ingestJobs
	});
	const validQuery = validated('query', filterQuery, 'bad_filter');
	const search = (c: Ctx) => new URL(c.req.url).searchParams;
	const csvName = (name: string) => name.replace(/\.csv$/, '');

	const sendCsv = async (c: Ctx, drill: boolean) => {
		const id = c.req.param('id') as string;
		const query = csvName(c.req.param('query') as string);
		const result = await exportDashboardQuery(request(c), { id, query, search: search(c), drill });
		return c.body(toCsv(result.columns, result.rows), 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${id}-${query}.csv"`,
			...(result.truncated ? { 'x-oborot-truncated': 'true' } : {})
		});
	};

	app.get('/', (c) => c.json({ dashboards: listDashboards(request(c)) }));

	app.get('/:id', validQuery, async (c) => {
		const req = request(c);
		const dashboard = openDashboard(req, c.req.param('id'));
		const filters = filtersFor(req, dashboard, search(c));
		return c.json({ dashboard, filters, periodPresets: PERIOD_PRESETS, ...(await dashboardStatus(req, dashboard)) });
	});

	app.get('/:id/queries/:query{[A-Za-z0-9_]+\\.csv}', validQuery, (c) => sendCsv(c, false));
	app.get('/:id/queries/:query', validQuery, async (c) =>
		c.json(await runDashboardQuery(request(c), { id: c.req.param('id'), query: c.req.param('query'), search: search(c) }))
	);
	app.get('/:id/drill/:query{[A-Za-z0-9_]+\\.csv}', validQuery, (c) => sendCsv(c, true));
	app.get('/:id/drill/:query', validQuery, async (c) =>
		c.json(await runDashboardQuery(request(c), { id: c.req.param('id'), query: c.req.param('query'), search: search(c), drill: true }))
	);

	dashboardDocs();
	return app;
}
