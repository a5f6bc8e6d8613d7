import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { systemClock, type Clock } from '../../auth/clock.ts';
import {
	DefinitionError,
	countSegment,
	createSegment,
	deleteSegment,
	getSegment,
	listSegments,
	parseDefinition,
	previewSegment,
	segmentChoices,
	segmentInputSchema,
	updateSegment
} from '../../segments/index.ts';
import { segmentNameMessage, type SegmentNameProblem } from '../../segments/segment-name.ts';
import type { ApiBindings, ApiDeps, ApiEnv } from '../context.ts';
import { ApiError, handleApiError } from '../errors.ts';
import { documentRoute } from '../openapi.ts';

type Ctx = Context<ApiEnv>;

const previewBody = z.object({ definition: z.unknown() }).strict();

function validJson<T extends z.ZodType>(schema: T) {
	return zValidator('json', schema, (result, c) => {
		if (!result.success) {
			const issue = result.error.issues[0];
			const params = issue.code === 'custom' ? (issue.params as { problem?: SegmentNameProblem; name?: string } | undefined) : undefined;
			if (params?.problem) throw new ApiError(400, 'bad_segment_name', segmentNameMessage(params.problem, params.name ?? '', (c.env as ApiBindings | undefined)?.locale ?? 'ru'));
			throw new ApiError(400, 'bad_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
		}
	});
}

/**
 * /api/segments: the segment builder's API (marketer and admin, see access-policy.ts).
 * Handlers translate HTTP; the work is in server/segments. A definition that does not
 * validate answers 400 `bad_definition` with every issue and its path.
 */
export function segmentRoutes(deps: ApiDeps, options: { clock?: Clock } = {}): Hono<ApiEnv> {
	const clock = options.clock ?? systemClock;
	const app = new Hono<ApiEnv>();
	const actor = (c: Ctx) => c.env?.user?.username ?? 'unknown';
	const locale = (c: Ctx) => c.env?.locale ?? 'ru';
	const name = (c: Ctx) => c.req.param('name') as string;

	app.get('/', async (c) => c.json({ segments: await listSegments(await deps.warehouse()) }));

	app.get('/choices', async (c) => c.json(await segmentChoices(await deps.warehouse())));

	app.post('/preview', validJson(previewBody), async (c) => {
		const definition = parseDefinition(c.req.valid('json').definition);
		return c.json(await previewSegment(await deps.warehouse(), definition, { today: clock(), locale: locale(c) }));
	});

	app.post('/', validJson(segmentInputSchema), async (c) => {
		const segment = await createSegment(await deps.warehouse(), c.req.valid('json'), actor(c), clock);
		return c.json({ segment }, 201);
	});

	app.get('/:name', async (c) => {
		const warehouse = await deps.warehouse();
		const segment = await getSegment(warehouse, name(c));
		return c.json({ segment, counts: await countSegment(warehouse, segment.definition, { today: clock() }) });
	});

	app.put('/:name', validJson(segmentInputSchema), async (c) => {
		const segment = await updateSegment(await deps.warehouse(), name(c), c.req.valid('json'), actor(c), clock);
		return c.json({ segment });
	});

	app.delete('/:name', async (c) => {
		await deleteSegment(await deps.warehouse(), name(c));
		return c.body(null, 204);
	});

	app.onError((error, c) => {
		if (error instanceof DefinitionError) return c.json({ error: { code: 'bad_definition', message: error.message, issues: error.issues } }, 400);
		return handleApiError(error, c);
	});
	documentSegmentRoutes();
	return app;
}

function documentSegmentRoutes(): void {
	const tags = ['segments'];
	documentRoute('get', '/api/segments', { summary: 'Saved segments (name, definition, owner, timestamps)', tags });
	documentRoute('get', '/api/segments/choices', { summary: 'What the builder offers: RFM segments, channels, cities, categories with customer counts; the as-of date', tags });
	documentRoute('post', '/api/segments/preview', {
		summary: 'Live count and first 20 customers of an unsaved definition',
		description: 'Body { definition }. Counts: customers, dead souls, rows an export of each channel would have, customers reachable by each channel.',
		tags
	});
	documentRoute('post', '/api/segments', { summary: 'Save a new segment { name, description?, definition }; 409 when the name is taken', tags });
	documentRoute('get', '/api/segments/{name}', { summary: 'A saved segment with its current counts', tags, pathParams: { name: 'segment name (URL-encoded)' } });
	documentRoute('put', '/api/segments/{name}', { summary: 'Change a saved segment (definition, description, or name)', tags, pathParams: { name: 'segment name' } });
	documentRoute('delete', '/api/segments/{name}', { summary: 'Delete a saved segment', tags, pathParams: { name: 'segment name' } });
}
