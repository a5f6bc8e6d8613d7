import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** The JSON error shape of every /api route. */
export interface ApiError {
	error: { code: string; message: string };
}

export function createApiApp(): Hono {
	const app = new Hono().basePath('/api');
	app.get('/health', (c) => c.json({ ok: true }));
	app.notFound((c) => c.json<ApiError>({ error: { code: 'not_found', message: `no API route ${c.req.method} ${c.req.path}` } }, 404));
	app.onError((error, c) => {
		if (error instanceof HTTPException) {
			return c.json<ApiError>({ error: { code: 'http_' + error.status, message: error.message } }, error.status);
		}
		console.error(error);
		return c.json<ApiError>({ error: { code: 'internal', message: error.message } }, 500);
	});
	return app;
}
