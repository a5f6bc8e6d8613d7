import { createUsers } from '../../../src/lib/server/auth/users.ts';
import { resolvePaths } from '../../../src/lib/server/config/paths.ts';
import { copyFixtureProject, fixtureWarehouse } from '../../fixtures/dashboards/fixture-warehouse.ts';

/** Sign-ins of the end-to-end tests, one per role the fixture dashboards serve. */
export const USERS = {
	admin: { username: 'admin', password: 'admin-e2e-pass', role: 'admin', displayName: 'Администратор' },
	executive: { username: 'olga', password: 'olga-e2e-pass', role: 'executive', displayName: 'Ольга Руководитель' },
	manager: { username: 'ivanov', password: 'ivanov-e2e-pass', role: 'sales_manager', displayName: 'Иван Иванов', managerName: 'Иванов' },
	buyer: { username: 'buyer', password: 'buyer-e2e-pass', role: 'purchasing', displayName: 'Закупщик' }
} as const;

/** The fixture dashboards over the fixture marts, with the users above, in a server's temp dirs. */
export async function prepareFixtureProject({ home, project }: { home: string; project: string }): Promise<void> {
	copyFixtureProject(project);
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project });
	const warehouse = await fixtureWarehouse(paths.warehouse);
	try {
		await createUsers(warehouse, Object.values(USERS));
	} finally {
		warehouse.close();
	}
}
