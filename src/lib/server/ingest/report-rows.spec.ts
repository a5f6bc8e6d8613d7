import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchHeaders } from './header-match.ts';
import { findEntity, loadJobs } from './job-spec.ts';
import { groupColumns, isTotalText, rowShape, skipKind } from './report-rows.ts';

const balances = findEntity(loadJobs(path.resolve('ingest')), 'stock', 'balances')!;
const headers = ['Склад', 'Номенклатура', 'Конечный остаток'];
const shape = rowShape(matchHeaders(headers, balances, 'ведомость.csv', { titleDate: true }), headers.length, { titleDate: true });
const records = (rows: string[][]) => rows.map((fields, i) => ({ line: i + 2, fields }));

describe('report rows that are not data', () => {
	it('knows a total line by its label, not by a name that starts like one', () => {
		for (const label of ['Итого', 'Итого:', 'ИТОГО', 'Итого по документу', 'Всего за период', 'Разом', 'Усього', 'Всього:', 'Total', 'Grand total']) {
			expect(isTotalText(label), label).toBe(true);
		}
		for (const name of ['Всего хорошего, ООО', 'Итоговая ведомость', 'Разомкнутый контакт', 'Totally Fit LLC', '']) {
			expect(isTotalText(name), name).toBe(false);
		}
	});

	it('finds the group column of a report grouped by warehouse and tells group rows from lines', () => {
		const rows = records([
			['Основной склад', '', '75'],
			['', 'Чайник', '40'],
			['', 'Тостер', '35'],
			['Итого', '', '75']
		]);
		const groups = groupColumns(rows, shape);
		expect(groups).toEqual([0]);
		expect(rows.map((r) => skipKind(r.fields, shape, groups) ?? null)).toEqual(['group', null, null, 'total']);
	});

	it('sees no groups in a plain export where every line names its warehouse', () => {
		const rows = records([
			['Основной склад', 'Чайник', '40'],
			['Основной склад', 'Тостер', '35']
		]);
		expect(groupColumns(rows, shape)).toEqual([]);
	});
});
