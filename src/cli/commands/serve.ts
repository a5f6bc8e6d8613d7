import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { liveServer } from '../../lib/server/handoff/server-info.ts';
import { UsageError, type Command } from '../../lib/server/jobs/command.ts';
import { ensureWebBuild, packageRoot } from '../web-build.ts';

export interface ServeOptions {
	port: number;
	host: string;
}

export function parseServeArgs(argv: string[]): ServeOptions {
	const { values } = parseArgs({
		args: argv,
		options: { port: { type: 'string', default: process.env.PORT ?? '3000' }, host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' } }
	});
	const port = Number(values.port);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`bad port «${values.port}»`);
	return { port, host: values.host ?? '127.0.0.1' };
}

/**
 * Starts the built SvelteKit server in this process. It opens the warehouse for
 * writing in its init hook and keeps running until SIGINT/SIGTERM.
 */
export async function startWebServer(options: ServeOptions): Promise<void> {
	process.env.PORT = String(options.port);
	process.env.HOST = options.host;
	// Uploads of exports are large; adapter-node's default limit is 512 KB.
	process.env.BODY_SIZE_LIMIT ??= String(512 * 1024 * 1024);
	// Without ORIGIN or PROTOCOL_HEADER adapter-node takes every request for https: SvelteKit
	// then refuses our own form posts (origin check) and session cookies get Secure on plain
	// http. Behind a TLS proxy set ORIGIN or PROTOCOL_HEADER and this stays out of the way.
	const plainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (plainHttp) process.env.PROTOCOL_HEADER = 'x-oborot-protocol';
	const { server } = (await import(pathToFileURL(path.join(packageRoot, 'build', 'index.js')).href)) as {
		server: { server: import('node:http').Server };
	};
	if (plainHttp) server.server.prependListener('request', (req) => void (req.headers['x-oborot-protocol'] = 'http'));
}

const serve: Command = {
	name: 'serve',
	summary: 'serve the web app, API and scheduler (owns the warehouse)',
	usage: 'serve [--port 3000] [--host 127.0.0.1]',
	warehouse: 'none',
	async run(argv, ctx) {
		const options = parseServeArgs(argv);
		const running = liveServer(ctx.paths.serverInfo);
		if (running) {
			ctx.out.error(`an oborot server (pid ${running.pid}) already serves this warehouse on port ${running.port}`);
			return 1;
		}
		ensureWebBuild(ctx.out);
		await startWebServer(options);
		ctx.out.info(`oborot is running on http://localhost:${options.port}  (warehouse ${ctx.paths.warehouse})`);
		// Keep the process alive: the HTTP server owns the event loop until a signal stops it.
		await new Promise<void>((resolve) => process.once('sveltekit:shutdown' as 'exit', () => resolve()));
		return 0;
	}
};

export default serve;
