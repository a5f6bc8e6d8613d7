import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntilUp } from '../../helpers/local-server.ts';

/** The repository root (holds bin/, build/, src/). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const artifactsDir = path.join(repoRoot, 'test', '.artifacts');

export interface E2eServer {
	url: string;
	/** OBOROT_HOME (warehouse, inbox) and OBOROT_PROJECT (dashboards/, models/) of this server. */
	home: string;
	project: string;
	/** What the server printed so far (for failure messages). */
	output(): string;
	stop(): Promise<void>;
}

function newestMtime(target: string): number {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The tests run the BUILT app. `npm test` builds first; when sources changed since (an
 * editor saved while tests ran) the build is redone here once, under a lock, so parallel
 * test files never build at the same time (`oborot serve` would otherwise each rebuild).
 */
export async function ensureBuilt(): Promise<void> {
	const entry = path.join(repoRoot, 'build', 'handler.js');
	if (!fs.existsSync(entry)) {
		throw new Error('build/ is missing: the end-to-end tests run the built app. Run `npx vite build` (npm test does it first).');
	}
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => path.join(repoRoot, p));
	const stale = () => Math.max(...sources.map(newestMtime)) > fs.statSync(entry).mtimeMs;
	if (!stale()) return;
	fs.mkdirSync(artifactsDir, { recursive: true });
	const lock = path.join(artifactsDir, 'build.lock');
	for (let waited = 0; ; waited += 500) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch {
			if (waited > 300_000) throw new Error(`waited 5 minutes for ${lock}; remove it if no build is running`);
			await sleep(500);
		}
	}
	try {
		if (!stale()) return;
		const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
		const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], { cwd: repoRoot, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Starts `node bin/oborot.js serve --port <free>` on a temp OBOROT_HOME and OBOROT_PROJECT
 * that `prepare` fills (warehouse, users, dashboards) before the server opens them.
 */
export async function startServer(prepare: (dirs: { home: string; project: string }) => Promise<void>): Promise<E2eServer> {
	await ensureBuilt();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-e2e-'));
	const home = path.join(root, 'home');
	const project = path.join(root, 'project');
	fs.mkdirSync(home, { recursive: true });
	fs.mkdirSync(project, { recursive: true });
	await prepare({ home, project });

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'oborot.js'), 'serve', '--port', String(port)], {
		cwd: project,
		env: { ...process.env, OBOROT_HOME: home, OBOROT_PROJECT: project, NODE_ENV: 'production', ORIGIN: url },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (chunk) => (log += chunk));
	child.stderr?.on('data', (chunk) => (log += chunk));
	const output = () => log;
	try {
		await waitUntilUp(url, child, output);
	} catch (error) {
		child.kill('SIGTERM');
		throw error;
	}

	return {
		url,
		home,
		project,
		output,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await Promise.race([exited, sleep(10_000)]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			fs.rmSync(root, { recursive: true, force: true });
		}
	};
}

/**
 * Makes `project` the repository's own ingest jobs and models, linked rather than copied:
 * TypeScript models import engine code by paths relative to their real location.
 */
export function linkRepositoryProject(project: string): void {
	for (const entry of ['ingest', 'models', 'oborot.yml']) fs.symlinkSync(path.join(repoRoot, entry), path.join(project, entry));
}

export interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs `oborot <args>` on the server's home and project (or on a home with no server), as a user in another terminal would. */
export function runCli(server: Pick<E2eServer, 'home' | 'project'>, args: string[]): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'oborot.js'), ...args], {
			cwd: server.project,
			env: { ...process.env, OBOROT_HOME: server.home, OBOROT_PROJECT: server.project },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}
