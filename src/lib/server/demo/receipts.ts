import { WAREHOUSES } from './catalog-data.ts';
import type { StreamingFiles } from './demo-files.ts';
import type { ReceiptEvent } from './events.ts';
import { formatKopecks } from './number-format.ts';
import { pad } from './registry-ids.ts';
import type { World } from './world.ts';

/**
 * A supplier's delivery arrives: stock goes up, a goods receipt (1C "Поступление
 * товаров") is written line by line, and the supplier is paid within ten days.
 */
export function writeReceipt(w: World, files: StreamingFiles, day: number, e: ReceiptEvent): void {
	w.stock.receive(e.lines, e.warehouse);
	const doc = `ПТ00-${pad(++w.counters.receiptDoc, 6)}`;
	const supplier = w.catalog.suppliers[e.supplier];
	const year = w.days.year(day);
	let total = 0;
	e.lines.forEach((line, k) => {
		const sku = w.catalog.skus[line.sku];
		const amount = e.unitCosts[k] * line.qty;
		total += amount;
		const fields = [doc, w.days.dmy(day), supplier.name, WAREHOUSES[e.warehouse], sku.code, sku.name, String(line.qty), formatKopecks(e.unitCosts[k]), formatKopecks(amount)];
		if (files.receipts.write(fields, `${doc}/${sku.code}`, year)) w.totals.receiptsLines++;
	});
	w.calendar.schedule(day + w.rng.int(11), {
		type: 'outgoing',
		name: supplier.name,
		inn: supplier.inn,
		amount: total,
		purpose: `Оплата по договору поставки за товар по накладной ${doc} от ${w.days.dmy(day)}, в т.ч. НДС`
	});
}
