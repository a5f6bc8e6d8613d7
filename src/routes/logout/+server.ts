import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { logoutAction } from '$lib/server/auth/login-action.ts';
import { serverRuntime } from '$lib/server/runtime/server-runtime.ts';

// Sign out with a POST form carrying the _csrf field (the hook checks it); a GET only goes to the login page.
export const POST: RequestHandler = async (event) => logoutAction(event, (await serverRuntime()).warehouse);
export const GET: RequestHandler = () => redirect(303, '/login');
