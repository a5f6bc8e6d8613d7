import { parseArgs } from 'node:util';
import { generatePassword } from '../auth/passwords.ts';
import { createUser, listUsers, normalizeUsername, parseRole, removeUser, setPassword } from '../auth/users.ts';
import { logAccess } from '../auth/access-log.ts';
import { unlockLogins } from '../auth/login-throttle.ts';
import { UsageError, type Command, type CommandContext } from './command.ts';
import { formatTable } from './format-rows.ts';

const USAGE =
	'users add <username> --role <role> [--name "…"] [--manager "…"] [--password-stdin] | list | remove <username> | passwd <username> [--password-stdin] | unlock <username> | unlock --all';

export async function readAllStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The password for add/passwd: from stdin (first line) when asked, else generated and
 * printed once. A command handed to the running server cannot read this terminal's
 * stdin, so there --password-stdin is refused rather than reading the server's.
 */
async function passwordFor(ctx: CommandContext, fromStdin: boolean, readStdin: () => Promise<string>) {
	if (!fromStdin) return { password: generatePassword(), generated: true };
	if (ctx.actor.endsWith('(cli)')) {
		throw new UsageError('--password-stdin cannot be used while `oborot serve` holds the warehouse: omit it to get a generated password');
	}
	const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
	if (!password) throw new UsageError('--password-stdin: no password on standard input');
	return { password, generated: false };
}

function subcommandArgs(argv: string[]) {
	return parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			role: { type: 'string' },
			name: { type: 'string' },
			manager: { type: 'string' },
			'password-stdin': { type: 'boolean', default: false },
			all: { type: 'boolean', default: false }
		}
	});
}

export function usersCommand(readStdin: () => Promise<string> = () => readAllStdin()): Command {
	return {
		name: 'users',
		summary: 'add, list, remove users, set a password or lift a login lock-out',
		usage: USAGE,
		warehouse: 'write',
		async run(argv, ctx) {
			const [action, ...rest] = argv;
			const { values, positionals } = subcommandArgs(rest);
			const warehouse = await ctx.warehouse();
			const audit = (what: string, target: string) =>
				logAccess(warehouse, { username: ctx.actor, action: what, target, status: 'ok', detail: 'cli' });
			const oneUsername = () => {
				if (positionals.length !== 1) throw new UsageError(`users ${action} needs exactly one username`);
				return normalizeUsername(positionals[0]);
			};

			switch (action) {
				case 'add': {
					const username = oneUsername();
					if (!values.role) throw new UsageError('users add needs --role (executive, marketer, purchasing, sales_manager, admin)');
					const role = parseRole(values.role);
					const { password, generated } = await passwordFor(ctx, values['password-stdin'] ?? false, readStdin);
					await createUser(warehouse, { username, role, password, displayName: values.name, managerName: values.manager });
					await audit('user_add', username);
					ctx.out.info(`added ${username} (${role}${values.manager ? `, manager «${values.manager.trim()}»` : ''})`);
					if (generated) ctx.out.info(`password: ${password}   (shown once; the warehouse keeps only its hash)`);
					return 0;
				}
				case 'list': {
					const users = await listUsers(warehouse);
					if (users.length === 0) {
						ctx.out.info('no users yet: `oborot serve` creates an admin on first start, or use `oborot users add`');
						return 0;
					}
					const rows = users.map((user) => ({
						username: user.username,
						name: user.displayName,
						role: user.role,
						manager: user.managerName,
						created: user.createdAt.slice(0, 16),
						disabled: user.disabled ? 'yes' : ''
					}));
					ctx.out.write(formatTable(rows));
					return 0;
				}
				case 'remove': {
					const username = oneUsername();
					await removeUser(warehouse, username);
					await audit('user_remove', username);
					ctx.out.info(`removed ${username} and ended their sessions`);
					return 0;
				}
				case 'passwd': {
					const username = oneUsername();
					const { password, generated } = await passwordFor(ctx, values['password-stdin'] ?? false, readStdin);
					await setPassword(warehouse, username, password);
					await audit('user_passwd', username);
					ctx.out.info(`new password set for ${username}; their sessions were ended`);
					if (generated) ctx.out.info(`password: ${password}   (shown once)`);
					return 0;
				}
				case 'unlock': {
					// A login locked out by someone guessing its password: lift its counts, or every count with --all.
					if (values.all) {
						if (positionals.length > 0) throw new UsageError('users unlock takes a login or --all, not both');
						const lifted = await unlockLogins(warehouse, null);
						await audit('user_unlock', '*');
						ctx.out.info(`lifted ${lifted} login counts: every login and address can sign in again`);
						return 0;
					}
					if (positionals.length !== 1) throw new UsageError('users unlock needs a login or --all');
					const username = normalizeUsername(positionals[0]);
					const lifted = await unlockLogins(warehouse, username);
					await audit('user_unlock', username);
					ctx.out.info(`lifted ${lifted} login counts of ${username}: it can sign in from every address again`);
					return 0;
				}
				default:
					throw new UsageError(action ? `unknown users action «${action}»` : 'users needs an action: add, list, remove, passwd or unlock');
			}
		}
	};
}

export default usersCommand();
