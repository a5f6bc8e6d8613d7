import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/auth/roles.ts';
import { localToday } from '../../src/lib/server/dashboards/period.ts';
import { repoRoot } from '../helpers/demo-home.ts';
import { columnsNeeded, dashboardSpec, demoApi, shapeProblems, userOf, YEAR, type DemoApi } from './dashboards-demo-fixture.ts';

/**
 * Every query (and drill) of every shipped dashboard on the demo company, through the API:
 * it runs, it has the columns its components read, numbers come as numbers, and it is not
 * empty — an empty query would be an empty chart on the page.
 */
let api: DemoApi;
let customer: { customer_id: string; customer_name: string };
let fileWithRejects: number;

interface Case {
	role: Role;
	search: () => string;
	/** The drill parameters each drill query is opened with (as a click would set them). */
	drills: Record<string, () => string>;
}

const cases: Record<string, Case> = {
	executive: {
		role: 'executive',
		search: () => YEAR,
		drills: {
			channel_customers: () => `channel=${encodeURIComponent('Яндекс Директ')}`,
			aging_invoices: () => 'aging_bucket=90%2B',
			return_documents: () => `category=${encodeURIComponent('Запчасти и комплектующие')}`
		}
	},
	marketing: { role: 'marketer', search: () => YEAR, drills: { segment_customers: () => 'segment_code=champions' } },
	purchasing: {
		role: 'purchasing',
		search: () => '',
		drills: { abc_cell_skus: () => 'abc_class=A&xyz_class=Z', return_documents: () => `category=${encodeURIComponent('Кондиционеры')}` }
	},
	sales: {
		role: 'executive',
		search: () => YEAR,
		drills: { dropped_deals: () => `stage=${encodeURIComponent('Квалификация')}`, overdue_tasks: () => `manager=${encodeURIComponent('Гришин Кирилл')}` }
	},
	'customer-360': {
		role: 'marketer',
		search: () => `search=${encodeURIComponent(customer.customer_name)}&customer_id=${encodeURIComponent(customer.customer_id)}`,
		drills: {}
	},
	'data-quality': {
		role: 'admin',
		// loads and builds happened when the demo home was built: up to today
		search: () => `period_start=2000-01-01&period_end=${localToday()}`,
		drills: { rejected_rows_of_file: () => `file_id=${fileWithRejects}` }
	}
};

beforeAll(async () => {
	api = await demoApi();
	// A customer with everything on the card: merged CRM duplicates, purchases, invoices, deals, activities.
	[customer] = await api.direct<{ customer_id: string; customer_name: string }>(
		`select c.customer_id, c.customer_name
		 from marts.dim_customer c
		 join marts.dq_duplicates d on d.group_id = c.customer_id and len(list_filter(d.records, lambda r: r.source = 'crm')) > 1
		 where c.customer_id in (select customer_id from marts.fct_deals)
			and c.customer_id in (select customer_id from marts.fct_activities)
			and c.customer_id in (select customer_id from marts.receivables)
			and c.customer_id in (select customer_id from marts.fct_sales)
		 order by c.purchase_docs desc, c.customer_id limit 1`
	);
	[{ file_id: fileWithRejects }] = await api.direct<{ file_id: number }>(`select min(file_id) as file_id from audit.files where rows_rejected > 0`);
});

afterAll(() => api?.close());

describe('the shipped dashboards on the demo company', () => {
	it('are the six of dashboards/, each covered here', () => {
		const files = fs.readdirSync(path.join(repoRoot, 'dashboards')).filter((f) => f.endsWith('.md') && f !== 'README.md');
		expect(files.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(Object.keys(cases).sort());
	});

	it.each(Object.keys(cases))('%s: every query and drill runs, with its columns, numbers as numbers, rows to show', async (id) => {
		const { role, search, drills } = cases[id];
		const user = userOf(role);
		const spec = await dashboardSpec(api, id, user);
		const needed = columnsNeeded(spec);
		const drillQueries = Object.keys(spec.drillParams);
		expect(drillQueries.sort(), 'a drill query without parameters in this test').toEqual(Object.keys(drills).sort());
		const report: Record<string, string[]> = {};
		for (const query of Object.keys(spec.queries)) {
			const drill = drillQueries.includes(query);
			const result = await api.rows(id, query, [search(), drill ? drills[query]() : ''].filter(Boolean).join('&'), user, drill);
			const problems = shapeProblems(result, needed[query]);
			if (result.rows.length === 0) problems.push('no rows');
			if (problems.length) report[query] = problems;
		}
		expect(report).toEqual({});
		expect(Object.keys(spec.queries).length).toBeGreaterThanOrEqual(Object.keys(needed).length);
	});

	it('keeps money and counts as JSON numbers (BIGINT, DECIMAL and HUGEINT converted)', async () => {
		const { rows, columns } = await api.rows('executive', 'sales_kpi', YEAR, userOf('executive'));
		expect(columns.filter((c) => c.name === 'revenue').map((c) => [c.kind, c.type])).toEqual([['number', 'DECIMAL(38,2)']]);
		expect(typeof rows[0].revenue).toBe('number');
		const cohorts = await api.rows('marketing', 'cohort_retention', YEAR, userOf('marketer'));
		expect(cohorts.columns.find((c) => c.name === 'cohort_size')).toMatchObject({ kind: 'number', type: 'BIGINT' });
	});
});
