/**
 * Long rows (month, channel, revenue) → one series per channel over the months, in the
 * order values first appear. Each cell keeps its row so a click can drill into it.
 */
export interface Pivot {
	categories: unknown[];
	series: { name: unknown; values: (number | null)[]; rows: (Record<string, unknown> | null)[] }[];
}

const keyOf = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

export function pivot(rows: Record<string, unknown>[], x: string, by: string, value: string): Pivot {
	const categories: unknown[] = [];
	const categoryIndex = new Map<string, number>();
	const series: Pivot['series'] = [];
	const seriesIndex = new Map<string, number>();
	for (const row of rows) {
		const xKey = keyOf(row[x]);
		if (!categoryIndex.has(xKey)) categoryIndex.set(xKey, categories.push(row[x]) - 1);
		const sKey = keyOf(row[by]);
		if (!seriesIndex.has(sKey)) seriesIndex.set(sKey, series.push({ name: row[by], values: [], rows: [] }) - 1);
	}
	for (const s of series) {
		s.values = categories.map(() => null);
		s.rows = categories.map(() => null);
	}
	for (const row of rows) {
		const s = series[seriesIndex.get(keyOf(row[by]))!];
		const i = categoryIndex.get(keyOf(row[x]))!;
		const v = typeof row[value] === 'number' ? (row[value] as number) : null;
		// Several rows for one cell add up (a query grouped finer than the chart).
		s.values[i] = v === null ? s.values[i] : (s.values[i] ?? 0) + v;
		s.rows[i] ??= row;
	}
	return { categories, series };
}
