import { describe, expect, it } from 'vitest';
import { addSlashCounts, countSlashParts, decideOrder, withOrder } from './date-order.ts';

describe('day/month order of slash dates', () => {
	it('counts the parts above 12', () => {
		expect(countSlashParts(['3/1/2017', '10/20/2016', '25/01/2024 10:00', '2024-01-01', '', '11/30/2016'], 'Дата')).toEqual({
			firstAbove12: 1,
			secondAbove12: 2,
			slash: 4,
			firstExample: { header: 'Дата', value: '25/01/2024 10:00' },
			secondExample: { header: 'Дата', value: '10/20/2016' }
		});
	});

	it('adds the counts of several columns, the examples of the first column that has one', () => {
		const created = countSlashParts(['3/1/2017', '1/13/2017'], 'Создана');
		const closed = countSlashParts(['4/20/2017', '14/2/2017'], 'Закрыта');
		expect(addSlashCounts([created, closed])).toEqual({
			firstAbove12: 1,
			secondAbove12: 2,
			firstExample: { header: 'Закрыта', value: '14/2/2017' },
			secondExample: { header: 'Создана', value: '1/13/2017' }
		});
	});

	it('lets the values decide, the larger count winning a conflict, and assumes day-first when none does', () => {
		const first = { header: 'Дата', value: '25/1/2024' };
		const second = { header: 'Дата', value: '3/13/2017' };
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 3, secondExample: second }, 'file', ['date'])).toEqual({
			order: 'month-first',
			by: 'values',
			scope: 'file',
			columns: ['date'],
			firstAbove12: 0,
			secondAbove12: 3,
			evidence: second
		});
		// the example quoted is one that shows the order chosen, not one of the values against it
		expect(decideOrder({ firstAbove12: 5, secondAbove12: 1, firstExample: first, secondExample: second }, 'file', ['date'])).toMatchObject({ order: 'day-first', by: 'values', evidence: first });
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 0 }, 'head', ['date'])).toEqual({ order: 'day-first', by: 'assumed', scope: 'head', columns: ['date'], firstAbove12: 0, secondAbove12: 0 });
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 9, secondExample: second }, 'file', ['date'], { order: 'day-first', by: 'override' })).toEqual({
			order: 'day-first',
			by: 'override',
			scope: 'file',
			columns: ['date'],
			firstAbove12: 0,
			secondAbove12: 9
		});
		expect(decideOrder({ firstAbove12: 0, secondAbove12: 0 }, 'head', ['date'], { order: 'month-first', by: 'mapping' })).toMatchObject({ order: 'month-first', by: 'mapping' });
	});

	it('swaps only the slash formats of a format list', () => {
		expect(withOrder(['%d/%m/%Y', '%d.%m.%Y', '%d/%m/%Y %H:%M'], 'month-first')).toEqual(['%m/%d/%Y', '%d.%m.%Y', '%m/%d/%Y %H:%M']);
		expect(withOrder(['%m/%d/%Y'], 'day-first')).toEqual(['%d/%m/%Y']);
	});
});
