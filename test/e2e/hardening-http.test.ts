import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_FIELD, CSRF_HEADER } from '../../src/lib/auth/csrf.ts';
import { createUsers } from '../../src/lib/server/auth/users.ts';
import { csrfTokenFor } from '../../src/lib/server/auth/csrf.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { readServerInfo } from '../../src/lib/server/handoff/server-info.ts';
import { createSegment } from '../../src/lib/server/segments/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { loadSegmentMarts } from '../fixtures/segments/fixture.ts';
import { linkRepositoryProject, repoRoot, startServer, type E2eServer } from './harness/server.ts';

/**
 * The built server over plain http on an address that is not `localhost` (as on a LAN),
 * started under umask 022 with a 1 MB upload limit: security headers on pages, API
 * answers and downloads; the session cookie's deletion; a chunked upload over the limit;
 * the modes of the files it writes; and the CLI when the server dies under a handed-off build.
 */
const ADMIN = { username: 'admin', password: 'admin-hardening-pass', role: 'admin' } as const;
const MARKETER = { username: 'marina', password: 'marina-hardening-pass', role: 'marketer' } as const;

let server: E2eServer;
let previousUmask: number;

beforeAll(async () => {
	previousUmask = process.umask(0o022);
	process.env.OBOROT_UPLOAD_LIMIT_MB = '1';
	server = await startServer(async ({ home, project }) => {
		linkRepositoryProject(project);
		const warehouse = await Warehouse.open(resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project }).warehouse);
		try {
			await createUsers(warehouse, [ADMIN, MARKETER]);
			await loadSegmentMarts(warehouse);
			await createSegment(warehouse, { name: 'Казань', definition: { conditions: [{ type: 'city', values: ['Казань'] }] } }, 'marina');
		} finally {
			warehouse.close();
		}
		// As an older version or a careless copy left it.
		fs.chmodSync(home, 0o755);
	});
});

afterAll(async () => {
	delete process.env.OBOROT_UPLOAD_LIMIT_MB;
	await server?.stop();
	process.umask(previousUmask);
});

interface Session {
	cookie: string;
	csrf: string;
}

/** Signs in through the /login form, as a browser posts it. */
async function signIn(user: { username: string; password: string }): Promise<Session> {
	const response = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: user.username, password: user.password })
	});
	expect(response.status, await response.clone().text()).toBe(303);
	const token = /oborot_session=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];
	if (!token) throw new Error('no session cookie');
	return { cookie: `oborot_session=${token}`, csrf: csrfTokenFor(token) };
}

function expectSecurityHeaders(response: Response, what: string): void {
	const csp = response.headers.get('content-security-policy') ?? '';
	expect(csp, what).toContain("frame-ancestors 'none'");
	expect(response.headers.get('x-frame-options'), what).toBe('DENY');
	expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
	expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
}

describe('security headers', () => {
	it('a page carries a CSP whose scripts are allowed by nonce or hash, never by unsafe-inline', async () => {
		const response = await fetch(`${server.url}/login`);
		expect(response.status).toBe(200);
		expectSecurityHeaders(response, 'the login page');
		const csp = response.headers.get('content-security-policy')!;
		const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'|'sha256-/);
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(scriptSrc).not.toContain('unsafe-eval');
		expect(csp).toContain("object-src 'none'");
		// The page's own bootstrapping script carries the nonce the header names.
		const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
		if (nonce) expect(await response.text()).toContain(`nonce="${nonce}"`);
	});

	it('an API answer and a download carry them too', async () => {
		const health = await fetch(`${server.url}/api/health`);
		expectSecurityHeaders(health, '/api/health');
		expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");

		const session = await signIn(MARKETER);
		const list = await fetch(`${server.url}/api/segments`, { headers: { cookie: session.cookie } });
		expect(list.status).toBe(200);
		expectSecurityHeaders(list, '/api/segments');

		const download = await fetch(`${server.url}/api/exports/segments/${encodeURIComponent('Казань')}`, { headers: { cookie: session.cookie } });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toContain('attachment;');
		expectSecurityHeaders(download, 'the export download');
		await download.text();
	});
});

