import { task } from './activities.ts';
import { WAREHOUSES } from './catalog-data.ts';
import { CHANNELS } from './channels.ts';
import { KIND_COMPANY, KIND_PERSON, KIND_SOLE_TRADER, KIND_UA_COMPANY, STATE_BUYER } from './counterparty-store.ts';
import type { StreamingFiles } from './demo-files.ts';
import type { BasketLine } from './events.ts';
import { CITIES } from './geo.ts';
import { NBSP, formatKopecks, formatQty1c } from './number-format.ts';
import { issueInvoice } from './payments.ts';
import { documentPresentation, planReturn, SALE_KIND, type ShippedLine } from './returns.ts';
import type { World } from './world.ts';

const money = (kopecks: number) => formatKopecks(kopecks, ',', NBSP);

/**
 * Ships an order: one realization document (1C "Реализация товаров и услуг") with a line
 * per item actually in stock, then the invoice for it; some of it may come back later
 * (returns.ts). Returns the document total (0 when nothing could be shipped).
 */
export function realize(w: World, files: StreamingFiles, cp: number, day: number, lines: readonly BasketLine[], dealCode: string): number {
	const s = w.store;
	const rng = w.rng;
	const kind = s.kind[cp];
	const city = kind === KIND_UA_COMPANY ? null : CITIES[s.city[cp]];
	const preferred = city?.moscowWarehouse ? 1 : 0;
	const identity = w.identities.identity(cp);
	// Some documents were entered in 1C by name and INN only, without the CRM code. 1C always has the
	// registered INN, even for customers whose CRM card lacks it.
	const withoutCode = (kind === KIND_COMPANY || kind === KIND_SOLE_TRADER) && identity.legalInn !== '' && rng.chance(0.04);
	const managerIndex = s.manager[cp];
	const managerName = managerIndex >= 0 ? w.managers[managerIndex].name : '';
	const channel = CHANNELS[s.channel[cp]].name;
	const year = w.days.year(day);
	const out = files.salesFile(year);
	const date = w.days.dmy(day);
	const docNo = documentPresentation(SALE_KIND, w.counters.salesDoc + 1, date);
	const customer = [withoutCode ? '' : identity.code, identity.name, identity.legalInn] as const;
	const shippedLines: ShippedLine[] = [];
	let lineNo = 0;
	let total = 0;
	let totalCost = 0;
	let firstWarehouse = '';
	for (const line of lines) {
		const shipped = w.stock.take(line.sku, preferred, line.qty);
		if (shipped.qty <= 0) {
			w.totals.stockoutLinesDropped++;
			continue;
		}
		const sku = w.catalog.skus[line.sku];
		const price = Math.round(w.price(line.sku, day) * (1 - s.discount[cp]));
		const amount = price * shipped.qty;
		const cost = w.cost(line.sku, day) * shipped.qty;
		lineNo++;
		shippedLines.push({ sku: line.sku, qty: shipped.qty, price, unitCost: w.cost(line.sku, day), warehouse: shipped.warehouse });
		const fields = [
			docNo,
			String(lineNo),
			date,
			...customer,
			sku.code,
			sku.name,
			w.catalog.categories[sku.category].name,
			formatQty1c(shipped.qty),
			money(price),
			money(amount),
			money(cost),
			money(amount - cost),
			managerName,
			WAREHOUSES[shipped.warehouse],
			channel,
			identity.city,
			// a sale names no sale it returns
			''
		];
		if (out.write(fields, `${docNo}/${lineNo}`, year)) {
			const t = w.totals;
			t.salesLines++;
			if (withoutCode) t.salesLinesWithoutCode++;
			t.revenueByYear[year] = (t.revenueByYear[year] ?? 0) + amount;
			t.costByYear[year] = (t.costByYear[year] ?? 0) + cost;
		}
		total += amount;
		totalCost += cost;
		firstWarehouse ||= WAREHOUSES[shipped.warehouse];
	}
	if (lineNo === 0) return 0;
	files.salesDocumentsFile(year).write([date, docNo, identity.name, identity.legalInn, money(total), 'руб.', firstWarehouse, managerName, ''], docNo, year);
	w.counters.salesDoc++;
	w.totals.salesDocuments++;
	const channelTotals = w.totals.channels[s.channel[cp]];
	if (!(s.state[cp] & STATE_BUYER)) {
		s.state[cp] |= STATE_BUYER;
		s.firstPurchaseDay[cp] = day;
		channelTotals.newCustomers++;
	}
	// Channel payback counts customers won during the data, not the imported base.
	if (s.createdMinute[cp] >= w.start * 1440) {
		channelTotals.revenue += total;
		channelTotals.grossProfit += total - totalCost;
	}
	s.purchases[cp]++;
	s.lastPurchaseDay[cp] = day;
	s.revenue[cp] += total;
	s.touch(cp, day * 1440 + 720);
	w.addRevenue(managerIndex, day, total);
	issueInvoice(w, files, cp, day, total, dealCode, identity);
	planReturn(w, { cp, saleDocument: docNo, customer, manager: managerName, channel, city: identity.city }, day, shippedLines);
	// A manager calls some business customers after a delivery.
	if (kind !== KIND_PERSON && managerIndex >= 0 && rng.chance(0.3)) {
		const at = w.nextWorkingMinute((day + 1 + rng.int(4)) * 1440 + 600, rng);
		w.calendar.schedule(Math.floor(at / 1440), task(w, cp, dealCode, managerIndex, at, 'Уточнить получение заказа', rng));
	}
	return total;
}
