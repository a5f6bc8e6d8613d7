import type { SessionUser } from '../../auth/roles.ts';
import type { OborotPaths } from '../config/paths.ts';
import type { Warehouse } from '../warehouse/index.ts';

/** What API handlers need from the process; the server passes the runtime's, tests their own. */
export interface ApiDeps {
	paths: OborotPaths;
	warehouse(): Promise<Warehouse>;
	/** The token a local CLI presents to hand a job over (null: handoff disabled). */
	adminToken(): string | null;
}

/** Per-request bindings: Hono's c.env, filled by the SvelteKit route from event.locals. */
export interface ApiBindings {
	user: SessionUser | null;
	locale: 'ru' | 'en';
}

export type ApiEnv = { Bindings: ApiBindings };
