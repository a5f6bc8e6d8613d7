import type { RequestHandler } from './$types';
import { createApiApp } from '$lib/server/api/app.ts';
import { serverApiDeps } from '$lib/server/runtime/api-deps.ts';

const app = createApiApp(serverApiDeps());

const handle: RequestHandler = ({ request }) => app.fetch(request);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
