import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
	DEFAULT_MAX_UPLOAD_BYTES,
	UPLOAD_EXTENSIONS,
	confirmHolds,
	deleteUploadMapping,
	ingestUpload,
	previewUpload,
	publishHolds,
	rebuildModels,
	receiveUpload,
	removeUpload,
	saveUploadMapping,
	savedMappingList,
	uploadSources,
	type UploadReading
} from '../../uploads/index.ts';
import { DomainError } from '../../errors.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { documentRoute } from '../openapi.ts';
import { validated } from '../validate.ts';

type Ctx = Context<ApiEnv>;

const entityName = z.string().min(1).max(100).describe('family.entity, e.g. accounting.sales');
const columnsMap = z.record(z.string().max(500), z.string().min(1).max(100)).describe('header in the file → column of the entity; headers left out are not loaded');
const dateOrder = z.enum(['day-first', 'month-first']).describe('read slash dates (3/1/2017) day-first or month-first, whatever the values show');
const ingestBody = z
	.object({
		entity: entityName.optional(),
		columns: columnsMap.nullable().optional().describe('with entity: the columns mapped by hand (null: the entity\'s aliases decide)'),
		dateOrder: dateOrder.optional()
	})
	.strict()
	.refine((body) => body.columns === undefined || body.entity !== undefined, { message: 'columns need the entity they belong to', path: ['entity'] });
const previewQuery = z.object({ entity: entityName.optional().describe('family.entity to read the file as, instead of the detected one'), dateOrder: dateOrder.optional() });
const mappingBody = z.object({ entity: entityName, columns: columnsMap.nullable(), dateOrder: dateOrder.optional() }).strict();
const saveBody = z
	.object({ name: z.string().trim().min(1).max(100), entity: entityName, columns: columnsMap, dateOrder: dateOrder.optional().describe('kept with the mapping (left out: the order the file\'s values show, if any)') })
	.strict();

