import { describe, expect, it } from 'vitest';
import { datesIn, titleDate, titleLines } from './title-block.ts';

describe('title block', () => {
	it('reads the dates a title line states, in order', () => {
		expect(datesIn('Период: 01.01.2024 - 31.01.2024')).toEqual(['2024-01-01', '2024-01-31']);
		expect(datesIn('Остатки на 29 февраля 2024 г.')).toEqual(['2024-02-29']);
		expect(datesIn('Залишки станом на 31 березня 2024 р.')).toEqual(['2024-03-31']);
		expect(datesIn('Период: Январь 2024 г.')).toEqual(['2024-01-31']);
		expect(datesIn('As of 2024-06-30')).toEqual(['2024-06-30']);
		expect(datesIn('Период: 31.02.2024')).toEqual([]);
	});

	it('takes the end of the period, not the date the report was printed', () => {
		const lines = ['Ведомость по товарам на складах', 'Сформирован: 05.02.2024 10:15', 'Период: 01.01.2024 - 31.01.2024'];
		expect(titleDate(lines)).toEqual({ iso: '2024-01-31', line: 'Период: 01.01.2024 - 31.01.2024' });
		expect(titleDate(['Остатки товаров на 15.03.2024'])?.iso).toBe('2024-03-15');
		expect(titleDate(['Продажи', 'Отбор: Склад Равно "Основной"'])).toBeUndefined();
	});

	it('joins the cells of each line above the header, skipping empty ones', () => {
		const records = [
			{ line: 1, fields: ['1', 'Ведомость', '', ''] },
			{ line: 2, fields: ['2', '', '', ''] },
			{ line: 3, fields: ['3', 'Период:', '01.01.2024 - 31.01.2024'] },
			{ line: 4, fields: ['4', 'Склад', 'Номенклатура'] }
		];
		expect(titleLines(records, 3, 1)).toEqual(['Ведомость', 'Период: 01.01.2024 - 31.01.2024']);
	});
});
