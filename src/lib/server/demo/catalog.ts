import { CATEGORIES, SUPPLIERS, type CategoryData } from './catalog-data.ts';
import { completeInn10, completeOgrn, pad } from './registry-ids.ts';
import { Rng, Scatter, WeightedTable } from './random.ts';

export interface Sku {
	index: number;
	code: string;
	name: string;
	category: number;
	unit: string;
	supplier: number;
	leadTime: number;
	moq: number;
	/** List price and unit cost in kopecks in the first year of the demo. */
	price0: number;
	cost0: number;
	/** Relative chance of being picked within its category (Pareto-like). */
	popularity: number;
	/** How the buyer over- or under-orders this item (1 = follows demand). */
	buyerBias: number;
}

export interface Supplier {
	name: string;
	inn: string;
	ogrn: string;
	leadTime: number;
}

export interface Catalog {
	categories: readonly CategoryData[];
	suppliers: Supplier[];
	skus: Sku[];
	/** Per category: a weighted table over its SKUs (indices into `skusOf`). */
	skusOf: number[][];
	pickers: WeightedTable[];
	/** Yearly price and cost indices (list prices are revised every January). */
	priceIndex(yearOffset: number): number;
	costIndex(yearOffset: number): number;
}

/** Retail-looking price: 12 490 ₽, 990 ₽; spare parts end in 0. */
function roundPrice(rubles: number, cheap: boolean): number {
	if (cheap || rubles < 1000) return Math.max(10, Math.round(rubles / 10) * 10);
	return Math.max(990, Math.round(rubles / 500) * 500 - 10);
}

const MODEL_LETTERS = ['A', 'B', 'C', 'D', 'E', 'H', 'K', 'M', 'N', 'P', 'R', 'S', 'T', 'X'];

export function buildCatalog(seed: number): Catalog {
	const rng = Rng.derive(seed, 'catalog');
	const supplierSerials = new Scatter(10_000_000, seed ^ 0x5151);
	const suppliers: Supplier[] = SUPPLIERS.map((s, i) => {
		const serial = pad(supplierSerials.at(900_000 + i), 7);
		return {
			name: s.name,
			inn: completeInn10(`78${serial}`),
			ogrn: completeOgrn(`1${pad(10 + i, 2)}78${pad(supplierSerials.at(950_000 + i), 7)}`),
			leadTime: s.leadTime
		};
	});
	const skus: Sku[] = [];
	const skusOf: number[][] = [];
	CATEGORIES.forEach((cat, c) => {
		const combos = cat.types.length * cat.brands.length * cat.variants.length;
		const pickOrder = new Scatter(combos, seed + c * 7919);
		const codes = new Scatter(9000, seed + c * 104729);
		const ranks = shuffledRanks(cat.skuCount, rng);
		const list: number[] = [];
		for (let k = 0; k < cat.skuCount; k++) {
			const combo = pickOrder.at(k);
			const variant = combo % cat.variants.length;
			const brand = Math.floor(combo / cat.variants.length) % cat.brands.length;
			const type = Math.floor(combo / (cat.variants.length * cat.brands.length));
			const model = `${rng.pick(MODEL_LETTERS)}${rng.pick(MODEL_LETTERS)}-${rng.intBetween(10, 990)}`;
			// Bigger variants cost more; the rest of the spread is the model.
			const position = (variant + rng.float() * 1.5) / (cat.variants.length + 1.5);
			const rublesPrice = Math.exp(Math.log(cat.priceLow) + position * (Math.log(cat.priceHigh) - Math.log(cat.priceLow)));
			const price = roundPrice(rublesPrice, cat.code === 'SPR' || cat.code === 'CNS') * 100;
			const margin = Math.min(0.7, Math.max(0.08, cat.margin + rng.normal() * 0.04));
			const supplier = cat.suppliers[rng.float() < 0.75 ? 0 : 1 + rng.int(cat.suppliers.length - 1)] ?? cat.suppliers[0];
			const rank = ranks[k];
			const bias = rng.float();
			list.push(skus.length);
			skus.push({
				index: skus.length,
				code: `${cat.code}-${1000 + codes.at(k)}`,
				name: `${cat.types[type]} ${cat.brands[brand]} ${model} ${cat.variants[variant]}`,
				category: c,
				unit: cat.unit,
				supplier,
				leadTime: Math.max(5, Math.round(SUPPLIERS[supplier].leadTime * (0.85 + 0.3 * rng.float()))),
				moq: Math.max(1, cat.moq * SUPPLIERS[supplier].moqFactor * (rng.chance(0.3) ? 2 : 1)),
				price0: price,
				cost0: Math.round(price * (1 - margin)),
				// Zipf-like within the category, cheaper items a little more popular.
				popularity: Math.pow(rank + 1, -1.05) * Math.exp(0.35 * rng.normal()) * Math.pow(cat.priceLow / rublesPrice, 0.25),
				buyerBias: bias < 0.08 ? 2.6 : bias < 0.16 ? 0.45 : 0.9 + 0.3 * rng.float()
			});
		}
		skusOf.push(list);
	});
	const pickers = skusOf.map((list) => new WeightedTable(list.map((i) => skus[i].popularity)));
	return {
		categories: CATEGORIES,
		suppliers,
		skus,
		skusOf,
		pickers,
		priceIndex: (y) => Math.pow(1.07, y),
		costIndex: (y) => Math.pow(1.06, y)
	};
}

function shuffledRanks(n: number, rng: Rng): number[] {
	const ranks = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[ranks[i], ranks[j]] = [ranks[j], ranks[i]];
	}
	return ranks;
}

/** List price of a SKU in a given year of the demo (kopecks), rounded like a price list. */
export function listPrice(catalog: Catalog, sku: Sku, yearOffset: number): number {
	if (yearOffset === 0) return sku.price0;
	const rublesPrice = (sku.price0 / 100) * catalog.priceIndex(yearOffset);
	const cat = catalog.categories[sku.category];
	return roundPrice(rublesPrice, cat.code === 'SPR' || cat.code === 'CNS') * 100;
}

export function unitCost(catalog: Catalog, sku: Sku, yearOffset: number): number {
	return Math.round(sku.cost0 * catalog.costIndex(yearOffset));
}
