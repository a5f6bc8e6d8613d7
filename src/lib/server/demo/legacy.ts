import { nextPurchaseDay } from './basket.ts';
import { LEGACY_CHANNEL_WEIGHTS } from './channels.ts';
import { addCounterparty, type NameCounters } from './counterparties.ts';
import { KIND_COMPANY, KIND_PERSON, KIND_UA_COMPANY, STATE_STANDING_ORDER } from './counterparty-store.ts';
import type { BasketLine } from './events.ts';
import { Rng, pickWeighted } from './random.ts';
import type { World } from './world.ts';

const LEGACY_PER_SCALE = 850;
const STANDING_PER_SCALE = 16;

/**
 * The customer base imported into the CRM the evening before the data starts: existing
 * buyers, already active. A dozen wholesale customers among them have a standing monthly
 * order of the same spare parts and consumables, which makes those items steady (XYZ: X).
 */
export function importLegacyCustomers(w: World, names: NameCounters): void {
	const rng = w.rng;
	const count = Math.max(20, Math.round(LEGACY_PER_SCALE * w.scale));
	const importMinute = (w.start - 1) * 1440 + 18 * 60;
	const standingChance = (STANDING_PER_SCALE * w.scale) / (count * 0.62);
	for (let k = 0; k < count; k++) {
		const channel = pickWeighted(rng, LEGACY_CHANNEL_WEIGHTS);
		let kind = pickWeighted(rng, [0.62, 0.16, 0.22]);
		if (kind === KIND_COMPANY && rng.chance(0.012)) kind = KIND_UA_COMPANY;
		const i = addCounterparty(w, names, { minute: importMinute + Math.floor((k * 90) / count), channel, kind, legacy: true }, rng);
		const first = nextPurchaseDay(w, i, w.start - 1, rng);
		if (first >= 0) w.calendar.schedule(first, { type: 'purchase', cp: i });
		if (kind === KIND_COMPANY && rng.chance(standingChance)) {
			w.store.state[i] |= STATE_STANDING_ORDER;
			w.calendar.schedule(w.start + standingDayOfMonth(w, i) - 1, { type: 'standing', cp: i });
		}
	}
	w.stock.initialise(expectedDailyDemand(w));
}

export function standingDayOfMonth(w: World, cp: number): number {
	return 3 + (Rng.derive(w.seed, 'standing', cp).int(20));
}

/** The standing order's items and base quantities (fixed per customer), with ±5% from month to month. */
export function standingBasket(w: World, cp: number): BasketLine[] {
	const fixed = Rng.derive(w.seed, 'standing', cp);
	fixed.int(20);
	const pool: number[] = [];
	for (const code of ['SPR', 'CNS']) {
		const c = w.catalog.categories.findIndex((cat) => cat.code === code);
		const top = [...w.catalog.skusOf[c]].sort((a, b) => w.catalog.skus[b].popularity - w.catalog.skus[a].popularity).slice(0, 3);
		pool.push(...top);
	}
	const count = 2 + fixed.int(2);
	const lines: BasketLine[] = [];
	while (lines.length < count) {
		const sku = pool[fixed.int(pool.length)];
		if (lines.some((l) => l.sku === sku)) continue;
		const base = fixed.lognormal(160, 0.35);
		lines.push({ sku, qty: Math.max(1, Math.round(base * (1 + 0.05 * w.rng.normal()))) });
	}
	return lines;
}

/** What the legacy customers are expected to order per day, by SKU (to stock the shelves on day one). */
function expectedDailyDemand(w: World): Float64Array {
	const s = w.store;
	const demand = new Float64Array(w.catalog.skus.length);
	const month = w.days.month(w.start);
	const cats = w.catalog.categories;
	const catWeights = cats.map((cat) => cat.share * cat.season[month - 1]);
	const catTotal = catWeights.reduce((a, b) => a + b, 0);
	const popularityTotals = w.catalog.skusOf.map((list) => list.reduce((sum, i) => sum + w.catalog.skus[i].popularity, 0));
	const perCategory = new Float64Array(cats.length * 2);
	for (let i = 0; i < s.count; i++) {
		const docs = s.rate[i] * w.intensityAt(w.start);
		const person = s.kind[i] === KIND_PERSON;
		const lines = person ? 1.22 : 1 + 2.4 * Math.pow(s.size[i], 0.35);
		for (let c = 0; c < cats.length; c++) {
			const units = person ? 1.3 : cats[c].qtyMedian * 0.4 * s.size[i] * 1.2;
			perCategory[c] += (docs * lines * catWeights[c] * units) / catTotal;
		}
		if (s.state[i] & STATE_STANDING_ORDER) for (const line of standingBasket(w, i)) demand[line.sku] += line.qty / 30;
	}
	w.catalog.skus.forEach((sku) => {
		demand[sku.index] += (perCategory[sku.category] * sku.popularity) / popularityTotals[sku.category];
	});
	return demand;
}
