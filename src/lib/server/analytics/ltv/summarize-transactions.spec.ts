import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from './epoch-day.ts';
import { summarizeTransactions } from './summarize-transactions.ts';

const d = epochDay;

describe('summarizeTransactions', () => {
	// Customer A: 01-01 (10 + 5, one day -> one period of 15), 01-08 (20), 01-15 (30 + 10 -> 40),
	// 02-05 (after the end, dropped). Periods 01-01, 01-08, 01-15: frequency 3 - 1 = 2;
	// recency 14 days = 2 weeks; T = 01-01..01-29 = 28 days = 4 weeks;
	// monetary = (20 + 40) / 2 = 30; total = 15 + 20 + 40 = 75.
	// Customer B: one purchase on 01-22 -> frequency 0, recency 0, T = 1 week, monetary 0.
	// Customer C: only after the end -> not a customer yet.
	const transactions = {
		customerId: ['A', 'B', 'A', 'C', 'A', 'A', 'A', 'A'],
		day: [d('2024-01-15'), d('2024-01-22'), d('2024-01-01'), d('2024-02-01'), d('2024-01-08'), d('2024-02-05'), d('2024-01-01'), d('2024-01-15')],
		value: [30, 7, 10, 50, 20, 99, 5, 10]
	};

	it('merges same-day purchases, drops those after the end and measures in weeks', () => {
		const s = summarizeTransactions(transactions, { observationEnd: '2024-01-29' });
		expect(s.ids).toEqual(['A', 'B']);
		expect(Array.from(s.frequency)).toEqual([2, 0]);
		expect(Array.from(s.recency)).toEqual([2, 0]);
		expect(Array.from(s.T)).toEqual([4, 1]);
		expect(Array.from(s.monetaryValue)).toEqual([30, 0]);
		expect(Array.from(s.totalValue)).toEqual([75, 7]);
		expect(isoDate(s.firstPurchaseDay[0])).toBe('2024-01-01');
		expect(isoDate(s.lastPurchaseDay[0])).toBe('2024-01-15');
		expect(s.droppedAfterEnd).toBe(2);
	});

	it('counts 7-day periods as ISO weeks (Monday to Sunday)', () => {
		// 2024-01-01 is a Monday: Mon 01-01 (10) and Sun 01-07 (5) share a week; Mon 01-08 (20) starts the next.
		// frequency 1, recency 1 week, T = weeks 01-01..01-29 = 4, monetary 20.
		const s = summarizeTransactions(
			{ customerId: [1, 1, 1], day: [d('2024-01-01'), d('2024-01-07'), d('2024-01-08')], value: [10, 5, 20] },
			{ observationEnd: '2024-01-29', periodDays: 7, timeUnitDays: 7 }
		);
		expect([s.frequency[0], s.recency[0], s.T[0], s.monetaryValue[0]]).toEqual([1, 1, 4, 20]);
	});

	it('uses days as the time unit when asked', () => {
		const s = summarizeTransactions(transactions, { observationEnd: d('2024-01-29'), timeUnitDays: 1 });
		expect([s.recency[0], s.T[0], s.T[1]]).toEqual([14, 28, 7]);
	});

	it('rejects bad input with the row number', () => {
		expect(() => summarizeTransactions({ customerId: ['A'], day: [1.5], value: [1] }, { observationEnd: 10 })).toThrow(/transaction #1: day must be a whole day number/);
		expect(() => summarizeTransactions({ customerId: ['A', 'A'], day: [1, 2], value: [1, Number.NaN] }, { observationEnd: 10 })).toThrow(/transaction #2: value must be a finite number/);
		expect(() => summarizeTransactions({ customerId: [''], day: [1], value: [1] }, { observationEnd: 10 })).toThrow(/customer id is empty/);
		expect(() => summarizeTransactions({ customerId: ['A'], day: [1], value: [1] }, { observationEnd: 10, periodDays: 0 })).toThrow(/periodDays/);
		expect(() => summarizeTransactions({ customerId: ['A'], day: [1, 2], value: [1] }, { observationEnd: 10 })).toThrow(/equal lengths/);
	});
});

describe('epochDay', () => {
	it('counts days from 1970-01-01 and refuses impossible dates', () => {
		expect(epochDay('1970-01-02')).toBe(1);
		expect(epochDay('19970930')).toBe(epochDay('1997-09-30'));
		expect(isoDate(epochDay('2024-02-29'))).toBe('2024-02-29');
		expect(() => epochDay('2023-02-29')).toThrow(/does not exist/);
		expect(() => epochDay('30.09.1997')).toThrow(/YYYY-MM-DD/);
	});
});
