import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import {
	DEFAULT_MAX_UPLOAD_BYTES,
	UPLOAD_EXTENSIONS,
	ingestUpload,
	previewUpload,
	rebuildModels,
	receiveUpload,
	removeUpload
} from '../../uploads/index.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { documentRoute } from '../openapi.ts';

type Ctx = Context<ApiEnv>;

const ingestBody = z.object({ entity: z.string().min(1).max(100).optional() }).strict();
const previewQuery = z.object({ entity: z.string().min(1).max(100).optional().describe('family.entity to read the file as, instead of the detected one') });

function invalid(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	if (!result.success && result.error) {
		const issue = result.error.issues[0];
		throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
	}
}

/** The upload size limit: OBOROT_UPLOAD_LIMIT_MB, else 200 MB. */
export function uploadLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
	const mb = Number(env.OBOROT_UPLOAD_LIMIT_MB);
	return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * /api/uploads (admin): the browser sends a file as the raw request body
 * (POST /api/uploads?name=<file name>), the server streams it to a temp folder under
 * the size limit and answers with the ingest preview; the admin confirms
 * (POST /:id/ingest) and sees rows read, loaded and rejected with reasons, then may
 * rebuild the models (POST /rebuild).
 */
export function uploadRoutes(deps: ApiDeps, options: { maxBytes?: number } = {}): Hono<ApiEnv> {
	const maxBytes = options.maxBytes ?? uploadLimitBytes();
	const app = new Hono<ApiEnv>();
	const actor = (c: Ctx) => c.env?.user?.username ?? 'unknown';

	app.get('/', (c) => c.json({ maxBytes, extensions: UPLOAD_EXTENSIONS }));

	app.post('/', async (c) => {
		const name = c.req.query('name');
		if (!name) throw new ApiError(400, 'no_file_name', 'give the file name: POST /api/uploads?name=<file name> with the file as the body');
		const length = c.req.header('content-length');
		const upload = await receiveUpload(
			deps.paths,
			{ name, body: c.req.raw.body as AsyncIterable<Uint8Array> | null, declaredSize: length ? Number(length) : null, actor: actor(c) },
			{ maxBytes }
		);
		try {
			return c.json(await previewUpload(deps.paths, await deps.warehouse(), upload.id), 201);
		} catch (error) {
			// a file ingest cannot read is not kept: the message says what is wrong with it
			if (error instanceof ApiError && error.status === 422) removeUpload(deps.paths, upload.id);
			throw error;
		}
	});

	app.post('/rebuild', async (c) => c.json(await rebuildModels(deps.paths, await deps.warehouse(), actor(c))));

	app.get('/:id/preview', zValidator('query', previewQuery, invalid), async (c) =>
		c.json(await previewUpload(deps.paths, await deps.warehouse(), c.req.param('id'), { entity: c.req.valid('query').entity }))
	);

	app.post('/:id/ingest', zValidator('json', ingestBody, invalid), async (c) =>
		c.json(await ingestUpload(deps.paths, await deps.warehouse(), c.req.param('id'), { entity: c.req.valid('json').entity, actor: actor(c) }))
	);

	app.delete('/:id', (c) => {
		removeUpload(deps.paths, c.req.param('id'));
		return c.body(null, 204);
	});

	const tags = ['uploads'];
	documentRoute('get', '/api/uploads', { summary: 'Upload limits: maximum size in bytes and the file types accepted', tags });
	documentRoute('post', '/api/uploads', {
		summary: 'Upload an export file (raw body, ?name=<file name>) and get the ingest preview',
		description: '413 over the size limit, 415 for a type ingest cannot read, 422 when the file is no known export (the message names the missing columns).',
		tags,
		responses: { 201: { description: 'stored; the preview: detected family, entity, encoding, dialect, mapping, first rows; previous load of the same bytes' } }
	});
	documentRoute('post', '/api/uploads/rebuild', { summary: 'Rebuild the models after an upload', tags });
	documentRoute('get', '/api/uploads/{id}/preview', { summary: 'Preview a stored upload again, optionally as another entity', tags, query: previewQuery, pathParams: { id: 'upload id' } });
	documentRoute('post', '/api/uploads/{id}/ingest', { summary: 'Load a stored upload: rows read, loaded, rejected with reasons', tags, pathParams: { id: 'upload id' } });
	documentRoute('delete', '/api/uploads/{id}', { summary: 'Discard a stored upload', tags, pathParams: { id: 'upload id' } });
	return app;
}
