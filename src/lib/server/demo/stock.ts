import type { DayTable } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import { WAREHOUSES } from './catalog-data.ts';
import type { BasketLine, EventCalendar, ReceiptEvent } from './events.ts';
import type { Rng } from './random.ts';

const SLOTS = WAREHOUSES.length;
/** Demand memory of the buyer: an exponential average over about a month. */
const SMOOTHING = 1 / 30;
const REVIEW_DAYS = 7;
const SAFETY_DAYS = 25;

/**
 * What the stock reads of the simulated company (the World has it all): the stock is
 * part of the world, so it takes this much rather than the World it lives in.
 */
export interface StockWorld {
	readonly catalog: Catalog;
	readonly calendar: Pick<EventCalendar, 'schedule'>;
	readonly days: Pick<DayTable, 'month' | 'first' | 'last'>;
	/** The unit cost of a SKU on a day, in kopecks. */
	cost(sku: number, day: number): number;
}

/**
 * Stock on hand per SKU and warehouse. A buyer reviews it weekly: each SKU is ordered up
 * to (lead time + review + safety) days of smoothed demand, shifted for the season ahead,
 * in multiples of the minimum order. Some SKUs are habitually over-ordered and some
 * under-ordered (their buyerBias), so the data has overstock and stock-outs.
 */
export class StockSim {
	readonly onHand: Int32Array;
	readonly onOrder: Int32Array;
	private readonly demand: Float64Array;
	private readonly today: Float64Array;
	/** Days with a shortage per SKU (a line shipped short or dropped). */
	readonly stockoutEvents: Int32Array;

	constructor(private readonly w: StockWorld) {
		const n = w.catalog.skus.length * SLOTS;
		this.onHand = new Int32Array(n);
		this.onOrder = new Int32Array(n);
		this.demand = new Float64Array(n);
		this.today = new Float64Array(n);
		this.stockoutEvents = new Int32Array(w.catalog.skus.length);
	}

	/** Starting point: the expected daily demand per SKU, and stock for six weeks of it. */
	initialise(dailyDemand: Float64Array): void {
		for (let sku = 0; sku < this.w.catalog.skus.length; sku++) {
			const bias = this.w.catalog.skus[sku].buyerBias;
			for (let wh = 0; wh < SLOTS; wh++) {
				const i = sku * SLOTS + wh;
				this.demand[i] = dailyDemand[sku] / SLOTS;
				this.onHand[i] = Math.round(this.demand[i] * 42 * bias);
			}
		}
	}

	/** Ships what it can of a line from the preferred warehouse, else from the other. */
	take(sku: number, warehouse: number, qty: number): { qty: number; warehouse: number } {
		const preferred = sku * SLOTS + warehouse;
		this.today[preferred] += qty;
		if (this.onHand[preferred] >= qty) {
			this.onHand[preferred] -= qty;
			return { qty, warehouse };
		}
		const other = sku * SLOTS + (1 - warehouse);
		if (this.onHand[other] >= qty) {
			this.onHand[other] -= qty;
			return { qty, warehouse: 1 - warehouse };
		}
		this.stockoutEvents[sku]++;
		const shipped = this.onHand[preferred];
		this.onHand[preferred] = 0;
		return { qty: shipped, warehouse };
	}

	available(sku: number): number {
		let total = 0;
		for (let wh = 0; wh < SLOTS; wh++) total += this.onHand[sku * SLOTS + wh];
		return total;
	}

	endOfDay(): void {
		for (let i = 0; i < this.demand.length; i++) {
			this.demand[i] += SMOOTHING * (this.today[i] - this.demand[i]);
			this.today[i] = 0;
		}
	}

	/** The weekly review: one purchase order per supplier and warehouse, delivered after the lead time. */
	review(day: number, rng: Rng): ReceiptEvent[] {
		const w = this.w;
		const orders = new Map<number, ReceiptEvent & { arrival: number }>();
		for (const sku of w.catalog.skus) {
			const season = w.catalog.categories[sku.category].season;
			const cover = sku.leadTime + REVIEW_DAYS + SAFETY_DAYS;
			// The smoothed demand reflects the last month's season; scale it to the season of the days to cover.
			const seasonRatio = this.seasonMean(season, day, day + cover) / Math.max(0.1, this.seasonMean(season, day - 30, day));
			for (let wh = 0; wh < SLOTS; wh++) {
				const i = sku.index * SLOTS + wh;
				const target = this.demand[i] * seasonRatio * cover * sku.buyerBias;
				const position = this.onHand[i] + this.onOrder[i];
				if (position >= target * 0.75 || target < 0.5) continue;
				const qty = Math.max(sku.moq, Math.ceil((target - position) / sku.moq) * sku.moq);
				const key = sku.supplier * SLOTS + wh;
				let order = orders.get(key);
				if (!order) {
					const lead = w.catalog.suppliers[sku.supplier].leadTime;
					order = { type: 'receipt', supplier: sku.supplier, warehouse: wh, lines: [], unitCosts: [], arrival: day + Math.max(3, Math.round(rng.lognormal(lead, 0.15))) };
					orders.set(key, order);
				}
				order.lines.push({ sku: sku.index, qty });
				order.unitCosts.push(Math.round(w.cost(sku.index, day) * (0.97 + 0.06 * rng.float())));
				this.onOrder[i] += qty;
			}
		}
		return [...orders.values()].map((order) => {
			w.calendar.schedule(order.arrival, order);
			return order;
		});
	}

	/** Mean seasonal index over a span of days (sampled weekly). */
	private seasonMean(season: readonly number[], from: number, to: number): number {
		let sum = 0;
		let n = 0;
		for (let d = from; d <= to; d += 7) {
			sum += season[this.w.days.month(Math.min(this.w.days.last, Math.max(this.w.days.first, d))) - 1];
			n++;
		}
		return sum / n;
	}

	receive(lines: readonly BasketLine[], warehouse: number): void {
		for (const line of lines) {
			const i = line.sku * SLOTS + warehouse;
			this.onHand[i] += line.qty;
			this.onOrder[i] = Math.max(0, this.onOrder[i] - line.qty);
		}
	}
}
