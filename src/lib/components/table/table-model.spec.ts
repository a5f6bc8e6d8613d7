import { describe, expect, it } from 'vitest';
import { nextSort, pageOf, searchRows, sortRows } from './table-model.ts';

const rows = [
	{ name: 'Ёлка', revenue: 100, city: 'Москва' },
	{ name: 'альфа', revenue: null, city: 'Казань' },
	{ name: 'Борисов', revenue: 2000, city: 'Москва' },
	{ name: 'Item 10', revenue: 5, city: null },
	{ name: 'Item 9', revenue: 5, city: 'Казань' }
];

describe('sortRows', () => {
	it('sorts numbers by value with empty cells last in both directions, ties in query order', () => {
		expect(sortRows(rows, { column: 'revenue', desc: false }).map((r) => r.name)).toEqual(['Item 10', 'Item 9', 'Ёлка', 'Борисов', 'альфа']);
		expect(sortRows(rows, { column: 'revenue', desc: true }).map((r) => r.name)).toEqual(['Борисов', 'Ёлка', 'Item 10', 'Item 9', 'альфа']);
	});
	it('sorts text in Russian alphabetical order (Cyrillic first, Ё as Е), numbers inside names numerically', () => {
		expect(sortRows(rows, { column: 'name', desc: false }).map((r) => r.name)).toEqual(['альфа', 'Борисов', 'Ёлка', 'Item 9', 'Item 10']);
	});
});

describe('searchRows', () => {
	it('needs every word somewhere in the row; case and ё do not matter', () => {
		expect(searchRows(rows, 'елка', ['name', 'city']).map((r) => r.name)).toEqual(['Ёлка']);
		expect(searchRows(rows, 'item казань', ['name', 'city']).map((r) => r.name)).toEqual(['Item 9']);
		expect(searchRows(rows, '  ', ['name'])).toHaveLength(5);
	});
	it('also finds the shown form of a value', () => {
		const shown = (row: Record<string, unknown>, c: string) => (c === 'revenue' && row.revenue === 2000 ? '2 000 ₽' : '');
		expect(searchRows(rows, '2 000', ['revenue'], shown).map((r) => r.name)).toEqual(['Борисов']);
	});
});

describe('pageOf', () => {
	it('slices pages and clamps the page number', () => {
		const many = Array.from({ length: 23 }, (_, i) => ({ i }));
		expect(pageOf(many, 3, 10)).toMatchObject({ page: 3, pages: 3, from: 21, to: 23, total: 23 });
		expect(pageOf(many, 9, 10).page).toBe(3);
		expect(pageOf([], 1, 10)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, total: 0 });
	});
});

describe('nextSort', () => {
	it('starts numbers descending and text ascending, then toggles', () => {
		expect(nextSort(null, 'revenue', true)).toEqual({ column: 'revenue', desc: true });
		expect(nextSort({ column: 'revenue', desc: true }, 'revenue', true)).toEqual({ column: 'revenue', desc: false });
		expect(nextSort({ column: 'revenue', desc: true }, 'name', false)).toEqual({ column: 'name', desc: false });
	});
});
