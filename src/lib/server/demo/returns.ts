import { WAREHOUSES } from './catalog-data.ts';
import { KIND_PERSON } from './counterparty-store.ts';
import type { StreamingFiles } from './demo-files.ts';
import type { ReturnEvent } from './events.ts';
import { NBSP, formatKopecks, formatQty1c } from './number-format.ts';
import { pad } from './registry-ids.ts';
import type { World } from './world.ts';

/**
 * Returns the way 1C books them: days after a shipment the customer brings part of the
 * goods back, and a «Возврат товаров от клиента» document with its own number writes the
 * lines again with negative quantity, amount and cost (the price stays positive), naming the
 * sale in «Документ реализации». Each category has its own rate (spare parts come back
 * most: the wrong part was ordered); private buyers, who may return goods within days by law,
 * return more. Returned goods go to inspection and supplier claims, not back on the shelf, and
 * every draw comes from a stream of its own: the rest of the company runs exactly as before.
 */

export const SALE_KIND = 'Реализация товаров и услуг';
export const RETURN_KIND = 'Возврат товаров от клиента';
const PERSON_FACTOR = 1.6;
/** Share of returned lines that come back whole; the others in part. */
const WHOLE_LINE = 0.45;
const FIRST_DAY = 2;
const LAST_DAY = 21;

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/**
 * A document as 1C presents it: «<вид> ТД00-000123 от 12.03.2024 9:41:17». Sales and returns
 * are numbered apart. The time of day only dresses the text: it is spread over office hours
 * by the number, not drawn, so it moves no other figure.
 */
export function documentPresentation(kind: string, number: number, dmy: string): string {
	const second = 9 * 3600 + ((number * 7919) % (9 * 3600));
	const time = `${Math.floor(second / 3600)}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`;
	return `${kind} ТД00-${pad(number, 6)} от ${dmy} ${time}`;
}

export interface ShippedLine {
	sku: number;
	qty: number;
	/** Kopecks per unit, as sold. */
	price: number;
	unitCost: number;
	warehouse: number;
}

/** After a shipment: which of its lines come back, how many and when (never after the data ends). */
export function planReturn(w: World, sale: Omit<ReturnEvent, 'type' | 'lines'>, day: number, shipped: readonly ShippedLine[]): void {
	const rng = w.returnsRng;
	const factor = w.store.kind[sale.cp] === KIND_PERSON ? PERSON_FACTOR : 1;
	const lines: ShippedLine[] = [];
	for (const line of shipped) {
		const category = w.catalog.categories[w.catalog.skus[line.sku].category];
		if (!rng.chance(category.returnRate * factor)) continue;
		const qty = line.qty === 1 || rng.chance(WHOLE_LINE) ? line.qty : rng.intBetween(1, line.qty - 1);
		lines.push({ ...line, qty });
	}
	if (lines.length) w.calendar.schedule(day + rng.intBetween(FIRST_DAY, LAST_DAY), { type: 'return', ...sale, lines });
}

const money = (kopecks: number) => formatKopecks(kopecks, ',', NBSP);

/** Writes the return document into the sales export of its year and nets the manifest's figures. */
export function writeReturn(w: World, files: StreamingFiles, day: number, e: ReturnEvent): void {
	const s = w.store;
	const t = w.totals;
	const year = w.days.year(day);
	const out = files.salesFile(year);
	const number = w.counters.returnDoc + 1;
	const doc = documentPresentation(RETURN_KIND, number, w.days.dmy(day));
	let total = 0;
	let totalCost = 0;
	e.lines.forEach((line, i) => {
		const sku = w.catalog.skus[line.sku];
		const amount = -line.price * line.qty;
		const cost = -line.unitCost * line.qty;
		const fields = [
			doc,
			String(i + 1),
			w.days.dmy(day),
			...e.customer,
			sku.code,
			sku.name,
			w.catalog.categories[sku.category].name,
			formatQty1c(-line.qty),
			money(line.price),
			money(amount),
			money(cost),
			money(amount - cost),
			e.manager,
			WAREHOUSES[line.warehouse],
			e.channel,
			e.city,
			e.saleDocument
		];
		if (out.write(fields, `${doc}/${i + 1}`, year)) {
			t.salesLines++;
			if (e.customer[0] === '') t.salesLinesWithoutCode++;
			t.revenueByYear[year] = (t.revenueByYear[year] ?? 0) + amount;
			t.costByYear[year] = (t.costByYear[year] ?? 0) + cost;
			t.returns.lines++;
			t.returns.revenueByYear[year] = (t.returns.revenueByYear[year] ?? 0) - amount;
		}
		total += amount;
		totalCost += cost;
	});
	w.counters.returnDoc++;
	t.returns.documents++;
	// Channel payback counts customers won during the data, net of what they sent back.
	if (s.createdMinute[e.cp] >= w.start * 1440) {
		const channelTotals = w.totals.channels[s.channel[e.cp]];
		channelTotals.revenue += total;
		channelTotals.grossProfit += total - totalCost;
	}
	s.revenue[e.cp] += total;
	// No purchase, but the customer was in touch.
	s.touch(e.cp, day * 1440 + 720);
}
