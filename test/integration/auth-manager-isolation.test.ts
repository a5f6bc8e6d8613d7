import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import type { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { copyFixtureProject, fixtureWarehouse } from '../fixtures/dashboards/fixture-warehouse.ts';

/**
 * A sales_manager sees only own deals and customers through the API, whatever the URL
 * asks for. Uses the dashboards fixture (test/fixtures/dashboards): managers Иванов and
 * Петрова, customers C1 «Альфа» and C4 «Гамма» are Иванов's, C2, C3, C5 Петрова's.
 */
let dir: string;
let warehouse: Warehouse;
let app: Hono<ApiEnv>;

const ivanov: SessionUser = { username: 'ivanov', displayName: 'Иванов', role: 'sales_manager', managerName: 'Иванов' };
const executive: SessionUser = { username: 'olga', displayName: 'Ольга', role: 'executive', managerName: null };
const H1 = 'period_start=2024-01-01&period_end=2024-06-30';

async function get(url: string, user: SessionUser) {
	const response = await app.fetch(new Request(`http://localhost${url}`), { user, locale: 'ru' });
	return { status: response.status, body: (await response.json()) as { rows?: Record<string, unknown>[]; error?: { code: string } } };
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-auth-scope-'));
	copyFixtureProject(dir);
	warehouse = await fixtureWarehouse(path.join(dir, 'warehouse.duckdb'));
	const paths = resolvePaths({ OBOROT_HOME: dir, OBOROT_PROJECT: dir });
	app = createApiApp({ paths, warehouse: async () => warehouse, adminToken: () => null }) as Hono<ApiEnv>;
});
afterAll(() => {
	warehouse?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('a sales_manager sees only own customers and deals', () => {
	it('gets only own customers, with own totals, where the executive gets everyone', async () => {
		const all = await get(`/api/dashboards/sales/queries/customers_table?${H1}`, executive);
		expect(all.status).toBe(200);
		expect(new Set(all.body.rows!.map((row) => row.manager))).toEqual(new Set(['Иванов', 'Петрова']));
		const own = await get(`/api/dashboards/sales/queries/customers_table?${H1}`, ivanov);
		// Иванов's customers in H1 2024: «Альфа» 1000 + 400 + 800 = 2200, «Гамма» 700 + 200 = 900.
		expect(own.body.rows!.map((row) => [row.name, row.manager, row.revenue])).toEqual([
			['ООО «Альфа»', 'Иванов', 2200],
			['ООО "Гамма"', 'Иванов', 900]
		]);
	});

	it('cannot widen the scope through the URL: another manager, or a scope parameter', async () => {
		const other = await get(`/api/dashboards/sales/queries/customers_table?${H1}&manager=${encodeURIComponent('Петрова')}`, ivanov);
		expect(other.body.rows).toEqual([]);
		const forged = await get(`/api/dashboards/sales/queries/customers_table?${H1}&manager_scope=${encodeURIComponent('Петрова')}`, ivanov);
		expect(forged.body.rows!.every((row) => row.manager === 'Иванов')).toBe(true);
	});

	it("cannot open another manager's lost deal through a drill-down", async () => {
		// Lost at «КП»: D2 «ИП Борисов» (Петрова) and D5 «Альфа» (Иванов).
		const drill = `/api/dashboards/sales/drill/dropped_deals?${H1}&stage=${encodeURIComponent('КП')}`;
		expect((await get(drill, executive)).body.rows!.map((row) => row.deal_id)).toEqual(['D2', 'D5']);
		expect((await get(drill, ivanov)).body.rows!.map((row) => row.deal_id)).toEqual(['D5']);
	});

	it('is refused dashboards of other roles', async () => {
		expect(await get('/api/dashboards/purchasing', ivanov)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
		expect((await get(`/api/dashboards/purchasing/queries/abc_matrix?${H1}`, ivanov)).status).toBe(403);
	});
});
