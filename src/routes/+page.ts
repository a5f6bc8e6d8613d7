import type { PageLoad } from './$types';
import type { WarehouseInventory } from '$lib/server/warehouse/inventory.ts';

// "What was loaded" for admins, and for everyone while there are no dashboards yet.
export const load: PageLoad = async ({ fetch, parent }) => {
	const { user, dashboards } = await parent();
	if (!user || (user.role !== 'admin' && dashboards.length > 0)) return { status: null, statusError: null };
	const response = await fetch('/api/status');
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
		return { status: null, statusError: body?.error?.message ?? `${response.status}` };
	}
	return { status: (await response.json()) as WarehouseInventory, statusError: null };
};
