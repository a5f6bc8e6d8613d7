import type { Role } from '../../auth/roles.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { createUsers, listUsers, type NewUser } from './users.ts';

/**
 * Documented logins of the demo company (README): one user per role, and one
 * sales_manager per manager of the demo data. For the demo only — anyone who reads the
 * README knows these passwords.
 */
export const DEMO_PASSWORDS: Readonly<Record<Role, string>> = {
	executive: 'exec-demo',
	marketer: 'marketer-demo',
	purchasing: 'purchasing-demo',
	sales_manager: 'sales-demo',
	admin: 'admin-demo'
};

export interface DemoLogin {
	username: string;
	password: string;
	role: Role;
	displayName: string;
	managerName: string | null;
	/** False when the user already existed (its password was left as it was). */
	created: boolean;
}

const CYRILLIC: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
	к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
	ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya'
};

/** A login from a manager's name: the surname (first word) in latin letters, e.g. «Петрова Анна» → petrova. */
export function loginFromName(name: string): string {
	const surname = name.trim().split(/\s+/)[0] ?? '';
	const latin = [...surname.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');
	return latin.replace(/[^a-z0-9]+/g, '');
}

function demoUsers(managers: string[]): (NewUser & { displayName: string })[] {
	const users: (NewUser & { displayName: string })[] = [
		{ username: 'exec', role: 'executive', displayName: 'Директор (демо)', password: DEMO_PASSWORDS.executive },
		{ username: 'marketer', role: 'marketer', displayName: 'Маркетолог (демо)', password: DEMO_PASSWORDS.marketer },
		{ username: 'purchasing', role: 'purchasing', displayName: 'Закупщик (демо)', password: DEMO_PASSWORDS.purchasing },
		{ username: 'admin', role: 'admin', displayName: 'Администратор (демо)', password: DEMO_PASSWORDS.admin }
	];
	const taken = new Set(users.map((user) => user.username));
	const distinct = [...new Set(managers.map((name) => name.trim()).filter(Boolean))];
	distinct.forEach((manager, i) => {
		const base = loginFromName(manager);
		let username = base.length >= 2 ? base : `sales${i + 1}`;
		for (let n = 2; taken.has(username); n++) username = `${base || 'sales'}${n}`;
		taken.add(username);
		users.push({ username, role: 'sales_manager', displayName: manager, managerName: manager, password: DEMO_PASSWORDS.sales_manager });
	});
	return users;
}

/**
 * Creates the demo logins that do not exist yet (an existing user, e.g. an admin made on
 * first start, keeps its password) and returns the whole table for printing.
 */
export async function ensureDemoUsers(warehouse: Warehouse, managers: string[]): Promise<DemoLogin[]> {
	const existing = new Set((await listUsers(warehouse)).map((user) => user.username));
	const wanted = demoUsers(managers);
	await createUsers(warehouse, wanted.filter((user) => !existing.has(user.username)));
	return wanted.map((user) => ({
		username: user.username,
		password: user.password,
		role: user.role,
		displayName: user.displayName,
		managerName: user.managerName ?? null,
		created: !existing.has(user.username)
	}));
}
