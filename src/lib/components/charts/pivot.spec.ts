import { describe, expect, it } from 'vitest';
import { pivot } from './pivot.ts';

describe('pivot', () => {
	it('makes one series per value, aligned on the categories in first-seen order', () => {
		const rows = [
			{ month: '2024-01-01', channel: 'Сайт', revenue: 1000 },
			{ month: '2024-01-01', channel: 'Опт', revenue: 500 },
			{ month: '2024-02-01', channel: 'Сайт', revenue: 400 },
			{ month: '2024-02-01', channel: 'Сайт', revenue: 100 },
			{ month: '2024-03-01', channel: 'Опт', revenue: null }
		];
		const result = pivot(rows, 'month', 'channel', 'revenue');
		expect(result.categories).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
		expect(result.series.map((s) => [s.name, s.values])).toEqual([
			// February's two Сайт rows add up: 400 + 100 = 500
			['Сайт', [1000, 500, null]],
			['Опт', [500, null, null]]
		]);
		expect(result.series[1].rows[0]).toBe(rows[1]);
		expect(result.series[1].rows[1]).toBeNull();
	});
});
