import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { createAuthHandle } from '$lib/server/auth/auth-handle.ts';
import { keepFilesPrivate } from '$lib/server/config/private-files.ts';
import { withSecurityHeaders } from '$lib/server/security-headers.ts';
import { dashboardRolesIn } from '$lib/server/dashboards/access.ts';
import { currentServerRuntime, serverRuntime, startServerRuntime, stopServerRuntime } from '$lib/server/runtime/server-runtime.ts';
import { serverServices } from '$lib/server/runtime/services.ts';

// The server owns the warehouse for writing from start to shutdown (DESIGN: one writer process).
export const init: ServerInit = async () => {
	if (building) return;
	keepFilesPrivate();
	await startServerRuntime({ port: Number(process.env.PORT ?? 3000), services: serverServices });
	process.once('sveltekit:shutdown' as 'exit', () => void stopServerRuntime());
};

function preferredLocale(cookie: string | undefined, acceptLanguage: string | null): 'ru' | 'en' {
	if (cookie === 'ru' || cookie === 'en') return cookie;
	return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'ru';
}

// Session cookie → locals.user, page policy and CSRF (src/lib/server/auth/auth-handle.ts).
const authenticate = createAuthHandle({
	warehouse: async () => (await serverRuntime()).warehouse,
	// The page policy reads each dashboard's roles from its file (dashboards/<id>.md).
	access: {
		dashboardRoles: (id) => {
			const runtime = currentServerRuntime();
			return runtime ? dashboardRolesIn(runtime.paths.dashboards)(id) : null;
		}
	}
});

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = preferredLocale(event.cookies.get('locale'), event.request.headers.get('accept-language'));
	const response = await authenticate({
		event,
		resolve: (resolved, options) =>
			resolve(resolved, { ...options, transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) })
	});
	return withSecurityHeaders(response);
};
