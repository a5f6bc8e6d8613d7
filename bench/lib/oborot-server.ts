// `oborot serve` in a child process for a benchmark: a user to sign in with, a free port on
// loopback, the session cookie from the real /login form, and the server's peak RSS at the end.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort, waitUntilUp } from '../../test/helpers/local-server.ts';

export interface RunningServer {
	baseUrl: string;
	/** `oborot_session=…`, for request headers. */
	cookie: string;
	username: string;
	password: string;
	/** Stops the server (SIGTERM) and returns its peak RSS. */
	stop(): Promise<{ maxRssMb: number | null }>;
}


/** Adds an admin through the CLI, or sets its password when it exists (the warehouse must not be served yet). */
export function addAdmin(root: string, env: Record<string, string>, username: string, password: string): void {
	const cli = (args: string[]) =>
		spawnSync(process.execPath, [path.join(root, 'bin/oborot.js'), 'users', ...args, '--password-stdin'], {
			cwd: root,
			env: { ...process.env, ...env },
			input: `${password}\n`,
			encoding: 'utf8'
		});
	let result = cli(['add', username, '--role', 'admin']);
	if (result.status !== 0 && /already exists/.test(result.stderr)) result = cli(['passwd', username]);
	if (result.status !== 0) throw new Error(`oborot users add failed: ${result.stderr || result.stdout}`);
}

/** POST /login as the form does (SvelteKit checks the Origin of form posts). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		// accept: text/html, or SvelteKit answers as to an enhanced form (JSON, no redirect).
		headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password }).toString(),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('oborot_session='));
	if (response.status !== 303 || !cookie) throw new Error(`sign-in as ${username} failed: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
	return cookie.split(';')[0];
}

interface Launched {
	stop(): Promise<{ maxRssMb: number | null }>;
}

/** One `oborot serve` child; resolves once /api/health answers, rejects with its output if it exits first. */
async function launch(root: string, env: Record<string, string>, baseUrl: string, port: number): Promise<Launched> {
	const child = spawn(process.execPath, [path.join(root, 'bench/lib/measure.js'), 'bin/oborot.js', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
	let running = true;
	void exited.then(() => (running = false));
	const stop = async () => {
		if (running) child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		await exited;
		clearTimeout(timer);
		const measured = /__MEASURE__ (\{.*\})/.exec(output);
		return { maxRssMb: measured ? Math.round((JSON.parse(measured[1]) as { maxRssMb: number }).maxRssMb) : null };
	};
	try {
		await waitUntilUp(baseUrl, child, () => output.slice(-3000), 20 * 60_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { stop };
}

/**
 * Starts `oborot serve` on OBOROT_HOME `home` (through bench/lib/measure.js for the peak RSS)
 * and waits for /api/health. A start may rebuild the web app (vite build) when sources
 * changed; in the shared working tree a build running at the same time can make it fail,
 * so a failed vite build is retried.
 */
export async function startServer(root: string, home: string, log: (message: string) => void): Promise<RunningServer> {
	const env = { OBOROT_HOME: home, OBOROT_PROJECT: root, NO_COLOR: '1' };
	const username = 'bench';
	const password = crypto.randomBytes(18).toString('base64url');
	addAdmin(root, env, username, password);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	let launched: Launched | null = null;
	for (let attempt = 1; !launched; attempt++) {
		try {
			launched = await launch(root, env, baseUrl, port);
		} catch (error) {
			if (attempt >= 3 || !/vite build failed/.test((error as Error).message)) throw error;
			log(`vite build failed (attempt ${attempt}); trying again in 30 s`);
			await new Promise((resolve) => setTimeout(resolve, 30_000));
		}
	}
	log(`oborot serve ready on ${baseUrl}`);
	try {
		return { baseUrl, cookie: await signIn(baseUrl, username, password), username, password, stop: launched.stop };
	} catch (error) {
		await launched.stop();
		throw error;
	}
}
