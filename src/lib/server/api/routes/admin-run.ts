import { Hono } from 'hono';
import { tokensEqual } from '../../handoff/server-info.ts';
import type { HandoffMessage, HandoffRequest } from '../../handoff/protocol.ts';
import { handedJob, runHandedJob } from '../../jobs/handoff.ts';
import type { ApiDeps } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * POST /api/admin/run: a local `oborot` CLI hands its job to this server, which owns
 * the warehouse file and runs the job from the jobs catalogue. Authenticated by the
 * token in server.json (mode 600); output is streamed back as NDJSON so progress
 * shows while the job runs.
 */
export function adminRunRoutes(deps: ApiDeps): Hono {
	const app = new Hono();
	app.post('/run', async (c) => {
		const expected = deps.adminToken();
		const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
		if (!expected || !tokensEqual(given, expected)) throw new ApiError(401, 'bad_token', 'a valid server token is required');
		const request = (await c.req.json()) as HandoffRequest;
		if (!Array.isArray(request.argv) || request.argv.some((arg) => typeof arg !== 'string')) {
			throw new ApiError(400, 'bad_request', 'argv must be an array of strings');
		}
		const [name, ...argv] = request.argv;
		const job = await handedJob(name);
		if (!job) {
			throw new ApiError(400, 'not_runnable', `the server does not run «${name ?? ''}» for a CLI`);
		}
		const warehouse = await deps.warehouse();
		const encoder = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				const send = (message: HandoffMessage) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
				await runHandedJob(job, argv, { paths: deps.paths, warehouse, actor: `${request.actor ?? 'cli'} (cli)`, send });
				controller.close();
			}
		});
		return new Response(stream, { headers: { 'content-type': 'application/x-ndjson' } });
	});
	return app;
}
