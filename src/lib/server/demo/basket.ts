import { KIND_PERSON } from './counterparty-store.ts';
import type { BasketLine } from './events.ts';
import { pickWeighted, type Rng } from './random.ts';
import type { World } from './world.ts';

const PARTS = new Set(['SPR', 'CNS']);

/**
 * What a customer orders on a given day: business customers several lines in wholesale
 * quantities, private buyers one or two items. Categories follow the season of the
 * order day and the customer's favourite category; items within a category follow
 * their (Pareto-like) popularity.
 */
export function makeBasket(w: World, cp: number, day: number, rng: Rng): BasketLine[] {
	const s = w.store;
	const person = s.kind[cp] === KIND_PERSON;
	const size = s.size[cp];
	const month = w.days.month(day);
	const categories = w.catalog.categories;
	const weights = categories.map((cat, c) => cat.share * cat.season[month - 1] * (c === s.favourite[cp] ? 3 : 1));
	const count = person ? (rng.chance(0.22) ? 2 : 1) : 1 + Math.min(14, rng.poisson(2.4 * Math.pow(size, 0.35)));
	const lines: BasketLine[] = [];
	for (let n = 0; n < count; n++) {
		let sku = -1;
		for (let attempt = 0; attempt < 4 && sku < 0; attempt++) {
			const c = pickWeighted(rng, weights);
			const candidate = w.catalog.skusOf[c][w.catalog.pickers[c].draw(rng)];
			if (!lines.some((l) => l.sku === candidate)) sku = candidate;
		}
		if (sku < 0) continue;
		const cat = categories[w.catalog.skus[sku].category];
		let qty: number;
		if (person) {
			qty = PARTS.has(cat.code) ? 1 + rng.int(4) : rng.chance(0.85) ? 1 : rng.chance(0.8) ? 2 : 3;
		} else {
			qty = Math.max(1, Math.round(rng.lognormal(cat.qtyMedian * 0.4 * size, 0.6)));
		}
		lines.push({ sku, qty });
	}
	return lines;
}

/**
 * The next purchase day of a live customer: a Poisson process whose rate follows the
 * business's growth and season (drawn by thinning), as a BG/NBD customer buys while alive.
 * Returns -1 when the next purchase falls after the end of the data.
 */
export function nextPurchaseDay(w: World, cp: number, fromDay: number, rng: Rng): number {
	const rate = w.store.rate[cp];
	if (!(rate > 0)) return -1;
	const bound = rate * w.maxIntensity;
	let t = fromDay + 0.5;
	for (;;) {
		t += rng.exponential(bound);
		if (t > w.end + 1) return -1;
		const day = Math.floor(t);
		if (rng.float() * w.maxIntensity < w.intensityAt(day)) return Math.max(fromDay + 1, day);
	}
}
