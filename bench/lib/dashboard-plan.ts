// Which API calls a dashboard page makes, read from the parsed dashboard the API returns
// (GET /api/dashboards/:id): the same rules as the page (DashboardView, FilterBar,
// ComponentTile, open-drill), so the benchmark follows whatever dashboards exist.
import type { ComponentSpec, Dashboard } from '../../src/lib/dashboards/contract.ts';
import { fillDrillParams, type DrillDatum } from '../../src/lib/dashboards/drill-template.ts';

export interface PlannedCall {
	/** Where the call comes from: page load, a search, a click that chooses, a drill. */
	stage: 'page' | 'search' | 'chosen' | 'drill';
	kind: 'queries' | 'drill';
	query: string;
	params: Record<string, string>;
}

/** Components the page shows with these page parameters (when: all set). */
function visible(dashboard: Dashboard, params: Record<string, string>): ComponentSpec[] {
	return dashboard.blocks.flatMap((b) => (b.kind === 'component' && (b.component.when ?? []).every((name) => !!params[name]) ? [b.component] : []));
}

/** The page's calls with these parameters: one per distinct component query (the loader shares them), and the filter choices. */
export function pageCalls(dashboard: Dashboard, stage: PlannedCall['stage'], params: Record<string, string>, except: Set<string> = new Set()): PlannedCall[] {
	const names = new Set(visible(dashboard, params).map((c) => c.query));
	if (stage === 'page') for (const f of dashboard.filters) if (f.options) names.add(f.options);
	return [...names].filter((q) => !except.has(q)).map((query) => ({ stage, kind: 'queries' as const, query, params }));
}

/** What a click on this row of the component's result hands to drill/select templates (as the chart builders do). */
export function clickDatum(component: ComponentSpec, row: Record<string, unknown>): DrillDatum {
	switch (component.kind) {
		case 'heatmap':
			return { ...row, x: row[component.x], y: row[component.y], value: row[component.value], name: row[component.y] };
		case 'funnel':
			return { ...row, name: row[component.stage], stage: row[component.stage], value: row[component.value] };
		case 'chart': {
			const y = component.y[0]?.column;
			return { ...row, x: row[component.x], name: row[component.x], series: component.series ? row[component.series] : y, value: y ? row[y] : null };
		}
		default:
			return { ...row };
	}
}

/** Drill calls of the components shown at page load, clicking the first row of each one's result. */
export function drillCalls(dashboard: Dashboard, firstRows: Map<string, Record<string, unknown> | undefined>): PlannedCall[] {
	const calls: PlannedCall[] = [];
	const seen = new Set<string>();
	for (const component of visible(dashboard, {})) {
		if (!('drill' in component) || !component.drill || seen.has(component.drill.query)) continue;
		const row = firstRows.get(component.query);
		if (!row) continue;
		seen.add(component.drill.query);
		const params = Object.fromEntries(Object.entries(fillDrillParams(component.drill.params, clickDatum(component, row))).filter((e): e is [string, string] => e[1] !== null));
		calls.push({ stage: 'drill', kind: 'drill', query: component.drill.query, params });
	}
	return calls;
}

/** Page parameters a click on the first row of a `select:` component sets (e.g. customer_id). */
export function selectParams(dashboard: Dashboard, params: Record<string, string>, firstRows: Map<string, Record<string, unknown> | undefined>): Record<string, string> | null {
	for (const component of visible(dashboard, params)) {
		if (!('select' in component) || !component.select) continue;
		const row = firstRows.get(component.query);
		if (!row) continue;
		const chosen = Object.entries(fillDrillParams(component.select, clickDatum(component, row))).filter((e): e is [string, string] => e[1] !== null);
		if (chosen.length) return { ...params, ...Object.fromEntries(chosen) };
	}
	return null;
}

export function callPath(dashboardId: string, call: PlannedCall): string {
	const search = new URLSearchParams(call.params).toString();
	return `/api/dashboards/${encodeURIComponent(dashboardId)}/${call.kind}/${encodeURIComponent(call.query)}${search ? `?${search}` : ''}`;
}
