import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';

/** A warehouse of its own in a temp dir (OBOROT_HOME and OBOROT_PROJECT), closed and removed by close(). */
export interface TempWarehouse {
	dir: string;
	paths: OborotPaths;
	warehouse: Warehouse;
	close(): void;
}

export async function tempWarehouse(prefix = 'oborot-'): Promise<TempWarehouse> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const paths = resolvePaths({ OBOROT_HOME: dir, OBOROT_PROJECT: dir });
	const warehouse = await Warehouse.open(paths.warehouse);
	return {
		dir,
		paths,
		warehouse,
		close() {
			warehouse.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
