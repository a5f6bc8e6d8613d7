import { Hono } from 'hono';
import type { ApiDeps } from './context.ts';
import { errorBody, handleApiError } from './errors.ts';
import { adminRunRoutes } from './routes/admin-run.ts';
import { statusRoutes } from './routes/status.ts';

export function createApiApp(deps: ApiDeps): Hono {
	const app = new Hono().basePath('/api');
	app.get('/health', (c) => c.json({ ok: true }));
	app.route('/status', statusRoutes(deps));
	app.route('/admin', adminRunRoutes(deps));
	app.notFound((c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));
	app.onError(handleApiError);
	return app;
}
