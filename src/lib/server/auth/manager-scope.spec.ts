import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../../auth/roles.ts';
import { DomainError } from '../errors.ts';
import { ensureInManagerScope, managerFilterSql, managerScope } from './manager-scope.ts';

const user = (role: Role, managerName: string | null = null): SessionUser => ({ username: 'u', displayName: 'U', role, managerName });

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('nothing was thrown');
}

describe('managerScope', () => {
	it("is a sales_manager's own manager name, and null for every other role", () => {
		expect(managerScope(user('sales_manager', ' Петрова Анна '))).toBe('Петрова Анна');
		for (const role of ['executive', 'marketer', 'purchasing', 'admin'] as const) expect(managerScope(user(role))).toBeNull();
	});

	it('refuses a sales_manager without a manager name instead of showing everything', () => {
		const refused = thrown(() => managerScope(user('sales_manager', null)));
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused).toMatchObject({ kind: 'forbidden', code: 'forbidden' });
		expect(() => managerScope(user('sales_manager', '  '))).toThrow(/no manager name/);
	});

	it('writes the SQL predicate with a quoted literal, or true when unscoped', () => {
		expect(managerFilterSql(user('sales_manager', "O'Brien"), 'd.manager')).toBe("lower(trim(d.manager)) = 'o''brien'");
		expect(managerFilterSql(user('executive'), 'd.manager')).toBe('true');
	});

	it("hides another manager's record as not found", () => {
		const anna = user('sales_manager', 'Петрова Анна');
		expect(() => ensureInManagerScope(anna, 'петрова анна ')).not.toThrow();
		expect(() => ensureInManagerScope(anna, 'Иванов Пётр', 'deal')).toThrow(/no such deal/);
		expect(thrown(() => ensureInManagerScope(anna, null))).toMatchObject({ kind: 'not_found', code: 'not_found', message: 'no such record' });
		expect(() => ensureInManagerScope(user('executive'), 'Иванов Пётр')).not.toThrow();
	});
});
