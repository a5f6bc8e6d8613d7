import type { ServiceStarter } from '../runtime/server-runtime.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { generatePassword } from './passwords.ts';
import { countUsers, createUser } from './users.ts';

export const FIRST_ADMIN = 'admin';

/**
 * On first start nobody could sign in: when app.users is empty, create `admin` with a
 * random password and print it once (it is stored only as an argon2 hash). Returns the
 * credentials when it created the account, else null.
 */
export async function ensureFirstAdmin(
	warehouse: Warehouse,
	print: (text: string) => void = (text) => console.log(text)
): Promise<{ username: string; password: string } | null> {
	if ((await countUsers(warehouse)) > 0) return null;
	const password = generatePassword();
	await createUser(warehouse, { username: FIRST_ADMIN, role: 'admin', displayName: 'Administrator', password });
	print(
		[
			'',
			'  ┌─ oborot: first start ─────────────────────────────────────────',
			`  │ An admin account was created:  ${FIRST_ADMIN} / ${password}`,
			'  │ This password is shown once. Sign in and add users with',
			'  │ `oborot users add`, or change it with `oborot users passwd admin`.',
			'  └───────────────────────────────────────────────────────────────',
			''
		].join('\n')
	);
	return { username: FIRST_ADMIN, password };
}

/** Server service: runs ensureFirstAdmin once the warehouse is open; nothing keeps running. */
export const firstAdminService: ServiceStarter = async (runtime) => {
	await ensureFirstAdmin(runtime.warehouse);
	return null;
};
