import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { Role, SessionUser } from '../../src/lib/auth/roles.ts';
import { requiredColumns } from '../../src/lib/components/dashboard/component-columns.ts';
import { createApiApp } from '../../src/lib/server/api/app.ts';
import type { ApiEnv } from '../../src/lib/server/api/context.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import type { Dashboard, QueryColumn } from '../../src/lib/dashboards/contract.ts';
import { Warehouse, type Row } from '../../src/lib/server/warehouse/index.ts';
import { copyDemoHome, repoRoot, type DemoHome } from '../helpers/demo-home.ts';

/**
 * The shipped dashboards (dashboards/*.md) over the demo company's real marts, through the
 * real API app: a private copy of the shared demo warehouse (test/helpers/demo-home.ts).
 */
export interface DemoApi {
	demo: DemoHome;
	warehouse: Warehouse;
	/** GET through the API as this user (a Russian reader unless `locale` says otherwise); JSON bodies parsed. */
	get<T = Record<string, unknown>>(url: string, user: SessionUser, locale?: 'ru' | 'en'): Promise<{ status: number; body: T }>;
	/** Rows and columns of a dashboard query (drill when `drill`), failing loudly on an error. */
	rows(dashboard: string, query: string, search: string, user: SessionUser, drill?: boolean, locale?: 'ru' | 'en'): Promise<{ rows: Row[]; columns: QueryColumn[] }>;
	/** A direct SQL query on the same warehouse, written apart from the dashboard's. */
	direct<T = Row>(sql: string): Promise<T[]>;
	close(): void;
}

/** The last twelve full months of the demo (it ends on 2026-10-31). */
export const YEAR = 'period_start=2025-11-01&period_end=2026-10-31';

export const userOf = (role: Role, managerName: string | null = null): SessionUser => ({
	username: role === 'sales_manager' ? `mgr-${managerName}` : role,
	displayName: role,
	role,
	managerName
});

export async function demoApi(): Promise<DemoApi> {
	const { home, demo } = await copyDemoHome();
	const warehouse = await Warehouse.open(path.join(home, 'warehouse.duckdb'));
	// The repository's dashboards/ and models, the copied warehouse.
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: repoRoot });
	const app = createApiApp({ paths, warehouse: async () => warehouse, adminToken: () => null }) as Hono<ApiEnv>;
	const get = async <T>(url: string, user: SessionUser, locale: 'ru' | 'en' = 'ru') => {
		const response = await app.request(url, {}, { user, locale });
		return { status: response.status, body: (await response.json()) as T };
	};
	return {
		demo,
		warehouse,
		get,
		async rows(dashboard, query, search, user, drill = false, locale = 'ru') {
			const url = `/api/dashboards/${dashboard}/${drill ? 'drill' : 'queries'}/${query}?${search}`;
			const { status, body } = await get<{ rows: Row[]; columns: QueryColumn[]; error?: { message: string } }>(url, user, locale);
			if (status !== 200) throw new Error(`${url} answered ${status}: ${body.error?.message}`);
			return body;
		},
		direct: (sql) => warehouse.query(sql),
		close() {
			warehouse.close();
			fs.rmSync(home, { recursive: true, force: true });
		}
	};
}

/** The parsed dashboard as the API gives it (components, queries, drills). */
export async function dashboardSpec(api: DemoApi, id: string, user: SessionUser): Promise<Dashboard & { queries: Record<string, unknown> }> {
	const { status, body } = await api.get<{ dashboard: Dashboard; problems: unknown[] }>(`/api/dashboards/${id}`, user);
	if (status !== 200) throw new Error(`/api/dashboards/${id} answered ${status}`);
	if (body.problems.length) throw new Error(`${id}: ${JSON.stringify(body.problems)}`);
	return body.dashboard as Dashboard & { queries: Record<string, unknown> };
}

/**
 * What each query must deliver to its components: every column a component (or a drill
 * panel) reads, keyed by query name.
 */
export function columnsNeeded(dashboard: Dashboard): Record<string, Set<string>> {
	const needed: Record<string, Set<string>> = {};
	const add = (query: string, columns: string[]) => columns.forEach((c) => (needed[query] ??= new Set()).add(c));
	for (const block of dashboard.blocks) {
		if (block.kind !== 'component') continue;
		const component = block.component;
		add(component.query, requiredColumns(component));
		if ('drill' in component && component.drill) add(component.drill.query, (component.drill.columns ?? []).map((c) => c.column));
	}
	return needed;
}

/** Problems with a result's shape: missing columns, and values of number columns that are not numbers. */
export function shapeProblems(result: { rows: Row[]; columns: QueryColumn[] }, needed: Set<string> | undefined): string[] {
	const problems: string[] = [];
	const names = new Set(result.columns.map((c) => c.name));
	for (const column of needed ?? []) if (!names.has(column)) problems.push(`column ${column} is missing`);
	for (const column of result.columns.filter((c) => c.kind === 'number')) {
		const bad = result.rows.find((row) => row[column.name] !== null && typeof row[column.name] !== 'number');
		if (bad) problems.push(`${column.name} = ${JSON.stringify(bad[column.name])} is not a number`);
	}
	return problems;
}

/** Sum of a numeric column. */
export const total = (rows: Row[], column: string) => rows.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
