import { Hono } from 'hono';
import { loadJobs } from '../../ingest/job-spec.ts';
import { warehouseInventory, type WarehouseInventory } from '../../warehouse/inventory.ts';
import type { ApiDeps } from '../context.ts';

/** Each file's entity title from ingest/*.yml («Остатки на складах» rather than stock · balances). */
function withSourceTitles(inventory: WarehouseInventory, ingestJobs: string): WarehouseInventory {
	let jobs: ReturnType<typeof loadJobs>;
	try {
		jobs = loadJobs(ingestJobs);
	} catch {
		// a broken job file is reported by ingest itself; the codes are still shown
		return inventory;
	}
	const titles = new Map(jobs.flatMap((job) => job.entities.map((entity) => [`${job.family}.${entity.name}`, entity.title] as const)));
	return { ...inventory, files: inventory.files.map((file) => ({ ...file, source_title: titles.get(`${file.family}.${file.entity}`) ?? null })) };
}

/** GET /api/status: what was loaded and built (the home page until dashboards exist). */
export function statusRoutes(deps: ApiDeps): Hono {
	const app = new Hono();
	app.get('/', async (c) => c.json(withSourceTitles(await warehouseInventory(await deps.warehouse()), deps.paths.ingestJobs)));
	return app;
}
