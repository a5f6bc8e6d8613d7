import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORDS } from '../../../src/lib/server/auth/demo-users.ts';
import { Warehouse } from '../../../src/lib/server/warehouse/index.ts';
import { copyDemoHome, demoHome, repoRoot, type DemoHome } from '../../helpers/demo-home.ts';

/**
 * The shipped dashboards (dashboards/*.md) over the demo company, for a server of
 * startServer: a private copy of the shared demo warehouse (built once per run by
 * test/helpers/demo-home.ts, with the demo logins) and a copy of the repository's dashboards
 * and ingest job files (the export families a dashboard's "data as of" names).
 */
export async function prepareDemoProject({ home, project }: { home: string; project: string }): Promise<void> {
	await copyDemoHome(home);
	for (const part of ['dashboards', 'ingest']) fs.cpSync(path.join(repoRoot, part), path.join(project, part), { recursive: true });
}

/** The documented demo sign-ins (README); the sales manager is the demo's first manager. */
export async function demoUsers(demo: DemoHome) {
	const manager = demo.logins.find((l) => l.role === 'sales_manager');
	if (!manager) throw new Error('the demo has no sales manager login');
	return {
		exec: { username: 'exec', password: DEMO_PASSWORDS.executive },
		marketer: { username: 'marketer', password: DEMO_PASSWORDS.marketer },
		purchasing: { username: 'purchasing', password: DEMO_PASSWORDS.purchasing },
		admin: { username: 'admin', password: DEMO_PASSWORDS.admin },
		manager: { username: manager.username, password: DEMO_PASSWORDS.sales_manager, managerName: manager.managerName ?? '' }
	};
}

/**
 * Runs direct SQL on the shared demo warehouse, read-only, before the test's server copy is
 * used: the figures a page must show, worked out apart from the dashboards.
 */
export async function demoFacts<T>(work: (query: <R>(sql: string) => Promise<R[]>) => Promise<T>): Promise<T> {
	const demo = await demoHome();
	const warehouse = await Warehouse.open(demo.warehouse, { readOnly: true });
	try {
		return await work((sql) => warehouse.query(sql));
	} finally {
		warehouse.close();
	}
}
