import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferedOutput } from '../../src/lib/server/jobs/output.ts';
import { runCommandHere } from '../../src/lib/server/jobs/run-command.ts';
import { usersCommand } from '../../src/lib/server/jobs/users.ts';
import { DEMO_PASSWORDS, ensureDemoUsers, loginFromName } from '../../src/lib/server/auth/demo-users.ts';
import { ensureFirstAdmin } from '../../src/lib/server/auth/first-admin.ts';
import { attemptLogin } from '../../src/lib/server/auth/login.ts';
import { listUsers } from '../../src/lib/server/auth/users.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/temp-warehouse.ts';

let temp: TempWarehouse;
beforeEach(async () => {
	temp = await tempWarehouse();
});
afterEach(() => temp.close());

async function oborotUsers(argv: string[], options: { stdin?: string; actor?: string } = {}) {
	let stdout = '';
	let stderr = '';
	const out = bufferedOutput((stream, text) => (stream === 'out' ? (stdout += text) : (stderr += text)));
	const command = usersCommand(async () => options.stdin ?? '');
	const code = await runCommandHere(command, argv, { paths: temp.paths, out, actor: options.actor ?? 'tester', warehouse: async () => temp.warehouse });
	return { code, stdout, stderr };
}

const canSignIn = async (username: string, password: string) =>
	(await attemptLogin(temp.warehouse, { username, password, ip: null })).ok;

