import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { CSRF_HEADER } from '../../src/lib/auth/csrf.ts';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { csrfTokenFor } from '../../src/lib/server/auth/csrf.ts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';
import { usersByRole } from './auth-fixtures.ts';
import { sandbox, type Sandbox } from './ingest/helpers.ts';

/**
 * The uploads API as the browser calls it, in-process: the real guard, a session cookie
 * and the CSRF header of the signed-in user (the admin unless told otherwise).
 */
export function uploadsClient(paths: OborotPaths, warehouse: () => Warehouse, options: { limitMb?: string } = {}) {
	const app = appWithLimit(paths, warehouse, options.limitMb);
	const request = (method: string, url: string, user: SessionUser | null = usersByRole.admin, body?: BodyInit | null, headers: Record<string, string> = {}) => {
		const all = new Headers(headers);
		const session = crypto.randomBytes(32).toString('base64url');
		if (user) {
			all.set('cookie', `${SESSION_COOKIE}=${session}`);
			all.set(CSRF_HEADER, csrfTokenFor(session));
		}
		const init: RequestInit & { duplex?: 'half' } = { method, headers: all, body: body ?? undefined };
		if (body instanceof ReadableStream) init.duplex = 'half';
		return app.fetch(new Request(`http://localhost${url}`, init), { user, locale: 'ru' });
	};
	return {
		request,
		/** POST /api/uploads?name=… with the bytes as the body. */
		upload: (name: string, bytes: string | Uint8Array, user: SessionUser | null = usersByRole.admin) =>
			request('POST', `/api/uploads?name=${encodeURIComponent(name)}`, user, (typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes) as BodyInit),
		/** A JSON request as the admin. */
		json: (method: string, url: string, body: unknown) => request(method, url, usersByRole.admin, JSON.stringify(body), { 'content-type': 'application/json' })
	};
}

export type UploadsClient = ReturnType<typeof uploadsClient>;

/** A temp warehouse and OBOROT_HOME over the repository's ingest jobs, with the uploads API on them. */
export async function uploadsSandbox(): Promise<{ box: Sandbox; api: UploadsClient }> {
	const box = await sandbox();
	return { box, api: uploadsClient(box.paths, () => box.warehouse) };
}

/** The API app with OBOROT_UPLOAD_LIMIT_MB set while it is made (the limit is read then). */
function appWithLimit(paths: OborotPaths, warehouse: () => Warehouse, limitMb?: string): Hono<ApiEnv> {
	const previous = process.env.OBOROT_UPLOAD_LIMIT_MB;
	if (limitMb) process.env.OBOROT_UPLOAD_LIMIT_MB = limitMb;
	else delete process.env.OBOROT_UPLOAD_LIMIT_MB;
	try {
		return createApiApp({ paths, warehouse: async () => warehouse(), adminToken: () => null }) as Hono<ApiEnv>;
	} finally {
		if (previous === undefined) delete process.env.OBOROT_UPLOAD_LIMIT_MB;
		else process.env.OBOROT_UPLOAD_LIMIT_MB = previous;
	}
}

/**
 * The uploads API on a project of its own: a copy of the repository's ingest jobs that
 * `prepare` adds to (an oborot.yml, models), a temp OBOROT_HOME and warehouse.
 */
export async function uploadsProject(prefix: string, prepare: (project: string) => void) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const project = path.join(dir, 'project');
	fs.cpSync(path.join(repoRoot, 'ingest'), path.join(project, 'ingest'), { recursive: true });
	prepare(project);
	const paths = resolvePaths({ OBOROT_HOME: path.join(dir, 'home'), OBOROT_PROJECT: project });
	const warehouse = await Warehouse.open(paths.warehouse);
	return {
		dir,
		paths,
		warehouse,
		api: uploadsClient(paths, () => warehouse),
		close() {
			warehouse.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
