import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, repoRoot, type MartFixture } from '../helpers/mart-fixture.ts';

/**
 * A negative book balance in a 1C «Ведомость по товарам на складах» (a sale posted before
 * its receipt) loads as it is; staging reads it as nothing on the shelf and keeps the
 * signed figure beside it. Layout: test/fixtures/1c/README.md.
 */
let fx: MartFixture;
beforeAll(async () => {
	fx = await martFixture();
	await fx.ingestPaths([path.join(repoRoot, 'test/fixtures/1c/ut11-vedomost-po-tovaram-na-skladah.xlsx')]);
	await fx.build(['stg_stock__balances']);
});
afterAll(() => fx.close());

describe('negative stock balances', () => {
	it('are nothing on hand in staging, with the book figure kept', async () => {
		const rows = await fx.query(`select sku, warehouse, qty_on_hand, qty_book from staging.stg_stock__balances where warehouse = 'Склад Север' order by sku`);
		expect(rows).toEqual([
			{ sku: 'Кофемолка', warehouse: 'Склад Север', qty_on_hand: 0, qty_book: -3 },
			{ sku: 'Чайник электрический', warehouse: 'Склад Север', qty_on_hand: 0, qty_book: 0 }
		]);
		// On hand over the report: 40 + 35 + 30 + 0 + 0 = 105; by the books 102 (the −3 nets in).
		const [total] = await fx.query(`select sum(qty_on_hand)::DOUBLE as on_hand, sum(qty_book)::DOUBLE as book from staging.stg_stock__balances`);
		expect(total).toEqual({ on_hand: 105, book: 102 });
	});
});
