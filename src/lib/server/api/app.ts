import { Hono } from 'hono';
import { apiRules } from '../auth/access-policy.ts';
import { dashboardRolesIn } from '../dashboards/access.ts';
import { accessGuard } from './access-guard.ts';
import type { ApiDeps, ApiEnv } from './context.ts';
import { errorBody, handleApiError } from './errors.ts';
import { openApiRoutes } from './openapi.ts';
import { adminRunRoutes } from './routes/admin-run.ts';
import { dashboardRoutes } from './routes/dashboards.ts';
import { exportRoutes } from './routes/exports.ts';
import { segmentRoutes } from './routes/segments.ts';
import { statusRoutes } from './routes/status.ts';
import { uploadRoutes } from './routes/uploads.ts';

export function createApiApp(deps: ApiDeps): Hono<ApiEnv> {
	const app = new Hono<ApiEnv>().basePath('/api');
	// First: every route is checked against the access policy (deny by default).
	app.use('*', accessGuard(apiRules, { dashboardRoles: dashboardRolesIn(deps.paths.dashboards) }));
	app.get('/health', (c) => c.json({ ok: true }));
	app.route('/status', statusRoutes(deps));
	app.route('/admin', adminRunRoutes(deps));
	app.route('/dashboards', dashboardRoutes(deps));
	app.route('/segments', segmentRoutes(deps));
	app.route('/exports', exportRoutes(deps));
	app.route('/uploads', uploadRoutes(deps));
	app.route('/openapi.json', openApiRoutes(app));
	app.notFound((c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));
	app.onError(handleApiError);
	return app;
}
