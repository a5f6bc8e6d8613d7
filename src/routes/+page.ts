import type { PageLoad } from './$types';
import { readJson } from '$lib/api-failure.ts';
import { failureLine } from '$lib/i18n/failure-text.ts';
import type { WarehouseInventory } from '$lib/status-contract.ts';

// "What was loaded" for admins, and for everyone while there are no dashboards yet.
export const load: PageLoad = async ({ fetch, parent }) => {
	const { user, dashboards, locale } = await parent();
	if (!user || (user.role !== 'admin' && dashboards.length > 0)) return { status: null, statusError: null };
	try {
		return { status: await readJson<WarehouseInventory>(await fetch('/api/status')), statusError: null };
	} catch (error) {
		return { status: null, statusError: failureLine(locale, error) };
	}
};
