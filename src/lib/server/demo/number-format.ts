/**
 * Numbers as Russian exports write them: "1 234,50" (thousands by space or NBSP, decimal
 * comma), "12,000" for a 1C quantity, "1234.5" in an English file. Money is carried as
 * integer kopecks so sums stay exact.
 */

export const NBSP = '\u00a0';

function groupThousands(digits: string, separator: string): string {
	if (!separator || digits.length <= 3) return digits;
	let out = '';
	const head = digits.length % 3;
	if (head) out = digits.slice(0, head);
	for (let i = head; i < digits.length; i += 3) out += (out ? separator : '') + digits.slice(i, i + 3);
	return out;
}

/** Integer kopecks → "1 234,50" (or with other marks). */
export function formatKopecks(kopecks: number, decimal = ',', thousands = ' '): string {
	const negative = kopecks < 0;
	const abs = Math.abs(Math.round(kopecks));
	const rubles = Math.floor(abs / 100);
	const rest = abs - rubles * 100;
	const text = groupThousands(String(rubles), thousands) + decimal + (rest < 10 ? '0' + rest : String(rest));
	return negative ? '-' + text : text;
}

/** Any number with fixed decimals → "1 234,500". */
export function formatDecimal(value: number, decimals: number, decimal = ',', thousands = ''): string {
	const fixed = Math.abs(value).toFixed(decimals);
	const [whole, fraction] = fixed.split('.');
	const text = groupThousands(whole, thousands) + (fraction ? decimal + fraction : '');
	return value < 0 && Number(fixed) !== 0 ? '-' + text : text;
}

/** Integer quantity the 1C way: "12,000". */
export function formatQty1c(qty: number): string {
	return (qty < 0 ? '-' : '') + String(Math.abs(qty)) + ',000';
}

/** Integer kopecks as a plain JS number of rubles (XLSX cells, English files). */
export function rubles(kopecks: number): number {
	return Math.round(kopecks) / 100;
}
