import { Hono } from 'hono';
import { warehouseInventory } from '../../warehouse/inventory.ts';
import type { ApiDeps } from '../context.ts';

/** GET /api/status: what was loaded and built (the home page until dashboards exist). */
export function statusRoutes(deps: ApiDeps): Hono {
	const app = new Hono();
	app.get('/', async (c) => c.json(await warehouseInventory(await deps.warehouse())));
	return app;
}
