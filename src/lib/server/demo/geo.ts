import type { Rng } from './random.ts';

export interface City {
	name: string;
	/** Share of Russian counterparties from this city. */
	weight: number;
	/** Area code of landlines (3 digits); null where only mobiles are given. */
	areaCode: string | null;
	/** First two digits of INNs registered here. */
	region: string;
	/** Ships from the Moscow warehouse. */
	moscowWarehouse: boolean;
}

/** The company sits in Saint Petersburg: most customers are local, the rest all over Russia. */
export const CITIES: readonly City[] = [
	{ name: 'Санкт-Петербург', weight: 34, areaCode: '812', region: '78', moscowWarehouse: false },
	{ name: 'Москва', weight: 16, areaCode: '495', region: '77', moscowWarehouse: true },
	{ name: 'Казань', weight: 4, areaCode: '843', region: '16', moscowWarehouse: true },
	{ name: 'Нижний Новгород', weight: 4, areaCode: '831', region: '52', moscowWarehouse: true },
	{ name: 'Екатеринбург', weight: 4, areaCode: '343', region: '66', moscowWarehouse: true },
	{ name: 'Новосибирск', weight: 3, areaCode: '383', region: '54', moscowWarehouse: true },
	{ name: 'Краснодар', weight: 3, areaCode: '861', region: '23', moscowWarehouse: true },
	{ name: 'Ростов-на-Дону', weight: 3, areaCode: '863', region: '61', moscowWarehouse: true },
	{ name: 'Самара', weight: 2, areaCode: '846', region: '63', moscowWarehouse: true },
	{ name: 'Воронеж', weight: 2, areaCode: '473', region: '36', moscowWarehouse: true },
	{ name: 'Пермь', weight: 2, areaCode: '342', region: '59', moscowWarehouse: true },
	{ name: 'Уфа', weight: 2, areaCode: '347', region: '02', moscowWarehouse: true },
	{ name: 'Челябинск', weight: 2, areaCode: '351', region: '74', moscowWarehouse: true },
	{ name: 'Великий Новгород', weight: 3, areaCode: null, region: '53', moscowWarehouse: false },
	{ name: 'Петрозаводск', weight: 3, areaCode: null, region: '10', moscowWarehouse: false },
	{ name: 'Мурманск', weight: 2, areaCode: null, region: '51', moscowWarehouse: false },
	{ name: 'Псков', weight: 2, areaCode: null, region: '60', moscowWarehouse: false },
	{ name: 'Калининград', weight: 2, areaCode: null, region: '39', moscowWarehouse: false },
	{ name: 'Вологда', weight: 2, areaCode: null, region: '35', moscowWarehouse: false },
	{ name: 'Гатчина', weight: 2, areaCode: null, region: '47', moscowWarehouse: false },
	{ name: 'Всеволожск', weight: 2, areaCode: null, region: '47', moscowWarehouse: false },
	{ name: 'Химки', weight: 2, areaCode: null, region: '50', moscowWarehouse: true },
	{ name: 'Ярославль', weight: 2, areaCode: null, region: '76', moscowWarehouse: true }
];

export interface UaCity {
	name: string;
	areaCode: string;
}

export const UA_CITIES: readonly UaCity[] = [
	{ name: 'Київ', areaCode: '44' },
	{ name: 'Харків', areaCode: '57' },
	{ name: 'Одеса', areaCode: '48' },
	{ name: 'Дніпро', areaCode: '56' },
	{ name: 'Львів', areaCode: '32' }
];

const MOBILE_CODES = ['911', '921', '931', '981', '901', '904', '950', '952', '953', '960', '963', '965', '967', '977', '999', '915', '916', '926'];
const UA_MOBILE_CODES = ['50', '66', '67', '68', '93', '97', '98'];

/**
 * A phone number's parts. `local` is a 7-digit number that no other phone of the demo
 * has, so two phones are equal after normalisation exactly when the demo meant them to be.
 */
export interface Phone {
	country: '7' | '380';
	/** Area or mobile operator code. */
	code: string;
	local: string;
	mobile: boolean;
}

export function ruPhone(local: number, areaCode: string | null, preferMobile: boolean): Phone {
	const text = String(local).padStart(7, '0');
	if (areaCode && !preferMobile) return { country: '7', code: areaCode, local: text, mobile: false };
	return { country: '7', code: MOBILE_CODES[local % MOBILE_CODES.length], local: text, mobile: true };
}

export function uaPhone(local: number, areaCode: string, mobile: boolean): Phone {
	const text = String(local).padStart(7, '0');
	return { country: '380', code: mobile ? UA_MOBILE_CODES[local % UA_MOBILE_CODES.length] : areaCode, local: text, mobile };
}

export const e164 = (p: Phone) => `+${p.country}${p.code}${p.local}`;

const split7 = (l: string) => `${l.slice(0, 3)}-${l.slice(3, 5)}-${l.slice(5)}`;

/**
 * The phone as a person typed it into the CRM: "8 (812) 555-12-34", "+7 921 555-12-34",
 * "812 5551234", a bare local "555-12-34" for a Saint Petersburg landline, and so on.
 */
export function formatPhone(p: Phone, rng: Rng): string {
	// Ukrainian numbers always with +380: the national "0XX …" form cannot be told from a
	// Russian number without knowing the country.
	if (p.country === '380') {
		if (rng.chance(0.5)) return `+380 ${p.code} ${p.local.slice(0, 3)} ${p.local.slice(3, 5)} ${p.local.slice(5)}`;
		return `+380${p.code}${p.local}`;
	}
	const styles = p.mobile ? 6 : 7;
	switch (rng.int(styles)) {
		case 0:
			return `8 (${p.code}) ${split7(p.local)}`;
		case 1:
			return `+7 (${p.code}) ${split7(p.local)}`;
		case 2:
			return `+7 ${p.code} ${split7(p.local)}`;
		case 3:
			return `8${p.code}${p.local}`;
		case 4:
			return `+7${p.code}${p.local}`;
		case 5:
			return `8-${p.code}-${split7(p.local)}`;
		default:
			// Only a landline: area code and number, or the number alone in the home city.
			return p.code === '812' && rng.chance(0.5) ? split7(p.local) : `${p.code} ${p.local}`;
	}
}
