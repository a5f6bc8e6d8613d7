// Sales of companies whose demand looks like real SKU-level trade rather than the demo: SKUs
// sold once, in 3 of 24 months, in lumps, not at all in the last year, new ones, months whose
// returns exceed their sales; a one-product company with ten years of history; a company
// with five months. Accounting sales lines in the 1C-style layout of marts-purchasing-fixtures.ts
// (Документ; № строки; Дата; …; Количество; Цена; Сумма; Склад); a return is a negative line
// of its own «Возврат товаров от клиента» document, as 1C:Trade's «Продажи» report lists it.
import { monthLabels, type SaleLine } from './marts-purchasing-fixtures.ts';

const sale = (month: string, sku: string, category: string, qty: number, day = 15, warehouse?: string): SaleLine => ({
	date: `${month}-${String(day).padStart(2, '0')}`,
	sku,
	name: `Товар ${sku}`,
	category,
	qty,
	price: 100,
	warehouse
});

let returnNo = 0;
/** A return of `qty` on the 20th: a negative line of a return document. */
const returned = (month: string, sku: string, category: string, qty: number, warehouse?: string): SaleLine => ({
	...sale(month, sku, category, -qty, 20, warehouse),
	document: `Возврат товаров от клиента ${String(++returnNo).padStart(8, '0')}`
});

/** Lines for monthly net quantities from `start`: one sale on the 15th, none for a 0 month. */
function monthlyLines(sku: string, category: string, start: string, net: readonly number[], warehouse?: string): SaleLine[] {
	const months = monthLabels(start, net.length);
	return net.flatMap((qty, t) => (qty === 0 ? [] : [sale(months[t], sku, category, qty, 15, warehouse)]));
}

// ── The sales-only company: two years, 2023-01 .. 2024-12 ──────────────────────────────────

/** Monthly quantities by SKU, net of returns, 2023-01 .. 2024-12 (0 before the first sale). */
export const SPARSE_NET: Record<string, number[]> = {
	// a winter season, the second year 10 % up
	REG: [30, 28, 20, 12, 8, 5, 5, 6, 10, 18, 25, 32, 33, 31, 22, 13, 9, 6, 6, 7, 11, 20, 28, 35],
	// 20 a month; 2023-07: 20 sold, 4 returned → 16; 2024-03: 5 sold, 30 returned → −25
	RET: [20, 20, 20, 20, 20, 20, 16, 20, 20, 20, 20, 20, 20, 20, -25, 20, 20, 20, 20, 20, 20, 20, 20, 20],
	// 6 in 2023-01, 2023-09 and 2024-06: 3 of 24 months
	RARE: [6, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0],
	// sold once, 7 in 2023-02: its series starts there (23 months), every backtest month is 0
	ONCE: [0, 7, ...Array(22).fill(0)],
	// sold once, 3 in 2024-09: four months of history
	LATE: [...Array(20).fill(0), 3, 0, 0, 0],
	// 10 a month in 2023, nothing in 2024
	DEAD: [...Array(12).fill(10), ...Array(12).fill(0)],
	// lumps in 8 of 24 months
	LUMPY: [0, 12, 0, 0, 3, 0, 25, 0, 0, 0, 7, 0, 0, 0, 15, 0, 0, 4, 0, 0, 30, 0, 0, 2],
	// new in 2024-05: 8 months
	YOUNG: [...Array(16).fill(0), 14, 16, 15, 18, 20, 19, 22, 24],
	// new in 2024-10: 3 months
	NEW: [...Array(21).fill(0), 3, 5, 4],
	// 5, 15, 5, 15, …: CV 0.5 exactly; 20, 0, 20, 0, …: CV 1.0 exactly
	HALF: Array.from({ length: 24 }, (_, t) => (t % 2 === 0 ? 5 : 15)),
	ONEX: Array.from({ length: 24 }, (_, t) => (t % 2 === 0 ? 20 : 0))
};

export const SPARSE_CATEGORY: Record<string, string> = {
	REG: 'Обогреватели',
	RET: 'Обогреватели',
	RARE: 'Запчасти',
	ONCE: 'Запчасти',
	LATE: 'Запчасти',
	DEAD: 'Запчасти',
	LUMPY: 'Запчасти',
	YOUNG: 'Новинки',
	NEW: 'Новинки',
	HALF: 'Ровные',
	ONEX: 'Ровные'
};

/** The sales-only company's lines; REG's December 2024 sale is on the 31st, so that December is a full month. */
export function sparseCompanyLines(): SaleLine[] {
	const lines: SaleLine[] = [];
	for (const [sku, net] of Object.entries(SPARSE_NET)) {
		const category = SPARSE_CATEGORY[sku];
		if (sku === 'RET') {
			const gross = net.map((q, t) => (t === 6 ? 20 : t === 14 ? 5 : q));
			lines.push(...monthlyLines(sku, category, '2023-01', gross), returned('2023-07', sku, category, 4), returned('2024-03', sku, category, 30));
		} else lines.push(...monthlyLines(sku, category, '2023-01', net));
	}
	const last = lines.findIndex((l) => l.sku === 'REG' && l.date === '2024-12-15');
	lines[last] = { ...lines[last], date: '2024-12-31' };
	return lines;
}

// ── The one-product company: ten years, 2015-01 .. 2024-12 ───────────────────────────────

/** A boiler's year: high in winter. Year y (0 = 2015) sells BASE[month] + y. */
const SOLO_BASE = [48, 42, 33, 24, 18, 15, 15, 18, 24, 33, 42, 48];
export const SOLO_WAREHOUSE = 'Основной склад';

/** Net monthly quantity of SOLO, 2015-01 .. 2024-12; 2021-06: 2 sold, 12 returned → −10. */
export const SOLO_NET: number[] = Array.from({ length: 120 }, (_, t) => (t === 77 ? -10 : SOLO_BASE[t % 12] + Math.floor(t / 12)));

export function oneProductLines(): SaleLine[] {
	const gross = SOLO_NET.map((q, t) => (t === 77 ? 2 : q));
	const lines = [...monthlyLines('SOLO', 'Котлы', '2015-01', gross, SOLO_WAREHOUSE), returned('2021-06', 'SOLO', 'Котлы', 12, SOLO_WAREHOUSE)];
	// the last sale on 2024-12-31 makes December 2024 a full month
	lines[lines.findIndex((l) => l.date === '2024-12-15')].date = '2024-12-31';
	return lines;
}

// ── The young company: five full months, 2024-08 .. 2024-12, and ten days of January ──────

export function youngCompanyLines(): SaleLine[] {
	return [
		// five months of steady sales
		...monthlyLines('STEADY', 'Чайники', '2024-08', [12, 15, 11, 14, 13]),
		// two sales in four months
		...monthlyLines('SPOT', 'Чайники', '2024-09', [4, 0, 0, 6]),
		// two months
		...monthlyLines('FRESH', 'Тостеры', '2024-11', [2, 3]),
		// January 2025 is not over: not a full month
		sale('2025-01', 'STEADY', 'Чайники', 5, 10)
	];
}