/** The JSON body of /ingest as the service's reading: an entity, or an entity with columns mapped by hand. */
function readingOf(body: z.infer<typeof ingestBody>): UploadReading {
	const order = body.dateOrder ? { dateOrder: body.dateOrder } : {};
	if (body.columns !== undefined && body.entity) return { mapping: { entity: body.entity, columns: body.columns }, ...order };
	return { entity: body.entity, ...order };
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

	app.get('/', (c) => c.json({ maxBytes, extensions: UPLOAD_EXTENSIONS, sources: uploadSources(deps.paths) }));

	app.get('/mappings', (c) => c.json(savedMappingList(deps.paths)));

	app.delete('/mappings/:id', (c) => {
		deleteUploadMapping(deps.paths, c.req.param('id'));
		return c.body(null, 204);
	});

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
			// a file ingest cannot read at all is not kept: the message says what is wrong with it
			if (error instanceof DomainError && (error.kind === 'unusable' || error.kind === 'too_large')) removeUpload(deps.paths, upload.id);
			throw error;
		}
	});

	app.post('/rebuild', async (c) => c.json(await rebuildModels(deps.paths, await deps.warehouse(), actor(c))));

	app.get('/holds', async (c) => c.json(await publishHolds(await deps.warehouse())));

	app.post('/holds/confirm', async (c) => c.json(await confirmHolds(deps.paths, await deps.warehouse(), actor(c))));

	app.get('/:id/preview', validated('query', previewQuery), async (c) =>
		c.json(await previewUpload(deps.paths, await deps.warehouse(), c.req.param('id'), c.req.valid('query')))
	);

	app.post('/:id/preview', validated('json', mappingBody), async (c) => {
		const { dateOrder, ...mapping } = c.req.valid('json');
		return c.json(await previewUpload(deps.paths, await deps.warehouse(), c.req.param('id'), { mapping, dateOrder }));
	});

	app.post('/:id/ingest', validated('json', ingestBody), async (c) =>
		c.json(await ingestUpload(deps.paths, await deps.warehouse(), c.req.param('id'), { ...readingOf(c.req.valid('json')), actor: actor(c) }))
	);

	app.post('/:id/mapping', validated('json', saveBody), async (c) =>
		c.json(await saveUploadMapping(deps.paths, c.req.param('id'), { ...c.req.valid('json'), savedBy: actor(c) }), 201)
	);

	app.delete('/:id', (c) => {
		removeUpload(deps.paths, c.req.param('id'));
		return c.body(null, 204);
	});

	const tags = ['uploads'];
	documentRoute('get', '/api/uploads', { summary: 'Upload limits (maximum size in bytes, file types accepted) and every entity a file can be read as, by family', tags });
	documentRoute('post', '/api/uploads', {
		summary: 'Upload an export file (raw body, ?name=<file name>) and get the ingest preview',
		description:
			'413 over the size limit, or over a cost limit of oborot.yml `limits:` (too_many_rows, unpacked_too_large, expansion_too_high; the message in English, `ru` in Russian); 422 cell_too_long for a workbook no genuine export looks like; 415 for a type ingest cannot read. A file no entity matches is kept with preview null and the reason in unrecognized, to be mapped by hand.',
		tags,
		responses: { 201: { description: 'stored; the preview: detected family, entity, encoding, dialect, mapping (a saved mapping when the header is one), first rows, rows that would be rejected; previous load of the same bytes' } }
	});
	documentRoute('post', '/api/uploads/rebuild', { summary: 'Rebuild the models after an upload; guarded marts a load grew too much are held (in held, with why)', tags });
	documentRoute('get', '/api/uploads/holds', {
		summary: 'Marts the publish guard holds for an admin\'s confirmation: rows before and after, junk-looking rows, why (message in English, ru in Russian)',
		tags
	});
	documentRoute('post', '/api/uploads/holds/confirm', {
		summary: 'Confirm the held marts: a build publishes each up to the rows shown in holds (a load that grew it further since is held again)',
		description: '409 nothing_held when nothing is held.',
		tags
	});
	documentRoute('get', '/api/uploads/{id}/preview', {
		summary: 'Preview a stored upload again, optionally as another entity or with slash dates read in the order given',
		description: 'dialect.dateOrder says how slash dates are read and why: by: values (evidence: a value and its header that show it), assumed (nothing shows it: day-first), override (given), mapping (kept by the saved mapping).',
		tags,
		query: previewQuery,
		pathParams: { id: 'upload id' }
	});
	documentRoute('post', '/api/uploads/{id}/preview', {
		summary: 'Preview a stored upload read as an entity with columns mapped by hand (columns null: the entity\'s aliases decide)',
		description: 'The preview lists the needed columns still unmapped in missing. 422 mapping_invalid for a column the entity does not have or one mapped twice.',
		tags,
		pathParams: { id: 'upload id' }
	});
	documentRoute('post', '/api/uploads/{id}/ingest', {
		summary: 'Load a stored upload (as detected, as an entity, or with columns mapped by hand): rows read, loaded, rejected with reasons',
		description: '422 mapping_incomplete when the hand mapping leaves out a column the load needs (nothing is loaded or recorded); 413 too_many_rows when a CSV turns out longer than max_rows (recorded as failed, nothing loaded).',
		tags,
		pathParams: { id: 'upload id' }
	});
	documentRoute('post', '/api/uploads/{id}/mapping', {
		summary: 'Save the hand mapping of an upload under a name: later files with the same header are read by it (web upload, inbox, oborot ingest)',
		description: '422 mapping_incomplete when a column the load needs is unmapped; a mapping saved before for the same header is replaced (named in replaced).',
		tags,
		pathParams: { id: 'upload id' }
	});
	documentRoute('get', '/api/uploads/mappings', { summary: 'Saved mappings (and files in the mappings folder that cannot be used)', tags });
	documentRoute('delete', '/api/uploads/mappings/{id}', { summary: 'Delete a saved mapping: files with its header are detected as usual again', tags, pathParams: { id: 'mapping id' } });
	documentRoute('delete', '/api/uploads/{id}', { summary: 'Discard a stored upload', tags, pathParams: { id: 'upload id' } });
	return app;
}
