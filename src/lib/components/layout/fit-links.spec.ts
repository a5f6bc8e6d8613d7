import { describe, expect, it } from 'vitest';
import { initials, linksThatFit } from './fit-links.ts';

describe('linksThatFit', () => {
	it('keeps every link when all fit, gaps included', () => {
		// 100 + 4 + 80 + 4 + 60 = 248
		expect(linksThatFit([100, 80, 60], 248, 4, 50)).toBe(3);
	});
	it('leaves room for the «more» button when some do not fit', () => {
		// all three need 248 px, so 247 does not hold them; with «more» (50):
		// 50 + 104 = 154 ✓, + 84 = 238 ✓, + 64 = 302 ✗ → two links
		expect(linksThatFit([100, 80, 60], 247, 4, 50)).toBe(2);
		// 50 + 104 = 154 ✓, + 84 = 238 > 200 → one link
		expect(linksThatFit([100, 80, 60], 200, 4, 50)).toBe(1);
	});
	it('gives none when not even the first fits beside the button (a hidden bar has width 0)', () => {
		expect(linksThatFit([100, 80], 0, 4, 50)).toBe(0);
		expect(linksThatFit([], 0, 4, 50)).toBe(0);
	});
});

describe('initials', () => {
	it('takes the first letters of a name, leaving out a note in brackets', () => {
		expect(initials('Иванов Иван')).toBe('ИИ');
		expect(initials('Ольга Директор')).toBe('ОД');
		expect(initials('Администратор (демо)')).toBe('Ад');
		expect(initials('marketer')).toBe('Ma');
		expect(initials('  ')).toBe('?');
	});
});
