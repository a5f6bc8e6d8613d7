import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startServerRuntime, stopServerRuntime } from '$lib/server/runtime/server-runtime.ts';
import { serverServices } from '$lib/server/runtime/services.ts';

// The server owns the warehouse for writing from start to shutdown (DESIGN: one writer process).
export const init: ServerInit = async () => {
	if (building) return;
	await startServerRuntime({ port: Number(process.env.PORT ?? 3000), services: serverServices });
	process.once('sveltekit:shutdown' as 'exit', () => void stopServerRuntime());
};

function preferredLocale(cookie: string | undefined, acceptLanguage: string | null): 'ru' | 'en' {
	if (cookie === 'ru' || cookie === 'en') return cookie;
	return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'ru';
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = preferredLocale(event.cookies.get('locale'), event.request.headers.get('accept-language'));
	event.locals.user = null;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
};
