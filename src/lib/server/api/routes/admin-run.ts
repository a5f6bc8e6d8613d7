import { Hono } from 'hono';
import { bufferedOutput } from '../../../../cli/output.ts';
import { loadCommand } from '../../../../cli/registry.ts';
import { runCommandHere } from '../../../../cli/run-command.ts';
import { tokensEqual } from '../../handoff/server-info.ts';
import type { HandoffMessage, HandoffRequest } from '../../handoff/protocol.ts';
import type { ApiDeps } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * POST /api/admin/run: a local `oborot` CLI hands its command to this server, which
 * owns the warehouse file. Authenticated by the token in server.json (mode 600);
 * output is streamed back as NDJSON so progress shows while the job runs.
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
		const command = name ? await loadCommand(name) : undefined;
		if (!command || command.warehouse === 'none') {
			throw new ApiError(400, 'not_runnable', `the server does not run «${name ?? ''}» for a CLI`);
		}
		const warehouse = await deps.warehouse();
		const encoder = new TextEncoder();
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				const send = (message: HandoffMessage) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
				const out = bufferedOutput((stream, text) => send({ type: stream, text }));
				const run = () =>
					runCommandHere(command, argv, {
						paths: deps.paths,
						out,
						actor: `${request.actor ?? 'cli'} (cli)`,
						warehouse: () => Promise.resolve(warehouse)
					});
				// Writes queue behind the scheduler's jobs; reads run at once.
				const code = command.warehouse === 'write' ? await warehouse.exclusive(run) : await run();
				send({ type: 'exit', code });
				controller.close();
			}
		});
		return new Response(stream, { headers: { 'content-type': 'application/x-ndjson' } });
	});
	return app;
}
