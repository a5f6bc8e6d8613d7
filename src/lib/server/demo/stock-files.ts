import path from 'node:path';
import { WAREHOUSES } from './catalog-data.ts';
import * as L from './layouts.ts';
import { formatKopecks } from './number-format.ts';
import { CsvOut, type FileEntry } from './outputs.ts';
import type { World } from './world.ts';

/** Month-end stock snapshots are exported for this many last months. */
export const SNAPSHOT_MONTHS = 6;

/**
 * stock/sku_cards.csv: the item catalogue as a Ukrainian-localised warehouse program
 * exports it (windows-1251, `;`, Ukrainian headers), prices as of the end of the data.
 */
export function writeSkuCards(w: World): FileEntry {
	const out = new CsvOut(w.options.outDir, path.join(w.options.outDir, 'stock', 'sku_cards.csv'), L.SKU_CARDS, { eol: '\r\n' });
	for (const sku of w.catalog.skus) {
		out.write(
			[
				sku.code,
				sku.name,
				w.catalog.categories[sku.category].name,
				sku.unit,
				formatKopecks(w.cost(sku.index, w.end), ',', ''),
				formatKopecks(w.price(sku.index, w.end), ',', ''),
				w.catalog.suppliers[sku.supplier].name,
				String(sku.leadTime),
				String(sku.moq)
			],
			sku.code,
			0
		);
	}
	return out.close();
}

/** stock/stock_balance_<date>.csv: every SKU in both warehouses on a day (zeros included, so a stock-out replaces an older balance). */
export function writeBalanceSnapshot(w: World, day: number): FileEntry {
	const iso = w.days.iso(day);
	const out = new CsvOut(w.options.outDir, path.join(w.options.outDir, 'stock', `stock_balance_${iso}.csv`), L.BALANCES, { eol: '\n' });
	for (const sku of w.catalog.skus) {
		WAREHOUSES.forEach((warehouse, wh) => {
			out.write([iso, sku.code, warehouse, sku.name, String(w.stock.onHand[sku.index * WAREHOUSES.length + wh])], `${sku.code}/${warehouse}`, 0);
		});
	}
	return out.close();
}
