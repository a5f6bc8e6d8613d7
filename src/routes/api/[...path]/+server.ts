import type { RequestHandler } from './$types';
import { createApiApp } from '$lib/server/api/app.ts';

const app = createApiApp();

const handle: RequestHandler = ({ request }) => app.fetch(request);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