describe('oborot users', () => {
	it('adds a user with a generated password shown once, which then signs in', async () => {
		const added = await oborotUsers(['add', 'Olga', '--role', 'marketer', '--name', 'Ольга Смирнова']);
		expect(added.code).toBe(0);
		const password = /password: (\S+)/.exec(added.stdout)?.[1];
		expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
		expect(await canSignIn('olga', password!)).toBe(true);
		expect(await listUsers(temp.warehouse)).toMatchObject([{ username: 'olga', displayName: 'Ольга Смирнова', role: 'marketer', managerName: null }]);
	});

	it('takes the password from stdin, and a sales_manager needs the manager name', async () => {
		const refused = await oborotUsers(['add', 'petrova', '--role', 'sales_manager', '--password-stdin'], { stdin: 'manager-pass\n' });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('needs a manager name');
		const added = await oborotUsers(['add', 'petrova', '--role', 'sales_manager', '--manager', 'Петрова Анна', '--password-stdin'], {
			stdin: 'manager-pass\n'
		});
		expect(added.code).toBe(0);
		expect(added.stdout).not.toContain('password:');
		expect(await canSignIn('petrova', 'manager-pass')).toBe(true);
		const [user] = await listUsers(temp.warehouse);
		expect(user).toMatchObject({ role: 'sales_manager', managerName: 'Петрова Анна', displayName: 'Петрова Анна' });
	});

	it('explains bad input with a usage error or a clear message', async () => {
		expect(await oborotUsers(['add', 'x1', '--role', 'boss'])).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown role «boss»') });
		expect(await oborotUsers(['add', 'x1'])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --role') });
		expect(await oborotUsers(['add', 'bad name!', '--role', 'admin'])).toMatchObject({ code: 1, stderr: expect.stringContaining('bad username') });
		expect(await oborotUsers(['add', 'short', '--role', 'admin', '--password-stdin'], { stdin: 'abc\n' })).toMatchObject({
			code: 1,
			stderr: expect.stringContaining('at least 8 characters')
		});
		expect(await oborotUsers(['frobnicate'])).toMatchObject({ code: 2 });
		await oborotUsers(['add', 'dup', '--role', 'executive']);
		expect(await oborotUsers(['add', 'dup', '--role', 'executive'])).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
	});

	it('refuses --password-stdin when handed to the server (it would read the server’s stdin)', async () => {
		const result = await oborotUsers(['add', 'ivan', '--role', 'executive', '--password-stdin'], { stdin: 'whatever1\n', actor: 'ivan (cli)' });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('cannot be used while `oborot serve` holds the warehouse');
	});

	it('lists, changes passwords and removes users, keeping the last admin', async () => {
		await oborotUsers(['add', 'root', '--role', 'admin', '--password-stdin'], { stdin: 'root-password\n' });
		await oborotUsers(['add', 'boss', '--role', 'executive', '--password-stdin'], { stdin: 'boss-password\n' });
		const listed = await oborotUsers(['list']);
		expect(listed.stdout).toMatch(/boss\s+│ boss\s+│ executive/);
		expect(listed.stdout).toContain('(2 rows)');

		const changed = await oborotUsers(['passwd', 'boss']);
		const password = /password: (\S+)/.exec(changed.stdout)?.[1];
		expect(await canSignIn('boss', 'boss-password')).toBe(false);
		expect(await canSignIn('boss', password!)).toBe(true);

		expect(await oborotUsers(['remove', 'root'])).toMatchObject({ code: 1, stderr: expect.stringContaining('last admin') });
		expect(await oborotUsers(['remove', 'boss'])).toMatchObject({ code: 0 });
		expect(await oborotUsers(['remove', 'boss'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no user «boss»') });
		const audit = await temp.warehouse.query<{ action: string; target: string }>(
			`select action, target from audit.access_log where action like 'user_%' order by rowid`
		);
		expect(audit).toEqual([
			{ action: 'user_add', target: 'root' },
			{ action: 'user_add', target: 'boss' },
			{ action: 'user_passwd', target: 'boss' },
			{ action: 'user_remove', target: 'boss' }
		]);
	});
});

describe('oborot users unlock', () => {
	const signInFrom = async (username: string, password: string, ip: string) => attemptLogin(temp.warehouse, { username, password, ip });

	it('lifts the lock-out of one login, or every lock with --all, and says how many it lifted', async () => {
		await oborotUsers(['add', 'root', '--role', 'admin', '--password-stdin'], { stdin: 'root-password\n' });
		for (let i = 1; i <= 5; i++) await signInFrom('root', `wrong ${i}`, '192.0.2.7');
		for (let i = 1; i <= 20; i++) await signInFrom(`guess${i}`, 'guess', '203.0.113.5');
		expect(await signInFrom('root', 'root-password', '192.0.2.7')).toMatchObject({ ok: false, reason: 'locked' });

		const unlocked = await oborotUsers(['unlock', 'Root']);
		expect(unlocked).toMatchObject({ code: 0, stdout: 'lifted 2 login counts of root: it can sign in from every address again\n' });
		expect((await signInFrom('root', 'root-password', '192.0.2.7')).ok).toBe(true);
		// The address that guessed twenty logins stays locked until --all.
		expect(await signInFrom('root', 'root-password', '203.0.113.5')).toMatchObject({ ok: false, reason: 'locked' });
		const all = await oborotUsers(['unlock', '--all']);
		expect(all.code).toBe(0);
		expect(all.stdout).toMatch(/^lifted \d+ login counts: every login and address can sign in again\n$/);
		expect((await signInFrom('root', 'root-password', '203.0.113.5')).ok).toBe(true);

		expect(await oborotUsers(['unlock'])).toMatchObject({ code: 2, stderr: expect.stringContaining('users unlock needs a login or --all') });
		expect(await oborotUsers(['unlock', 'root', '--all'])).toMatchObject({ code: 2 });
		const audit = await temp.warehouse.query<{ action: string; target: string }>(
			`select action, target from audit.access_log where action = 'user_unlock' order by rowid`
		);
		expect(audit).toEqual([
			{ action: 'user_unlock', target: 'root' },
			{ action: 'user_unlock', target: '*' }
		]);
	});
});

describe('first start', () => {
	it('creates admin with a random password printed once, and never again', async () => {
		const printed: string[] = [];
		const created = await ensureFirstAdmin(temp.warehouse, (text) => printed.push(text));
		expect(created?.username).toBe('admin');
		expect(printed.join('')).toContain(`admin / ${created!.password}`);
		expect(await canSignIn('admin', created!.password)).toBe(true);
		expect(await ensureFirstAdmin(temp.warehouse, (text) => printed.push(text))).toBeNull();
		expect(printed).toHaveLength(1);
	});
});

describe('demo logins', () => {
	it('makes one login per role and one per manager, with the documented passwords', async () => {
		const logins = await ensureDemoUsers(temp.warehouse, ['Петрова Анна', 'Иванов Пётр', 'Петрова Мария', ' Петрова Анна ']);
		expect(logins.map((l) => [l.username, l.role, l.managerName])).toEqual([
			['exec', 'executive', null],
			['marketer', 'marketer', null],
			['purchasing', 'purchasing', null],
			['admin', 'admin', null],
			['petrova', 'sales_manager', 'Петрова Анна'],
			['ivanov', 'sales_manager', 'Иванов Пётр'],
			['petrova2', 'sales_manager', 'Петрова Мария']
		]);
		for (const login of logins) expect(await canSignIn(login.username, login.password), login.username).toBe(true);
		expect(logins.find((l) => l.username === 'exec')?.password).toBe(DEMO_PASSWORDS.executive);
	});

	it('keeps an existing account as it is (e.g. the admin made on first start)', async () => {
		const first = await ensureFirstAdmin(temp.warehouse, () => undefined);
		const logins = await ensureDemoUsers(temp.warehouse, []);
		expect(logins.find((l) => l.username === 'admin')).toMatchObject({ created: false });
		expect(await canSignIn('admin', first!.password)).toBe(true);
		expect(await canSignIn('admin', DEMO_PASSWORDS.admin)).toBe(false);
		expect(await canSignIn('exec', DEMO_PASSWORDS.executive)).toBe(true);
	});

	it('derives logins from Russian and Ukrainian surnames', () => {
		expect(loginFromName('Щербакова Юлия')).toBe('shcherbakova');
		expect(loginFromName('Їжак Олесь')).toBe('yizhak');
		expect(loginFromName('Smith John')).toBe('smith');
	});
});
