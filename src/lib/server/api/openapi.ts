import { Hono } from 'hono';
import { z } from 'zod';

/**
 * The OpenAPI 3.1 description of /api, generated from the Hono app's own route table
 * at request time, so every route appears, including ones nobody documented. Route
 * modules add a summary, parameters and responses with `documentRoute`.
 */

export interface RouteDoc {
	summary: string;
	description?: string;
	tags?: string[];
	/** Query-string parameters (a zod object: each key one parameter). */
	query?: z.ZodObject;
	/** Descriptions of path parameters by name. */
	pathParams?: Record<string, string>;
	responses?: Record<number, { description: string; contentType?: string; schema?: z.ZodType }>;
}

const docs = new Map<string, RouteDoc>();
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Documents a route; `path` in OpenAPI form with the /api prefix, e.g. /api/dashboards/{id}. */
export function documentRoute(method: (typeof METHODS)[number], path: string, doc: RouteDoc): void {
	docs.set(`${method} ${path}`, doc);
}

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Hono's `/a/:id/:file{[a-z_]+\.csv}` → OpenAPI's `/a/{id}/{file}.csv`. */
export function openApiPath(honoPath: string): { path: string; params: string[] } {
	const params: string[] = [];
	const path = honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{((?:[^{}]|\{[^{}]*\})*)\})?\??/g, (_, name: string, _r, regex?: string) => {
		params.push(name);
		const suffix = regex ? /\\\.([A-Za-z0-9]+)\$?$/.exec(regex) : null;
		return `{${name}}${suffix ? `.${suffix[1]}` : ''}`;
	});
	return { path: path.length > 1 ? path.replace(/\/$/, '') : path, params };
}

function jsonSchema(schema: z.ZodType): unknown {
	// OpenAPI 3.1 schemas are JSON Schema 2020-12; the document states it once, not per schema.
	const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
	return rest;
}

function operation(method: string, path: string, params: string[], doc: RouteDoc | undefined) {
	const parameters: unknown[] = params.map((name) => ({
		name,
		in: 'path',
		required: true,
		schema: { type: 'string' },
		...(doc?.pathParams?.[name] ? { description: doc.pathParams[name] } : {})
	}));
	for (const [name, field] of Object.entries(doc?.query?.shape ?? {})) {
		const schema = field as z.ZodType;
		parameters.push({ name, in: 'query', required: !schema.safeParse(undefined).success, schema: jsonSchema(schema), description: schema.description });
	}
	const responses: Record<string, unknown> = {};
	for (const [status, response] of Object.entries(doc?.responses ?? { 200: { description: 'OK' } })) {
		const type = response.contentType ?? 'application/json';
		responses[status] = { description: response.description, content: { [type]: response.schema ? { schema: jsonSchema(response.schema) } : {} } };
	}
	responses.default = { description: 'An error: { error: { code, message } }', content: { 'application/json': { schema: jsonSchema(errorSchema) } } };
	return {
		operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
		summary: doc?.summary ?? `${method.toUpperCase()} ${path}`,
		...(doc?.description ? { description: doc.description } : {}),
		...(doc ? {} : { description: 'Not documented yet: add documentRoute(...) beside the route (src/lib/server/api/openapi.ts).' }),
		tags: doc?.tags ?? [path.split('/')[2] ?? 'api'],
		parameters,
		responses
	};
}

/** The OpenAPI document for these routes (Hono's app.routes). */
export function openApiDocument(routes: readonly { method: string; path: string }[]) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of routes) {
		const method = route.method.toLowerCase();
		// app.use(...) middleware shows up as ALL on a wildcard path: it is not an endpoint.
		if (method === 'all' && route.path.endsWith('*')) continue;
		const { path, params } = openApiPath(route.path);
		for (const m of method === 'all' ? METHODS : [method]) {
			if (!(METHODS as readonly string[]).includes(m)) continue;
			(paths[path] ??= {})[m] = operation(m, path, params, docs.get(`${m} ${path}`));
		}
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'oborot API',
			version: '1',
			description: 'Dashboards, their queries and drill-downs, status and administration of an oborot warehouse. Numbers are JSON numbers; dates are ISO strings. Every error is { error: { code, message } }.'
		},
		components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'oborot_session' } } },
		security: [{ session: [] }],
		paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)))
	};
}

/** GET /api/openapi.json for an app; reads its routes when asked, so routes added later appear. */
export function openApiRoutes(app: { routes: readonly { method: string; path: string }[] }): Hono {
	const router = new Hono();
	router.get('/', (c) => c.json(openApiDocument(app.routes)));
	documentRoute('get', '/api/openapi.json', { summary: 'This API description (OpenAPI 3.1)', tags: ['meta'] });
	documentRoute('get', '/api/health', { summary: 'Liveness probe', tags: ['meta'] });
	documentRoute('get', '/api/status', { summary: 'What was loaded and built: recent files, row counts per table, recent builds', tags: ['status'] });
	return router;
}
