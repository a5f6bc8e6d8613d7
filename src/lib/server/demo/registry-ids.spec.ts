import { describe, expect, it } from 'vitest';
import { completeEdrpou, completeInn10, completeInn12, completeOgrn, isValidEdrpou, isValidInn, isValidOgrn } from './registry-ids.ts';

describe('registry identifiers', () => {
	it('accepts published identifiers and completes their check digits', () => {
		// Sberbank: INN 7707083893, OGRN 1027700132195 (from the Unified State Register).
		// 7707083893: 7·2+7·4+0·10+7·3+0·5+8·9+3·4+8·6+9·8 = 267; 267 mod 11 = 3 → check 3.
		expect(completeInn10('770708389')).toBe('7707083893');
		expect(isValidOgrn('1027700132195')).toBe(true);
		expect(completeOgrn('102770013219')).toBe('1027700132195');
		// 12-digit INN 500100732259: first check (7,2,4,10,3,5,9,4,6,8) = 148, 148 mod 11 = 5;
		// second (3,7,2,4,10,3,5,9,4,6,8 over 11 digits) = 141, 141 mod 11 = 9.
		expect(completeInn12('5001007322')).toBe('500100732259');
		// PrivatBank EDRPOU 14360570: weights 1..7 → 1+8+9+24+0+30+49 = 121, 121 mod 11 = 0.
		expect(completeEdrpou('1436057')).toBe('14360570');
		// Ukrzaliznytsia 40075815 lies between 30 and 60 million: weights 7,1,2,3,4,5,6 → 115 mod 11 = 5.
		expect(completeEdrpou('4007581')).toBe('40075815');
		expect(isValidEdrpou('00032129')).toBe(true);
	});

	it('rejects a changed digit', () => {
		expect(isValidInn('7707083894')).toBe(false);
		expect(isValidInn('500100732258')).toBe(false);
		expect(isValidOgrn('1027700132196')).toBe(false);
		expect(isValidEdrpou('14360571')).toBe(false);
	});

	it('recomputes an EDRPOU remainder of 10 with weights raised by 2', () => {
		// 0000005: 5·7 = 35, 35 mod 11 = 2.
		expect(completeEdrpou('0000005')).toBe('00000052');
		// 0000003: 3·7 = 21, 21 mod 11 = 10 → weights 3..9: 3·9 = 27, 27 mod 11 = 5.
		expect(completeEdrpou('0000003')).toBe('00000035');
	});

	it('refuses bodies of the wrong length', () => {
		expect(() => completeInn10('12345')).toThrow(/9 digits/);
		expect(() => completeOgrn('1')).toThrow(/12 or 14/);
	});
});
