import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// Check digits of INN, OGRN(IP) and EDRPOU as int_identity_keys computes them, on real
// registry numbers (and two constructed ones for branches no well-known number takes).
// Each card carries one number; a wrong variant changes only the last digit.
let f: MartFixture;

beforeAll(async () => {
	f = await martFixture();
	await f.ingest({
		'counterparties.csv': csv`
			ID;Наименование;ИНН;ОГРН;ЕДРПОУ;Город
			1;Сбербанк;7707083893;1027700132195;;Москва
			2;Яндекс;7736207543;1027700229193;;Москва
			3;ВТБ;7702070139/784201001;;;Санкт-Петербург
			4;Предприниматель;500100732259;304500116000157;;Москва
			5;ПриватБанк;;;14360570;Киев
			6;Ощадбанк;;;00032129;Киев
			7;Укрзалізниця;;;40075815;Киев
			8;Конструкт;;;00000035;Львов
			9;Физособа УА;;;1234567899;Львов
			11;Ошибка 1;7707083894;1027700132196;;Тула
			12;Ошибка 2;500100732250;304500116000158;;Тула
			13;Ошибка 3;;;14360571;Одесса
			14;Ошибка 4;;;40075814;Одесса
			15;Ошибка 5;12345;10277001321950;;Тула
		`
	});
	await f.build(['+int_identity_keys']);
}, 120_000);
afterAll(() => f?.close());

async function verdicts(): Promise<Map<string, [string, boolean, string | null]>> {
	const rows = await f.query<{ raw_value: string; key_type: string; is_valid: boolean; problem: string | null }>(
		`select raw_value, key_type, is_valid, problem from intermediate.int_identity_keys where key_type in ('inn', 'ogrn', 'edrpou')`
	);
	return new Map(rows.map((r) => [r.raw_value, [r.key_type, r.is_valid, r.problem]]));
}

describe('check digits', () => {
	it('accepts real INNs of organisations (10 digits)', async () => {
		const v = await verdicts();
		// Weights 2 4 10 3 5 9 4 6 8; (Σ mod 11) mod 10 is the 10th digit.
		// 7707083893 Сбербанк: 14+28+0+21+0+72+12+48+72 = 267; 267 mod 11 = 3 → 3 ✓
		expect(v.get('7707083893')).toEqual(['inn', true, null]);
		// 7736207543 Яндекс: 14+28+30+18+10+0+28+30+32 = 190; 190 mod 11 = 3 → 3 ✓
		expect(v.get('7736207543')).toEqual(['inn', true, null]);
		// 7702070139 ВТБ written with its KPP ("ИНН/КПП", 19 digits): the first 10 are the INN;
		// 14+28+0+6+0+63+0+6+24 = 141; 141 mod 11 = 9 → 9 ✓
		expect(v.get('7702070139784201001')).toEqual(['inn', true, null]);
		const [vtb] = await f.query<{ key_value: string }>(`select key_value from intermediate.int_identity_keys where raw_value = '7702070139784201001'`);
		expect(vtb.key_value).toBe('7702070139');
	});

	it('accepts a 12-digit INN of a person (two check digits), OGRN and OGRNIP', async () => {
		const v = await verdicts();
		// 500100732259: 11th — weights 7 2 4 10 3 5 9 4 6 8: 35+0+0+10+0+0+63+12+12+16 = 148; 148 mod 11 = 5 ✓;
		// 12th — weights 3 7 2 4 10 3 5 9 4 6 8: 15+0+0+4+0+0+35+27+8+12+40 = 141; 141 mod 11 = 9 ✓
		expect(v.get('500100732259')).toEqual(['inn', true, null]);
		// OGRN 1027700132195 (Сбербанк): 102770013219 = 11 × 9342728474 + 5 → 5 ✓
		expect(v.get('1027700132195')).toEqual(['ogrn', true, null]);
		// OGRN 1027700229193 (Яндекс): 102770022919 = 11 × 9342729356 + 3 → 3 ✓
		expect(v.get('1027700229193')).toEqual(['ogrn', true, null]);
		// OGRNIP 304500116000157: 30450011600015 = 13 × 2342308584616 + 7 → 7 ✓
		expect(v.get('304500116000157')).toEqual(['ogrn', true, null]);
	});

	it('accepts EDRPOU codes in both weight ranges and the retry with weights + 2', async () => {
		const v = await verdicts();
		// 14360570 ПриватБанк (below 30 000 000: weights 1…7): 1+8+9+24+0+30+49 = 121; 121 mod 11 = 0 ✓
		expect(v.get('14360570')).toEqual(['edrpou', true, null]);
		// 00032129 Ощадбанк: 0+0+0+12+10+6+14 = 42; 42 mod 11 = 9 ✓
		expect(v.get('00032129')).toEqual(['edrpou', true, null]);
		// 40075815 Укрзалізниця (30–60 million: weights 7 1 2 3 4 5 6): 28+0+0+21+20+40+6 = 115; 115 mod 11 = 5 ✓
		expect(v.get('40075815')).toEqual(['edrpou', true, null]);
		// 00000035 (constructed): 3×7 = 21, 21 mod 11 = 10 → weights 3…9: 3×9 = 27, 27 mod 11 = 5 ✓
		expect(v.get('00000035')).toEqual(['edrpou', true, null]);
		// 1234567899 (constructed РНОКПП in the ЕДРПОУ column; weights −1 5 7 9 4 6 10 5 7):
		// −1+10+21+36+20+36+70+40+63 = 295; 295 mod 11 = 9 ✓
		expect(v.get('1234567899')).toEqual(['inn', true, null]);
	});

	it('rejects a wrong last digit and a wrong length, naming the problem', async () => {
		const v = await verdicts();
		expect(v.get('7707083894')).toEqual(['inn', false, 'invalid_inn_checksum']);
		expect(v.get('1027700132196')).toEqual(['ogrn', false, 'invalid_ogrn_checksum']);
		expect(v.get('500100732250')).toEqual(['inn', false, 'invalid_inn_checksum']);
		expect(v.get('304500116000158')).toEqual(['ogrn', false, 'invalid_ogrn_checksum']);
		expect(v.get('14360571')).toEqual(['edrpou', false, 'invalid_edrpou_checksum']);
		expect(v.get('40075814')).toEqual(['edrpou', false, 'invalid_edrpou_checksum']);
		expect(v.get('12345')).toEqual(['inn', false, 'invalid_inn_length']);
		expect(v.get('10277001321950')).toEqual(['ogrn', false, 'invalid_ogrn_length']);
	});
});
