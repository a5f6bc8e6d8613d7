import { describe, expect, it } from 'vitest';
import { normalizeHeader } from './normalize-header.ts';

describe('normalizeHeader', () => {
	it('ignores case, spaces and punctuation', () => {
		expect(normalizeHeader('  Дата  документа ')).toBe('датадокумента');
		expect(normalizeHeader('E-mail')).toBe(normalizeHeader('Email'));
		expect(normalizeHeader('Кол-во, шт.')).toBe('колвошт');
	});
	it('treats ё as е and # as №', () => {
		expect(normalizeHeader('Счёт')).toBe(normalizeHeader('Счет'));
		expect(normalizeHeader('# п/п')).toBe(normalizeHeader('№ п/п'));
	});
	it('keeps Ukrainian letters and drops a BOM', () => {
		expect(normalizeHeader('\uFEFFКількість')).toBe('кількість');
		expect(normalizeHeader("Ім'я")).toBe('імя');
	});
});
