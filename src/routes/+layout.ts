import type { LayoutLoad } from './$types';
import type { DashboardSummary } from '$lib/dashboards/contract.ts';

// The navigation lists the dashboards this role may open (read at request time from dashboards/).
export const load: LayoutLoad = async ({ data, fetch }) => {
	let dashboards: DashboardSummary[] = [];
	if (data.user) {
		const response = await fetch('/api/dashboards');
		if (response.ok) dashboards = ((await response.json()) as { dashboards: DashboardSummary[] }).dashboards;
	}
	return { ...data, dashboards };
};
