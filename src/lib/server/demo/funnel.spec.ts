import { describe, expect, it } from 'vitest';
import { LOST, WON, drawDealPath, pathAsOf } from './funnel.ts';
import { Rng } from './random.ts';

const base = { createdMinute: 0, pace: 1, unanswered: false, outOfStock: false, horizonMinute: Number.MAX_SAFE_INTEGER, working: (m: number) => m };

describe('deal paths', () => {
	it('converts the share of deals asked for, with strictly later stage entries', () => {
		const rng = new Rng(9);
		for (const conversion of [0.12, 0.3, 0.55]) {
			let won = 0;
			const n = 20_000;
			for (let i = 0; i < n; i++) {
				const path = drawDealPath({ ...base, conversion }, rng);
				for (let k = 1; k < path.entries.length; k++) expect(path.entries[k].minute).toBeGreaterThan(path.entries[k - 1].minute);
				const last = path.entries[path.entries.length - 1].stage;
				if (last === WON) won++;
				if (last === LOST) expect(path.lostReason).toBeTruthy();
			}
			// Binomial standard error at n = 20000 is below 0.0036.
			expect(Math.abs(won / n - conversion)).toBeLessThan(0.015);
		}
	});

	it('lets an unanswered lead die or hang in the first stage', () => {
		const rng = new Rng(4);
		for (let i = 0; i < 200; i++) {
			const path = drawDealPath({ ...base, conversion: 0.5, unanswered: true }, rng);
			expect(path.entries[0].stage).toBe(0);
			expect(path.entries.length === 1 || path.entries[1].stage === LOST).toBe(true);
		}
	});

	it('shows a path as of a date', () => {
		const path = { entries: [{ stage: 0, minute: 0 }, { stage: 1, minute: 100 }, { stage: LOST, minute: 500 }], lostReason: 'Дорого', stalled: false };
		expect(pathAsOf(path, 200)).toEqual({ entries: path.entries.slice(0, 2), current: 1, closedMinute: null, lostReason: null });
		expect(pathAsOf(path, 600)).toMatchObject({ current: LOST, closedMinute: 500, lostReason: 'Дорого' });
	});
});
