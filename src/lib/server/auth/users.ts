import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { ROLES, type Role, type SessionUser } from '../../auth/roles.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { systemClock, toSqlTimestamp, type Clock } from './clock.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

/** A mistake in what was asked of the user store (bad name, unknown user): shown as is. */
export class AuthInputError extends Error {}

export interface NewUser {
	username: string;
	role: Role;
	password: string;
	displayName?: string | null;
	/** Required for sales_manager: the manager's name as in the CRM/accounting data. */
	managerName?: string | null;
}

export interface UserRecord {
	username: string;
	displayName: string;
	role: Role;
	managerName: string | null;
	disabled: boolean;
	createdAt: string;
}

interface UserRow {
	username: string;
	display_name: string;
	role: Role;
	manager_name: string | null;
	disabled: boolean;
	created_at: string;
	password_hash: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function normalizeUsername(raw: string): string {
	const username = raw.trim().toLowerCase();
	if (!USERNAME.test(username)) {
		throw new AuthInputError(`bad username «${raw}»: use 2–64 latin letters, digits, dots, dashes or underscores`);
	}
	return username;
}

export function parseRole(raw: string): Role {
	const role = ROLES.find((candidate) => candidate === raw.trim().toLowerCase());
	if (!role) throw new AuthInputError(`unknown role «${raw}»: use one of ${ROLES.join(', ')}`);
	return role;
}

function checkedUser(user: NewUser): Required<NewUser> {
	const username = normalizeUsername(user.username);
	const role = parseRole(user.role);
	const managerName = user.managerName?.trim() || null;
	if (role === 'sales_manager' && !managerName) {
		throw new AuthInputError(`the sales_manager «${username}» needs a manager name as it appears in the CRM data (--manager)`);
	}
	if (role !== 'sales_manager' && managerName) {
		throw new AuthInputError(`only a sales_manager has a manager name; «${username}» is ${role}`);
	}
	const problem = passwordProblem(user.password);
	if (problem) throw new AuthInputError(`${username}: ${problem}`);
	return { username, role, managerName, password: user.password, displayName: user.displayName?.trim() || managerName || username };
}

const varchars = (values: (string | null)[]) => listValue(values);
const VARCHAR_LIST = LIST(VARCHAR);

/** Adds users in one statement; fails as a whole if any name is bad or already taken. */
export async function createUsers(warehouse: Warehouse, users: NewUser[], clock: Clock = systemClock): Promise<void> {
	if (users.length === 0) return;
	const checked = users.map(checkedUser);
	const names = checked.map((user) => user.username);
	const repeated = names.find((name, i) => names.indexOf(name) !== i);
	if (repeated) throw new AuthInputError(`the username «${repeated}» is given twice`);
	const hashes = await Promise.all(checked.map((user) => hashPassword(user.password)));
	const now = toSqlTimestamp(clock());
	await warehouse.transaction(async (connection) => {
		const taken = (
			await connection.runAndReadAll('select username from app.users where list_contains($1::varchar[], username)', [varchars(names)], [VARCHAR_LIST])
		).getRowObjectsJson();
		if (taken.length > 0) throw new AuthInputError(`the user «${String(taken[0].username)}» already exists`);
		await connection.run(
			`insert into app.users (username, display_name, role, manager_name, password_hash, created_at, password_changed_at, disabled)
			 select unnest($1::varchar[]), unnest($2::varchar[]), unnest($3::varchar[]), unnest($4::varchar[]), unnest($5::varchar[]),
			        $6::timestamp, $6::timestamp, false`,
			[
				varchars(names),
				varchars(checked.map((user) => user.displayName)),
				varchars(checked.map((user) => user.role)),
				varchars(checked.map((user) => user.managerName)),
				varchars(hashes),
				now
			],
			[VARCHAR_LIST, VARCHAR_LIST, VARCHAR_LIST, VARCHAR_LIST, VARCHAR_LIST, VARCHAR]
		);
	});
}

export const createUser = (warehouse: Warehouse, user: NewUser, clock: Clock = systemClock) => createUsers(warehouse, [user], clock);

function toRecord(row: UserRow): UserRecord {
	return {
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		managerName: row.manager_name,
		disabled: row.disabled,
		createdAt: row.created_at
	};
}

export function toSessionUser(record: Pick<UserRecord, 'username' | 'displayName' | 'role' | 'managerName'>): SessionUser {
	return { username: record.username, displayName: record.displayName, role: record.role, managerName: record.managerName };
}

export async function listUsers(warehouse: Warehouse): Promise<UserRecord[]> {
	const rows = await warehouse.query<UserRow>('select * from app.users order by role, username');
	return rows.map(toRecord);
}

export async function countUsers(warehouse: Warehouse): Promise<number> {
	const [row] = await warehouse.query<{ n: number }>('select count(*) as n from app.users');
	return row.n;
}

/** The user with the password hash (login only), or null. */
export async function findUserForLogin(warehouse: Warehouse, username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
	const [row] = await warehouse.query<UserRow>('select * from app.users where username = $1', [username.trim().toLowerCase()]);
	return row ? { ...toRecord(row), passwordHash: row.password_hash } : null;
}

async function requireUser(warehouse: Warehouse, username: string): Promise<UserRecord> {
	const name = normalizeUsername(username);
	const [row] = await warehouse.query<UserRow>('select * from app.users where username = $1', [name]);
	if (!row) throw new AuthInputError(`no user «${name}»`);
	return toRecord(row);
}

/** Removes a user and signs them out everywhere; the last enabled admin cannot be removed. */
export async function removeUser(warehouse: Warehouse, username: string): Promise<void> {
	const user = await requireUser(warehouse, username);
	await warehouse.transaction(async (connection) => {
		if (user.role === 'admin') {
			const others = (
				await connection.runAndReadAll(`select count(*)::integer as n from app.users where role = 'admin' and not disabled and username <> $1`, [user.username])
			).getRowObjectsJson();
			if (Number(others[0].n) === 0) throw new AuthInputError(`«${user.username}» is the last admin: add another admin first`);
		}
		await connection.run('delete from app.sessions where username = $1', [user.username]);
		await connection.run('delete from app.users where username = $1', [user.username]);
	});
}

/** Sets a new password and ends the user's sessions (a changed password signs out everywhere). */
export async function setPassword(warehouse: Warehouse, username: string, password: string, clock: Clock = systemClock): Promise<void> {
	const user = await requireUser(warehouse, username);
	const problem = passwordProblem(password);
	if (problem) throw new AuthInputError(problem);
	const passwordHash = await hashPassword(password);
	await warehouse.transaction(async (connection) => {
		await connection.run('update app.users set password_hash = $1, password_changed_at = $2::timestamp where username = $3', [
			passwordHash,
			toSqlTimestamp(clock()),
			user.username
		]);
		await connection.run('delete from app.sessions where username = $1', [user.username]);
	});
}
