import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES, type Role, type SessionUser } from '../../src/lib/auth/roles.ts';
import type { Clock } from '../../src/lib/server/auth/clock.ts';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';

/** A warehouse of its own in a temp dir, closed and removed by close(). */
export interface TempWarehouse {
	dir: string;
	paths: OborotPaths;
	warehouse: Warehouse;
	close(): void;
}

export async function tempWarehouse(): Promise<TempWarehouse> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-auth-'));
	const paths = resolvePaths({ OBOROT_HOME: dir, OBOROT_PROJECT: dir });
	const warehouse = await Warehouse.open(paths.warehouse);
	return {
		dir,
		paths,
		warehouse,
		close() {
			warehouse.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** One signed-in user per role, as the hook would put in locals.user. */
export const usersByRole: Record<Role, SessionUser> = Object.fromEntries(
	ROLES.map((role) => [
		role,
		{ username: `${role}-user`, displayName: role, role, managerName: role === 'sales_manager' ? 'Петрова Анна' : null }
	])
) as Record<Role, SessionUser>;

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2025-03-01T09:00:00Z')): Clock & { advance(ms: number): void } {
	let now = start.getTime();
	const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
	clock.advance = (ms) => {
		now += ms;
	};
	return clock;
}
