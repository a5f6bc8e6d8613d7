import path from 'node:path';
import { dateOfDay, firstDayOfMonthNumber, lastDayOfMonth } from './calendar.ts';
import * as L from './layouts.ts';
import { TableOut, type FileEntry } from './outputs.ts';
import { Rng } from './random.ts';
import type { World } from './world.ts';

/** Plans are set for the months of the data and the next two. */
export const PLAN_MONTHS_AHEAD = 2;

/**
 * accounting/manager_plans.xlsx: a monthly sales plan per manager, set the way a sales
 * lead does it — last year's same month plus ~18%, or, in the first year, a guess
 * around what the manager then sold. Some managers beat their plan, some miss it.
 */
export async function writeSalesPlan(w: World): Promise<FileEntry> {
	const rng = Rng.derive(w.seed, 'plan');
	const out = new TableOut(w.options.outDir, path.join(w.options.outDir, 'accounting', 'manager_plans'), L.SALES_PLAN, {
		asXlsx: true,
		sheet: 'План продаж',
		stamp: dateOfDay(w.end),
		days: w.days,
		widths: [12, 26, 16],
		numFmts: ['mmmm yyyy', undefined, '#,##0'],
		decimals: [undefined, undefined, 0]
	});
	const first = w.days.monthNumber(w.start);
	const last = w.days.monthNumber(w.end) + PLAN_MONTHS_AHEAD;
	const revenue = (manager: number, month: number) => w.managerRevenue.get(`${manager}:${month}`) ?? 0;
	for (let m = first; m <= last; m++) {
		const day = firstDayOfMonthNumber(m);
		const monthEnd = lastDayOfMonth(w.days.year(day), w.days.month(day));
		const active = w.managers.map((manager, k) => ({ manager, k })).filter(({ manager }) => manager.fromDay <= monthEnd);
		const bases = active.map(({ k }) => (m - 12 >= first ? revenue(k, m - 12) * 1.18 : revenue(k, Math.min(m, last - PLAN_MONTHS_AHEAD)) * (0.9 + 0.35 * rng.float())));
		const average = bases.reduce((a, b) => a + b, 0) / Math.max(1, bases.length);
		active.forEach(({ manager }, j) => {
			// A newcomer with no history gets half of the team's average.
			const base = bases[j] > 0 ? bases[j] : average * 0.5;
			const plan = Math.max(100_000, Math.round(base / 1_000_000) * 10_000);
			out.write([{ day }, manager.name, plan], `${w.days.iso(day)}/${manager.name}`, 0);
		});
	}
	return out.close();
}
