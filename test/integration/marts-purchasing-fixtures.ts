// Export builders for the purchasing and revenue-forecast mart tests: accounting sales lines
// (one document per line), SKU cards, balances and receipts in the 1C-style Russian headers.

export interface SaleLine {
	date: string; // YYYY-MM-DD
	sku: string;
	name: string;
	category: string;
	qty: number;
	price: number;
	warehouse?: string;
	/** Document number; РН-<line number> when absent. A return is a negative line of a «Возврат…» document. */
	document?: string;
}

const decimal = (n: number) => String(n).replace('.', ',');
export const russianDate = (iso: string) => iso.split('-').reverse().join('.');

export function salesCsv(lines: readonly SaleLine[]): string {
	const header = 'Документ;№ строки;Дата;Код контрагента;Контрагент;Артикул;Номенклатура;Группа номенклатуры;Количество;Цена;Сумма;Склад';
	const rows = lines.map((l, i) =>
		[l.document ?? `РН-${i + 1}`, 1, russianDate(l.date), 'K1', 'ООО «Клиент»', l.sku, l.name, l.category, decimal(l.qty), decimal(l.price), decimal(l.qty * l.price), l.warehouse ?? ''].join(';')
	);
	return [header, ...rows].join('\n') + '\n';
}

/** 'YYYY-MM' labels from `start`, `count` months on. */
export function monthLabels(start: string, count: number): string[] {
	const [year, month] = start.split('-').map(Number);
	return Array.from({ length: count }, (_, i) => {
		const m = month - 1 + i;
		return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
	});
}

/** Last calendar day of a 'YYYY-MM' month as YYYY-MM-DD. */
export function lastDay(label: string): string {
	const [year, month] = label.split('-').map(Number);
	return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** ISO dates from `start`, `count` days on. */
export function dayLabels(start: string, count: number): string[] {
	const first = Date.parse(`${start}T00:00:00Z`);
	return Array.from({ length: count }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
}