describe('the session cookie over plain http on a LAN address', () => {
	const sessionCookies = (response: Response) => response.headers.getSetCookie().filter((c) => c.startsWith('oborot_session='));

	it('is deleted on logout the way it was set: without Secure, which a browser would ignore over http', async () => {
		const session = await signIn(ADMIN);
		const response = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie: session.cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ [CSRF_FIELD]: session.csrf })
		});
		expect(response.status).toBe(303);
		const [deletion] = sessionCookies(response);
		expect(deletion).toMatch(/^oborot_session=;/);
		expect(deletion).toMatch(/Max-Age=0/i);
		expect(deletion).toMatch(/HttpOnly/i);
		expect(deletion).not.toMatch(/Secure/i);
		// and the session is over
		expect((await fetch(`${server.url}/api/status`, { headers: { cookie: session.cookie } })).status).toBe(401);
	});

	it('an unknown session cookie is cleared without Secure too', async () => {
		const response = await fetch(`${server.url}/api/health`, { headers: { cookie: `oborot_session=${'x'.repeat(43)}` } });
		const [deletion] = sessionCookies(response);
		expect(deletion).toMatch(/^oborot_session=;/);
		expect(deletion).not.toMatch(/Secure/i);
	});
});

describe('a chunked upload over the size limit', () => {
	it('gets a 413 with a JSON message, not a dropped connection, and the server keeps serving', async () => {
		const session = await signIn(ADMIN);
		const chunk = new TextEncoder().encode(`${'Иванов;100;2024-01-01\n'.repeat(4000)}`); // ~100 KB
		let sent = 0;
		// 3 MB in 100 KB pieces, with no Content-Length: the limit (1 MB) is only seen while streaming.
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= 3 * 1024 * 1024) return controller.close();
				sent += chunk.byteLength;
				controller.enqueue(chunk);
			}
		});
		const response = await fetch(`${server.url}/api/uploads?name=${encodeURIComponent('большой.csv')}`, {
			method: 'POST',
			headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf, 'content-type': 'text/csv' },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(await response.json()).toEqual({
			error: { code: 'too_large', message: 'the file is larger than the upload limit of 1 MB: split it, or put it in the inbox folder for the scheduler' }
		});
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
		// nothing of it is kept
		expect(fs.readdirSync(path.join(server.home, 'uploads'))).toEqual([]);
	});
});

describe('files the running server writes, started under umask 022', () => {
	it('its home is 0700 and every file in it 0600, the WAL included', async () => {
		const session = await signIn(ADMIN);
		// a few writes: the session, the access log
		await fetch(`${server.url}/api/status`, { headers: { cookie: session.cookie } });
		const entries: [string, number, boolean][] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				entries.push([path.relative(server.home, full), fs.statSync(full).mode & 0o777, entry.isDirectory()]);
				if (entry.isDirectory()) walk(full);
			}
		};
		walk(server.home);
		expect(entries.map(([name]) => name)).toEqual(expect.arrayContaining(['warehouse.duckdb', 'warehouse.duckdb.wal', 'server.json']));
		expect((fs.statSync(server.home).mode & 0o777).toString(8)).toBe('700');
		for (const [name, mode, isDir] of entries) expect(mode.toString(8), name).toBe(isDir ? '700' : '600');
	});
});

describe('the CLI when the server dies under a handed-off build', () => {
	let dying: E2eServer;
	beforeAll(async () => {
		dying = await startServer(async ({ project }) => {
			// One model that takes a while: a count over ten billion generated rows.
			fs.mkdirSync(path.join(project, 'models', 'marts'), { recursive: true });
			fs.writeFileSync(path.join(project, 'oborot.yml'), 'name: slow\n');
			fs.writeFileSync(
				path.join(project, 'models', 'marts', 'slow_count.sql'),
				'select count(*) as n from range(10000000000) as t(i) where (i * 2654435761) % 1000003 = 7\n'
			);
		});
	});
	afterAll(async () => {
		await dying?.stop();
	});

	it('says in one sentence that the server stopped, with no stack trace', async () => {
		const info = readServerInfo(path.join(dying.home, 'server.json'));
		expect(info).not.toBeNull();
		const cli = spawn(process.execPath, [path.join(repoRoot, 'bin', 'oborot.js'), 'build'], {
			cwd: dying.project,
			env: { ...process.env, OBOROT_HOME: dying.home, OBOROT_PROJECT: dying.project },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		cli.stderr.on('data', (chunk) => (stderr += chunk));
		const exited = new Promise<number | null>((resolve) => cli.on('close', resolve));
		// kill -9 the server once it has the job
		await expect.poll(() => stderr, { timeout: 60_000 }).toContain('running on the oborot server');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		process.kill(info!.pid, 'SIGKILL');
		expect(await exited).toBe(1);
		expect(stderr).not.toMatch(/\n\s+at |TypeError|SocketError|undici|terminated/);
		expect(stderr.trim().split('\n').at(-1)).toBe(
			`error: the oborot server (pid ${info!.pid}) stopped before the job finished: see what it logged, start it again and rerun the command`
		);
	});
});
