import { resolvePaths } from '../config/paths.ts';
import type { ApiDeps } from '../api/context.ts';
import { currentServerRuntime, serverRuntime } from './server-runtime.ts';

/** API dependencies backed by the running server's runtime. */
export function serverApiDeps(): ApiDeps {
	return {
		paths: resolvePaths(),
		warehouse: async () => (await serverRuntime()).warehouse,
		adminToken: () => currentServerRuntime()?.info.token ?? null
	};
}
