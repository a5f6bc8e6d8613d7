import type { Condition, ConditionGroup, ConditionType, SegmentDefinition } from '../../lib/server/segments/definition.ts';

/**
 * The builder edits the definition in the shape the server stores (definition.ts); a
 * condition being filled in may be incomplete (nothing chosen yet). Incomplete ones are
 * left out of the live preview and block saving, so the server only sees what the
 * marketer finished — and never answers 400 while they type.
 */
export type Item = Condition | ConditionGroup;

export const CONDITION_TYPES: readonly ConditionType[] = [
	'rfm_segment',
	'last_purchase',
	'purchases',
	'value',
	'p_alive',
	'channel',
	'city',
	'category',
	'birthday',
	'debt',
	'opted_in'
];

export function newCondition(type: ConditionType): Condition {
	switch (type) {
		case 'rfm_segment':
			return { type, segments: [] };
		case 'last_purchase':
			return { type, olderThanDays: 90 };
		case 'purchases':
			return { type, min: 2 };
		case 'value':
			return { type, measure: 'historical_revenue', min: 100000 };
		case 'p_alive':
			return { type, min: 0.5 };
		case 'channel':
		case 'city':
		case 'category':
			return { type, values: [] };
		case 'birthday':
			return { type, month: 'current' };
		case 'debt':
			return { type, kind: 'overdue' };
		case 'opted_in':
			return { type, channel: 'email' };
	}
}

const isDate = (value: string | undefined) => value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value);
const isCount = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value >= 0);
const ordered = (min: number | undefined, max: number | undefined) => min === undefined || max === undefined || min <= max;

/** Whether the server would accept the condition as it stands. */
export function isComplete(condition: Condition): boolean {
	switch (condition.type) {
		case 'rfm_segment':
			return condition.segments.length > 0;
		case 'channel':
		case 'city':
			return condition.values.length > 0;
		case 'category':
			return condition.values.length > 0 && isDate(condition.from) && isDate(condition.to) && (!condition.from || !condition.to || condition.from <= condition.to);
		case 'last_purchase': {
			const { after, before, olderThanDays, withinDays } = condition;
			const any = [after, before, olderThanDays, withinDays].some((v) => v !== undefined);
			return any && isDate(after) && isDate(before) && isCount(olderThanDays) && isCount(withinDays) && (!after || !before || after <= before);
		}
		case 'purchases':
		case 'value':
			return (condition.min !== undefined || condition.max !== undefined) && isCount(condition.min) && isCount(condition.max) && ordered(condition.min, condition.max);
		case 'p_alive': {
			const inRange = (v: number | undefined) => v === undefined || (v >= 0 && v <= 1);
			return (condition.min !== undefined || condition.max !== undefined) && inRange(condition.min) && inRange(condition.max) && ordered(condition.min, condition.max);
		}
		case 'birthday':
		case 'debt':
		case 'opted_in':
			return true;
	}
}

/** The finished part of the definition: incomplete conditions dropped, empty groups too. */
export function completePart(items: readonly Item[]): SegmentDefinition {
	const conditions: Item[] = [];
	for (const item of items) {
		if ('any' in item) {
			const any = item.any.filter(isComplete);
			if (any.length) conditions.push({ any });
		} else if (isComplete(item)) {
			conditions.push(item);
		}
	}
	return { conditions };
}

export function isFullyComplete(items: readonly Item[]): boolean {
	return items.every((item) => ('any' in item ? item.any.length > 0 && item.any.every(isComplete) : isComplete(item)));
}

/** A copy the editor may change without touching the saved segment's object. */
export function cloneItems(items: readonly Item[]): Item[] {
	return JSON.parse(JSON.stringify(items)) as Item[];
}

/** The same definition? (for «unsaved changes»): JSON of the complete parts. */
export function sameDefinition(a: readonly Item[], b: readonly Item[]): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
