import type { RequestHandler } from './$types';
import { createApiApp } from '$lib/server/api/app.ts';
import { serverApiDeps } from '$lib/server/api/server-deps.ts';

const app = createApiApp(serverApiDeps());

// The session was resolved by the auth hook; Hono handlers read it as c.env.user.
const handle: RequestHandler = ({ request, locals }) => app.fetch(request, { user: locals.user, locale: locals.locale });

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
