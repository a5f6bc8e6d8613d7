/**
 * What a data table shows: rows matching the search, sorted, one page at a time.
 * Pure functions, so DataTable.svelte only holds the state.
 */
import type { FormatKind } from '../../format/format-value.ts';

export type Row = Record<string, unknown>;

export interface TableColumn {
	name: string;
	label: string;
	format: FormatKind;
}

export interface SortState {
	column: string;
	desc: boolean;
}

const collator = new Intl.Collator(['ru', 'en'], { numeric: true, sensitivity: 'base' });

/** Numbers by value, text by the Russian-then-English alphabet; empty cells always last. */
export function compareValues(a: unknown, b: unknown): number {
	const aEmpty = a === null || a === undefined || a === '';
	const bEmpty = b === null || b === undefined || b === '';
	if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return collator.compare(String(a), String(b));
}

export function sortRows(rows: Row[], sort: SortState | null): Row[] {
	if (!sort) return rows;
	const direction = sort.desc ? -1 : 1;
	return rows
		.map((row, index) => ({ row, index }))
		.sort((x, y) => {
			const a = x.row[sort.column];
			const b = y.row[sort.column];
			const emptyA = a === null || a === undefined || a === '';
			const emptyB = b === null || b === undefined || b === '';
			// Empty cells stay at the bottom in both directions; ties keep the query's order.
			if (emptyA !== emptyB) return emptyA ? 1 : -1;
			return compareValues(a, b) * direction || x.index - y.index;
		})
		.map((x) => x.row);
}

/**
 * Rows where every word of the search appears in some cell, as shown or as stored
 * ("альфа 2024" finds ООО «Альфа» with a 2024 date). Case and ё/е do not matter.
 */
export function searchRows(rows: Row[], search: string, columns: string[], shown: (row: Row, column: string) => string = () => ''): Row[] {
	const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');
	const words = fold(search).split(/\s+/).filter(Boolean);
	if (!words.length) return rows;
	return rows.filter((row) => {
		const haystack = fold(columns.map((c) => `${row[c] ?? ''} ${shown(row, c)}`).join(' '));
		return words.every((w) => haystack.includes(w));
	});
}

export interface Page {
	rows: Row[];
	page: number;
	pages: number;
	from: number;
	to: number;
	total: number;
}

export function pageOf(rows: Row[], page: number, size: number): Page {
	const pages = Math.max(1, Math.ceil(rows.length / size));
	const current = Math.min(Math.max(1, page), pages);
	const start = (current - 1) * size;
	const slice = rows.slice(start, start + size);
	return { rows: slice, page: current, pages, from: slice.length ? start + 1 : 0, to: start + slice.length, total: rows.length };
}

/** Header click: ascending first for text, descending first for numbers (biggest on top). */
export function nextSort(current: SortState | null, column: string, numeric: boolean): SortState {
	if (current?.column === column) return { column, desc: !current.desc };
	return { column, desc: numeric };
}
