import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/lib/server/warehouse/index.ts';
import { dashboardSpec, demoApi, total, userOf, YEAR, type DemoApi } from './dashboards-demo-fixture.ts';

/**
 * Row-level access on the shipped dashboards with the demo company: a sales manager sees
 * only own deals, customers, tasks and figures — compared with direct counts — and no
 * dashboard of another role.
 */
let api: DemoApi;
const OWN = 'Гришин Кирилл';
const own = userOf('sales_manager', OWN);
const executive = userOf('executive');
const one = async <T>(sql: string) => (await api.direct<T>(sql))[0];
const managersIn = (rows: Row[]) => new Set(rows.map((r) => r.manager).filter((m) => m !== undefined));

beforeAll(async () => {
	api = await demoApi();
});
afterAll(() => api?.close());

describe('a sales manager on the sales dashboard', () => {
	it('gets only own rows from every query that lists a manager', async () => {
		const spec = await dashboardSpec(api, 'sales', own);
		const leaks: Record<string, string[]> = {};
		for (const query of Object.keys(spec.queries)) {
			const drill = query in spec.drillParams;
			const extra = query === 'dropped_deals' ? `&stage=${encodeURIComponent('Квалификация')}` : query === 'overdue_tasks' ? `&manager=${encodeURIComponent(OWN)}` : '';
			const { rows } = await api.rows('sales', query, `${YEAR}${extra}`, own, drill);
			const others = [...managersIn(rows)].filter((m) => m !== OWN);
			if (others.length) leaks[query] = others as string[];
		}
		expect(leaks).toEqual({});
	});

	it('counts own deals, stalled deals and overdue tasks as the marts do for that manager', async () => {
		const [kpi] = (await api.rows('sales', 'deals_kpi', YEAR, own)).rows;
		const created = await one<{ n: number }>(`select count(*) as n from staging.stg_crm__deals where manager = '${OWN}' and created_at >= '2025-11-01' and created_at < '2026-11-01'`);
		expect(kpi.created).toBe(created.n);
		const all = await one<{ n: number }>(`select count(*) as n from staging.stg_crm__deals where created_at >= '2025-11-01' and created_at < '2026-11-01'`);
		expect(created.n).toBeLessThan(all.n);

		const stalled = (await api.rows('sales', 'stalled_deals', YEAR, own)).rows;
		expect(stalled.length).toBe((await one<{ n: number }>(`select count(*) as n from marts.stalled_deals where manager = '${OWN}'`)).n);
		const overdue = (await api.rows('sales', 'overdue_by_manager', YEAR, own)).rows;
		expect(total(overdue, 'overdue_tasks')).toBe((await one<{ n: number }>(`select count(*) as n from marts.fct_activities where manager = '${OWN}' and is_open_overdue`)).n);
	});

	it('sees what the executive sees when filtering by that manager, whatever the case and spaces of the name', async () => {
		const filtered = (await api.rows('sales', 'manager_kpis', `${YEAR}&manager=${encodeURIComponent(OWN)}`, executive)).rows;
		expect((await api.rows('sales', 'manager_kpis', YEAR, own)).rows).toEqual(filtered);
		const sloppy = userOf('sales_manager', `  ${OWN.toUpperCase()} `);
		expect((await api.rows('sales', 'manager_kpis', YEAR, sloppy)).rows).toEqual(filtered);
	});

	it('cannot widen the scope from the URL, only narrow it', async () => {
		const other = `&manager=${encodeURIComponent('Данилов Владимир')}`;
		expect((await api.rows('sales', 'deals_kpi', `${YEAR}${other}`, own)).rows[0].created).toBe(0);
		const forged = (await api.rows('sales', 'deals_kpi', `${YEAR}&manager_scope=${encodeURIComponent('Данилов Владимир')}`, own)).rows[0];
		expect(forged).toEqual((await api.rows('sales', 'deals_kpi', YEAR, own)).rows[0]);
	});
});

describe('a sales manager on customer 360', () => {
	it('finds own customers only, and the card of another manager’s customer is empty', async () => {
		const mine = await one<{ customer_id: string; customer_name: string }>(
			`select customer_id, customer_name from marts.dim_customer where manager = '${OWN}' and purchase_docs > 0 order by purchase_docs desc limit 1`
		);
		const theirs = await one<{ customer_id: string; customer_name: string }>(
			`select customer_id, customer_name from marts.dim_customer where manager <> '${OWN}' and purchase_docs > 0 order by purchase_docs desc limit 1`
		);
		const search = (name: string) => `search=${encodeURIComponent(name)}`;
		expect((await api.rows('customer-360', 'customer_search', search(theirs.customer_name), executive)).rows.map((r) => r.customer_id)).toContain(theirs.customer_id);
		expect((await api.rows('customer-360', 'customer_search', search(theirs.customer_name), own)).rows.map((r) => r.customer_id)).not.toContain(theirs.customer_id);
		expect((await api.rows('customer-360', 'customer_search', search(mine.customer_name), own)).rows.map((r) => r.customer_id)).toContain(mine.customer_id);

		for (const query of ['customer_totals', 'customer_profile', 'purchase_lines', 'invoices', 'deals', 'activities', 'merge_reasons', 'legal_entities']) {
			expect((await api.rows('customer-360', query, `customer_id=${encodeURIComponent(theirs.customer_id)}`, own)).rows, query).toEqual([]);
		}
		const lines = (await api.rows('customer-360', 'purchase_lines', `customer_id=${encodeURIComponent(mine.customer_id)}`, own)).rows;
		expect(lines.length).toBe((await one<{ n: number }>(`select count(*) as n from marts.fct_sales where customer_id = '${mine.customer_id}'`)).n);
	});

	it('shows only own deals and activities on an own customer’s card', async () => {
		const shared = await one<{ customer_id: string }>(
			`select c.customer_id from marts.dim_customer c join marts.fct_deals d using (customer_id)
			 where c.manager = '${OWN}' group by 1 having count(distinct d.manager) > 1 order by 1 limit 1`
		);
		const deals = (await api.rows('customer-360', 'deals', `customer_id=${encodeURIComponent(shared.customer_id)}`, own)).rows;
		const direct = await one<{ n: number }>(`select count(*) as n from marts.fct_deals where customer_id = '${shared.customer_id}' and manager = '${OWN}'`);
		expect(deals.length).toBe(direct.n);
		expect(managersIn(deals)).toEqual(new Set([OWN]));
	});
});

describe('roles', () => {
	it('opens each shipped dashboard to the roles its file names, admin everywhere', async () => {
		const open: Record<string, string[]> = { executive: ['executive'], marketing: ['marketer'], purchasing: ['purchasing'], sales: ['sales_manager', 'executive'], 'customer-360': ['marketer', 'sales_manager', 'executive'], 'data-quality': [] };
		for (const [id, roles] of Object.entries(open)) {
			for (const role of ['executive', 'marketer', 'purchasing', 'sales_manager', 'admin'] as const) {
				const { status } = await api.get(`/api/dashboards/${id}`, userOf(role, role === 'sales_manager' ? OWN : null));
				expect(status, `${role} → ${id}`).toBe(role === 'admin' || roles.includes(role) ? 200 : 403);
			}
		}
	});
});
