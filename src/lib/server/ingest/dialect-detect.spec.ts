import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectNumberFormat } from './dialect-detect.ts';

describe('detectDelimiter', () => {
	it('picks ; over , when numbers carry decimal commas', () => {
		const text = 'Документ;Количество;Сумма\nР-1;1,5;1 000,50\nР-2;2,25;300,10\nР-3;3,5;10,75\n';
		expect(detectDelimiter(text, true).delimiter).toBe(';');
	});
	it('finds , tab and | and ignores quoted delimiters', () => {
		expect(detectDelimiter('a,b,c\n"1;2",3,4\n5,6,7\n', true).delimiter).toBe(',');
		expect(detectDelimiter('a\tb\n1\t2\n3\t4\n', true).delimiter).toBe('\t');
		expect(detectDelimiter('a|b|c\n1|2|3\n', true).delimiter).toBe('|');
	});
	it('is not misled by title lines of a 1C report', () => {
		const text = 'Продажи за январь 2024 г.\n\nДата;Документ;Сумма\n01.01.2024;1;10\n02.01.2024;2;20\n';
		expect(detectDelimiter(text, true)).toMatchObject({ delimiter: ';', fields: 3 });
	});
});

describe('detectNumberFormat', () => {
	it('reads decimal comma and space/NBSP thousands', () => {
		const f = detectNumberFormat(['1 000,50', '2\u00a0500,00', '12,5', '7'], ';');
		expect(f.decimal).toBe(',');
		expect(f.evident).toBe(true);
		expect(f.thousands.sort()).toEqual([' ', '\u00a0'].sort());
	});
	it('reads decimal dot with comma thousands', () => {
		const f = detectNumberFormat(['1,000.50', '12.25', '3'], ',');
		expect(f.decimal).toBe('.');
		expect(f.thousands).toEqual([',']);
	});
	it('takes dot thousands in a comma-decimal file', () => {
		expect(detectNumberFormat(['1.234.567,89', '1.000'], ';')).toMatchObject({ decimal: ',', thousands: ['.'] });
	});
	it('says it assumed when values are ambiguous ("1,000"), following the delimiter', () => {
		expect(detectNumberFormat(['1,000', '2,000'], ';')).toMatchObject({ decimal: ',', evident: false });
		expect(detectNumberFormat(['1.000'], ',')).toMatchObject({ decimal: '.', evident: false });
	});
	it('notes currency marks, brackets and unicode minus', () => {
		const f = detectNumberFormat(['1 200,00 руб.', '(300,00) ₽', '−5,5 грн'], ';');
		expect(f.decimal).toBe(',');
		expect(f.currencies.sort()).toEqual(['₽', 'грн', 'руб.'].sort());
	});
});
