import { describe, expect, it } from 'vitest';
import { Cp1251Error, canEncodeCp1251, encodeCp1251 } from './cp1251.ts';

describe('windows-1251 encoder', () => {
	it('round-trips every character of the code page through the platform decoder', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, b) => b).filter((b) => b !== 0x98);
		const text = new TextDecoder('windows-1251').decode(bytes);
		expect([...encodeCp1251(text)]).toEqual([...bytes]);
	});

	it('writes Russian and Ukrainian letters, quotes and the number sign as single bytes', () => {
		expect([...encodeCp1251('Ёё№«»іїєґ')]).toEqual([0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0xb3, 0xbf, 0xba, 0xb4]);
		expect(encodeCp1251('Сумма; 1\u00a0234,50').toString('latin1')).toBe('\xd1\xf3\xec\xec\xe0; 1\xa0234,50');
	});

	it('refuses characters the code page lacks instead of writing garbage', () => {
		expect(canEncodeCp1251('12 345,00 ₽')).toBe(false);
		expect(() => encodeCp1251('12 345,00 ₽')).toThrow(Cp1251Error);
		expect(() => encodeCp1251('Zoë')).toThrow(/U\+00EB/);
	});
});
