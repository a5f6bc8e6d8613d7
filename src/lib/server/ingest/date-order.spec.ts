import { describe, expect, it } from 'vitest';
import { countSlashParts, decideOrder, withOrder } from './date-order.ts';

describe('day/month order of slash dates', () => {
	it('counts the parts above 12', () => {
		expect(countSlashParts(['3/1/2017', '10/20/2016', '25/01/2024 10:00', '2024-01-01', ''])).toEqual({ firstAbove12: 1, secondAbove12: 1, slash: 3 });
	});

	it('lets the values decide, the larger count winning a conflict, and assumes day-first when none does', () => {
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 3 }, 'file', ['date'])).toMatchObject({ order: 'month-first', by: 'values' });
		expect(decideOrder({ firstAbove12: 5, secondAbove12: 1 }, 'file', ['date'])).toMatchObject({ order: 'day-first', by: 'values' });
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 0 }, 'head', ['date'])).toMatchObject({ order: 'day-first', by: 'assumed' });
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 9 }, 'file', ['date'], 'day-first')).toMatchObject({ order: 'day-first', by: 'override' });
	});

	it('swaps only the slash formats of a format list', () => {
		expect(withOrder(['%d/%m/%Y', '%d.%m.%Y', '%d/%m/%Y %H:%M'], 'month-first')).toEqual(['%m/%d/%Y', '%d.%m.%Y', '%m/%d/%Y %H:%M']);
		expect(withOrder(['%m/%d/%Y'], 'day-first')).toEqual(['%d/%m/%Y']);
	});
});
