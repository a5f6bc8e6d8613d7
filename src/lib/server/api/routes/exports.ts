import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { systemClock, type Clock } from '../../auth/clock.ts';
import { contentDisposition, prepareSegmentExport, recentExports, type CsvDelimiter } from '../../exports/index.ts';
import { EXPORT_CHANNELS } from '../../segments/index.ts';
import type { ApiDeps, ApiEnv } from '../context.ts';
import { documentRoute } from '../openapi.ts';
import { validated } from '../validate.ts';

const DELIMITERS: Record<string, CsvDelimiter> = { comma: ',', semicolon: ';', tab: '\t' };

export const exportQuerySchema = z.object({
	format: z.enum(['csv', 'xlsx']).default('csv').describe('csv or xlsx'),
	channel: z.enum(EXPORT_CHANNELS).default('all').describe('all, email, sms or messenger: whose consent applies and which address columns the file has'),
	delimiter: z.enum(['comma', 'semicolon', 'tab']).default('comma').describe('CSV only; semicolon also writes decimal commas (Russian Excel)')
});

const historyQuery = z.object({ segment: z.string().optional().describe('only this segment') });

/**
 * /api/exports: a saved segment as CSV or XLSX, streamed from the warehouse to the
 * browser (the body is produced while it downloads; a slow reader holds the query
 * back), and the export history. Every finished export is in audit.exports and
 * audit.access_log.
 */
export function exportRoutes(deps: ApiDeps, options: { clock?: Clock } = {}): Hono<ApiEnv> {
	const clock = options.clock ?? systemClock;
	const app = new Hono<ApiEnv>();

	app.get('/', validated('query', historyQuery), async (c) => {
		return c.json({ exports: await recentExports(await deps.warehouse(), { segment: c.req.valid('query').segment }) });
	});

	app.get('/segments/:name', validated('query', exportQuerySchema), async (c) => {
		const query = c.req.valid('query');
		const prepared = await prepareSegmentExport(await deps.warehouse(), {
			segment: c.req.param('name'),
			format: query.format,
			channel: query.channel,
			delimiter: DELIMITERS[query.delimiter],
			locale: c.env?.locale ?? 'ru',
			username: c.env?.user?.username ?? 'unknown',
			via: 'web',
			clock
		});
		const body = new PassThrough();
		// Errors after the first byte abort the download (the stream is destroyed) and are logged by run().
		prepared.run(body).catch((error: Error) => console.error(`export of «${prepared.segment.name}» failed: ${error.message}`));
		return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
			headers: {
				'content-type': prepared.contentType,
				'content-disposition': contentDisposition(prepared.fileName),
				'cache-control': 'no-store',
				'x-content-type-options': 'nosniff',
				'x-oborot-contact-ranking': prepared.ranking
			}
		});
	});

	documentRoute('get', '/api/exports', { summary: 'Export history (audit.exports), newest first', tags: ['exports'], query: historyQuery });
	documentRoute('get', '/api/exports/segments/{name}', {
		summary: 'Download a saved segment as CSV or XLSX (streamed; logged)',
		description:
			'One row per resolved customer: best phone and e-mail, name, city, channel, manager, RFM segment, purchases, revenue, predicted value, p_alive, birthday. Dead souls and customers who refused the channel are left out; text cells starting with = + - @ tab CR LF are prefixed with an apostrophe.',
		tags: ['exports'],
		query: exportQuerySchema,
		pathParams: { name: 'saved segment name (URL-encoded)' },
		responses: {
			200: { description: 'the file', contentType: 'text/csv' },
			404: { description: 'no such segment' },
			409: { description: 'the marts are not built yet' }
		}
	});
	return app;
}
