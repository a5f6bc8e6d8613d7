import { CHANNELS } from './channels.ts';
import { buildCatalog, listPrice, unitCost, type Catalog } from './catalog.ts';
import { DayTable, civil, dayOf } from './calendar.ts';
import { CounterpartyStore } from './counterparty-store.ts';
import { EventCalendar } from './events.ts';
import { Identities } from './identity.ts';
import { Rng } from './random.ts';
import { buildManagers, type Manager } from './staff.ts';
import { StockSim } from './stock.ts';

export interface DemoOptions {
	seed: number;
	/** Multiplies counterparties, deals and sales lines (1 ≈ 5,000 counterparties, 60,000 lines). */
	scale: number;
	years: number;
	/** Last day of the data (day number). */
	endDay: number;
	outDir: string;
}

export interface ChannelTotals {
	spend: number;
	leads: number;
	newCustomers: number;
	revenue: number;
	grossProfit: number;
}

/** Running figures for the manifest; spoiled rows never count. */
export interface Totals {
	revenueByYear: Record<string, number>;
	costByYear: Record<string, number>;
	salesLines: number;
	salesDocuments: number;
	salesLinesWithoutCode: number;
	stockoutLinesDropped: number;
	invoices: { total: number; on_time: number; late: number; partial: number; never: number; prepaid: number };
	deals: { total: number; won: number; lost: number; open: number; stalled: number; noManager: number; noFirstResponse: number; reached: number[] };
	channels: ChannelTotals[];
	activities: number;
	receiptsLines: number;
	/** «Возврат товаров от клиента» documents; lines and the revenue given back count good rows only. */
	returns: { documents: number; lines: number; revenueByYear: Record<string, number> };
}

export class World {
	readonly seed: number;
	readonly scale: number;
	readonly start: number;
	readonly end: number;
	readonly days: DayTable;
	readonly rng: Rng;
	/** Returns draw from a stream of their own, so adding them changed nothing else the company did. */
	readonly returnsRng: Rng;
	readonly catalog: Catalog;
	readonly managers: Manager[];
	readonly store: CounterpartyStore;
	readonly identities: Identities;
	readonly calendar: EventCalendar;
	readonly stock: StockSim;
	/** Demand level per day (growth × overall seasonality), indexed from `start`. */
	readonly intensity: Float32Array;
	readonly maxIntensity: number;
	/** Prices and costs per [year offset][sku] in kopecks. */
	private readonly prices: Int32Array[];
	private readonly costs: Int32Array[];
	readonly startYear: number;
	readonly totals: Totals;
	/** Revenue by manager and running month (kopecks), for the sales plan. */
	readonly managerRevenue = new Map<string, number>();
	readonly counters = { deal: 0, activity: 0, salesDoc: 0, returnDoc: 0, invoice: 0, sberDoc: 0, tbankDoc: 0, receiptDoc: 0 };

	constructor(readonly options: DemoOptions) {
		this.seed = options.seed;
		this.scale = options.scale;
		this.end = options.endDay;
		const endCivil = civil(this.end);
		const firstMonth = endCivil.year * 12 + (endCivil.month - 1) - 12 * options.years + 1;
		this.start = dayOf(Math.floor(firstMonth / 12), (firstMonth % 12) + 1, 1);
		this.startYear = civil(this.start).year;
		this.days = new DayTable(this.start - 60, this.end + 500);
		this.rng = Rng.derive(this.seed, 'simulation');
		this.returnsRng = Rng.derive(this.seed, 'returns');
		this.catalog = buildCatalog(this.seed);
		this.managers = buildManagers(this.seed, this.scale, this.start);
		this.store = new CounterpartyStore(5200 * this.scale);
		this.identities = new Identities(this.seed, this.store, this.startYear);
		this.calendar = new EventCalendar(this.start, this.end);
		const n = this.end - this.start + 1;
		this.intensity = new Float32Array(n);
		let max = 0;
		for (let d = 0; d < n; d++) {
			const month = this.days.month(this.start + d);
			let season = 0;
			for (const cat of this.catalog.categories) season += cat.share * cat.season[month - 1];
			this.intensity[d] = this.trend(this.start + d) * season;
			max = Math.max(max, this.intensity[d]);
		}
		this.maxIntensity = max;
		const years = civil(this.end + 500).year - this.startYear + 1;
		this.prices = [];
		this.costs = [];
		for (let y = 0; y < years; y++) {
			this.prices.push(Int32Array.from(this.catalog.skus, (sku) => listPrice(this.catalog, sku, y)));
			this.costs.push(Int32Array.from(this.catalog.skus, (sku) => unitCost(this.catalog, sku, y)));
		}
		this.totals = {
			revenueByYear: {},
			costByYear: {},
			salesLines: 0,
			salesDocuments: 0,
			salesLinesWithoutCode: 0,
			stockoutLinesDropped: 0,
			invoices: { total: 0, on_time: 0, late: 0, partial: 0, never: 0, prepaid: 0 },
			deals: { total: 0, won: 0, lost: 0, open: 0, stalled: 0, noManager: 0, noFirstResponse: 0, reached: [0, 0, 0, 0, 0, 0] },
			channels: CHANNELS.map(() => ({ spend: 0, leads: 0, newCustomers: 0, revenue: 0, grossProfit: 0 })),
			activities: 0,
			receiptsLines: 0,
			returns: { documents: 0, lines: 0, revenueByYear: {} }
		};
		this.stock = new StockSim(this);
	}

	/** Business growth: about 15% a year. */
	trend(day: number): number {
		return Math.pow(1.15, (day - this.start) / 365.25);
	}

	intensityAt(day: number): number {
		return this.intensity[Math.min(this.intensity.length - 1, Math.max(0, day - this.start))];
	}

	yearOffset(day: number): number {
		return this.days.year(day) - this.startYear;
	}

	price(sku: number, day: number): number {
		return this.prices[Math.max(0, this.yearOffset(day))][sku];
	}

	cost(sku: number, day: number): number {
		return this.costs[Math.max(0, this.yearOffset(day))][sku];
	}

	/** A working moment on `day` (9:00–19:00, busier before lunch), in minutes. */
	workingMinute(day: number, rng: Rng): number {
		return day * 1440 + 540 + Math.floor(Math.min(599, rng.gamma(2.2, 110)));
	}

	/** Moves a moment at night or on a weekend to the next working morning. */
	nextWorkingMinute(minute: number, rng: Rng): number {
		let day = Math.floor(minute / 1440);
		// Far past the end nothing is written; keep the moment as it is.
		if (day > this.days.last - 7) return minute;
		const inDay = minute - day * 1440;
		if (this.days.isBusinessDay(day) && inDay >= 540 && inDay < 1140) return minute;
		if (inDay >= 540) day++;
		return this.days.nextBusinessDay(day) * 1440 + 540 + rng.int(150);
	}

	addRevenue(manager: number, day: number, amount: number): void {
		if (manager < 0) return;
		const key = `${manager}:${this.days.monthNumber(day)}`;
		this.managerRevenue.set(key, (this.managerRevenue.get(key) ?? 0) + amount);
	}
}
