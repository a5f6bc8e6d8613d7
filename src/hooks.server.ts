import type { ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startServerRuntime, stopServerRuntime } from '$lib/server/runtime/server-runtime.ts';
import { serverServices } from '$lib/server/runtime/services.ts';

// The server owns the warehouse for writing from start to shutdown (DESIGN: one writer process).
export const init: ServerInit = async () => {
	if (building) return;
	await startServerRuntime({ port: Number(process.env.PORT ?? 3000), services: serverServices });
	process.once('sveltekit:shutdown' as 'exit', () => void stopServerRuntime());
};
