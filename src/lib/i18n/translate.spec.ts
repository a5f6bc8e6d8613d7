import { describe, expect, it } from 'vitest';
import { messages } from './messages.ts';
import { localizedText, translate } from './translate.ts';

describe('messages', () => {
	it('has every key in both languages, with the same placeholders', () => {
		expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.ru).sort());
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(messages.ru) as (keyof typeof messages.ru)[]) {
			expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.ru[key]));
		}
	});
});

describe('translate', () => {
	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('ru', 'table.rows', { from: 1, to: 20, total: 345 })).toBe('1–20 из 345');
		expect(translate('en', 'table.rows', { from: 1, to: 20, total: 345 })).toBe('1–20 of 345');
		expect(translate('en', 'table.rows', { from: 1 })).toBe('1–{to} of {total}');
	});
	it('picks the reader’s language from dashboard text, falling back to the other', () => {
		expect(localizedText({ ru: 'Выручка', en: 'Revenue' }, 'en')).toBe('Revenue');
		expect(localizedText({ ru: 'Выручка' }, 'en')).toBe('Выручка');
		expect(localizedText('Маржа', 'en')).toBe('Маржа');
		expect(localizedText(undefined, 'ru')).toBe('');
	});
});
