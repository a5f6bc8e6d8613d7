import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../lib/server/segments/definition.ts';
import { CONDITION_TYPES, completePart, isComplete, isFullyComplete, newCondition } from './condition-model.ts';

describe('the builder’s condition model', () => {
	it('starts every condition type either complete (accepted by the server) or visibly incomplete', () => {
		for (const type of CONDITION_TYPES) {
			const condition = newCondition(type);
			if (isComplete(condition)) expect(() => parseDefinition({ conditions: [condition] }), type).not.toThrow();
			else expect(() => parseDefinition({ conditions: [condition] }), type).toThrow();
		}
	});

	it('leaves incomplete conditions and empty groups out of the preview', () => {
		const items = [
			{ type: 'rfm_segment' as const, segments: [] },
			{ type: 'city' as const, values: ['Казань'] },
			{ any: [{ type: 'channel' as const, values: [] }] },
			{ any: [{ type: 'purchases' as const, min: 5, max: 2 }, { type: 'debt' as const, kind: 'overdue' as const }] }
		];
		expect(completePart(items)).toEqual({ conditions: [{ type: 'city', values: ['Казань'] }, { any: [{ type: 'debt', kind: 'overdue' }] }] });
		expect(isFullyComplete(items)).toBe(false);
		expect(() => parseDefinition(completePart(items))).not.toThrow();
	});

	it('agrees with the server on ranges and dates', () => {
		const cases = [
			{ type: 'p_alive' as const, min: 0.2, max: 1.2 },
			{ type: 'purchases' as const },
			{ type: 'last_purchase' as const, after: '2026-05-01', before: '2026-04-01' },
			{ type: 'category' as const, values: ['Кондиционеры'], from: '2026-02-01', to: '2026-01-01' }
		];
		for (const condition of cases) {
			expect(isComplete(condition), condition.type).toBe(false);
			expect(() => parseDefinition({ conditions: [condition] })).toThrow();
		}
	});
});
