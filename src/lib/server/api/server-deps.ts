import { resolvePaths } from '../config/paths.ts';
import { currentServerRuntime, serverRuntime } from '../runtime/server-runtime.ts';
import type { ApiDeps } from './context.ts';

/** API dependencies backed by the running server's runtime. */
export function serverApiDeps(): ApiDeps {
	return {
		paths: resolvePaths(),
		warehouse: async () => (await serverRuntime()).warehouse,
		adminToken: () => currentServerRuntime()?.info.token ?? null
	};
}
