import {
	CounterpartyStore,
	DQ_MISSING_INN,
	KIND_COMPANY,
	KIND_PERSON,
	KIND_SOLE_TRADER,
	KIND_UA_COMPANY,
	PLANT_GROUP_SHARED_PHONE,
	PLANT_INN_RESPELLED,
	PLANT_PERSON_TWO_PHONES,
	PLANT_SHARED_DOMAIN,
	PLANT_TYPO_SAME_PHONE,
	counterpartyCode
} from './counterparty-store.ts';
import { CITIES, UA_CITIES, ruPhone, uaPhone, type Phone } from './geo.ts';
import { Rng, Scatter } from './random.ts';
import { completeEdrpou, completeInn10, completeInn12, completeOgrn, pad } from './registry-ids.ts';
import { translit } from './translit.ts';
import { LEGAL_FORMS_RU, NAME_CAPACITY, brandName, companyNameAt } from './words-companies.ts';
import { PERSON_NAME_CAPACITY, fullName, personNameAt, type PersonName } from './words-people.ts';

export const PUBLIC_MAIL = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru'];
const CORPORATE_LOCALS = ['info', 'zakaz', 'office', 'sales', 'snab', 'buyer'];

/** Who a counterparty is: the fields other systems (1C, bank) copy, before CRM decoration. */
export interface Identity {
	index: number;
	code: string;
	kind: number;
	name: string;
	/** The name without legal form ("Альфа-Сервис"), or the person's full name. */
	brand: string;
	legalForm: string;
	person: PersonName | null;
	/** INN as the CRM card has it (empty where the manager never filled it in). */
	inn: string;
	/** The registered INN: what the bank and 1C print even when the CRM card lacks it. */
	legalInn: string;
	ogrn: string;
	edrpou: string;
	city: string;
	phone: Phone;
	/** Corporate domain when the e-mail is on one (null also when not asked for). */
	domain: string | null;
	email: string;
}

/** Another common way to write the same legal name ("ООО «Альфа»" → "Альфа ООО"). */
export function respell(legalForm: string, brand: string, variant: number): string {
	switch (variant % 3) {
		case 0:
			return `${brand} ${legalForm}`;
		case 1:
			return `${legalForm} ${brand}`;
		default:
			return `${legalForm} "${brand}"`;
	}
}

/** A typing slip: two letters swapped, one dropped or doubled, never the first letter. */
export function typo(text: string, rng: Rng): string {
	const letters = [...text].map((ch, i) => (/\p{L}/u.test(ch) && i > 0 ? i : -1)).filter((i) => i > 0 && /\p{L}/u.test(text[i - 1]));
	const at = letters[rng.int(letters.length)];
	const chars = [...text];
	const how = rng.int(3);
	if (how === 0 && at + 1 < chars.length && /\p{L}/u.test(chars[at + 1]) && chars[at] !== chars[at + 1]) {
		[chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
	} else if (how === 1 && chars.length > 4) {
		chars.splice(at, 1);
	} else {
		chars.splice(at, 0, chars[at]);
	}
	const result = chars.join('');
	return result === text ? text + text[text.length - 1] : result;
}

/**
 * Derives identities from record indices: the same index always gives the same name,
 * INN, phone and e-mail, and the number spaces are bijections, so two records share an
 * identifier only where a duplicate was planted.
 */
export class Identities {
	private readonly inn10: Scatter;
	private readonly inn12: Scatter;
	private readonly ogrn: Scatter;
	private readonly ogrnip: Scatter;
	private readonly edrpou: Scatter;
	private readonly phones: Scatter;
	private readonly companyNames: Scatter;
	private readonly personNames: Scatter;

	constructor(
		private readonly seed: number,
		private readonly store: CounterpartyStore,
		private readonly startYear: number
	) {
		this.inn10 = new Scatter(10_000_000, seed ^ 0x1010);
		this.inn12 = new Scatter(100_000_000, seed ^ 0x1212);
		this.ogrn = new Scatter(10_000_000, seed ^ 0x1313);
		this.ogrnip = new Scatter(1_000_000_000, seed ^ 0x1515);
		this.edrpou = new Scatter(10_000_000, seed ^ 0x0808);
		this.phones = new Scatter(9_000_000, seed ^ 0x7777);
		this.companyNames = new Scatter(NAME_CAPACITY, seed ^ 0xc0c0);
		this.personNames = new Scatter(PERSON_NAME_CAPACITY, seed ^ 0xbebe);
	}

	/** A 7-digit local number no other phone serial gets (first digit never 0). */
	phoneLocal(serial: number): number {
		return 1_000_000 + this.phones.at(serial % 9_000_000);
	}

	companyParts(nameIndex: number, style: number) {
		const n = nameIndex % NAME_CAPACITY;
		return companyNameAt(this.companyNames.at(n) + NAME_CAPACITY * Math.floor(nameIndex / NAME_CAPACITY), style);
	}

	personName(nameIndex: number): PersonName {
		return personNameAt(this.personNames.at(nameIndex % PERSON_NAME_CAPACITY));
	}

	/** The record the identifiers come from: a duplicate copies its original's. */
	private source(i: number): number {
		const p = this.store.plant[i];
		return p === PLANT_INN_RESPELLED || p === PLANT_TYPO_SAME_PHONE || p === PLANT_PERSON_TWO_PHONES ? this.store.plantOf[i] : i;
	}

	/**
	 * The identity of record i. E-mail and domain are worked out only when asked
	 * (`withEmail`): 1C lines and bank payments do not carry them.
	 */
	identity(i: number, withEmail = false): Identity {
		const s = this.store;
		const rng = Rng.derive(this.seed, 'identity', i);
		const plant = s.plant[i];
		const base = this.source(i);
		const baseRng = base === i ? rng : Rng.derive(this.seed, 'identity', base);
		const kind = s.kind[i];
		const style = baseRng.int(3);
		const legalForm = kind === KIND_UA_COMPANY ? 'ТОВ' : kind === KIND_SOLE_TRADER ? 'ИП' : kind === KIND_COMPANY ? baseRng.pick(LEGAL_FORMS_RU) : '';
		let person: PersonName | null = null;
		let brand: string;
		if (kind === KIND_PERSON || kind === KIND_SOLE_TRADER) {
			person = this.personName(s.nameIndex[base]);
			brand = fullName(person);
		} else {
			brand = brandName(this.companyParts(s.nameIndex[base], style));
		}
		let name = kind === KIND_PERSON ? brand : kind === KIND_SOLE_TRADER ? `ИП ${brand}` : `${legalForm} «${brand}»`;
		if (plant === PLANT_INN_RESPELLED) name = respell(legalForm, brand, s.variant[i]);
		if (plant === PLANT_TYPO_SAME_PHONE) name = kind === KIND_PERSON ? typo(brand, rng) : `${legalForm} «${typo(brand, rng)}»`;

		const cityIndex = s.city[i];
		const city = kind === KIND_UA_COMPANY ? UA_CITIES[cityIndex].name : CITIES[cityIndex].name;
		const yy = pad((this.startYear - 1 - baseRng.int(15)) % 100, 2);
		let inn = '';
		let ogrn = '';
		let edrpou = '';
		if (kind === KIND_COMPANY) {
			const region = CITIES[cityIndex].region;
			inn = completeInn10(region + pad(this.inn10.at(base), 7));
			ogrn = completeOgrn(`1${yy}${region}${pad(this.ogrn.at(base), 7)}`);
		} else if (kind === KIND_SOLE_TRADER || (kind === KIND_PERSON && baseRng.chance(0.15))) {
			const region = CITIES[cityIndex].region;
			inn = completeInn12(region + pad(this.inn12.at(base), 8));
			if (kind === KIND_SOLE_TRADER) ogrn = completeOgrn(`3${yy}${region}${pad(this.ogrnip.at(base), 9)}`);
		} else if (kind === KIND_UA_COMPANY) {
			edrpou = completeEdrpou(pad(this.edrpou.at(base), 7));
		}
		const legalInn = inn || edrpou;
		if (s.dq[i] & DQ_MISSING_INN) {
			inn = '';
			ogrn = '';
		}

		// Phones: a typo duplicate and a sister company keep the original's; the rest have their own.
		const phoneSerial = plant === PLANT_TYPO_SAME_PHONE || plant === PLANT_GROUP_SHARED_PHONE ? s.phoneBase[s.plantOf[i]] : s.phoneBase[i];
		const mobile = Rng.derive(this.seed, 'phone', phoneSerial).chance(kind === KIND_UA_COMPANY ? 0.4 : 0.3);
		const local = this.phoneLocal(phoneSerial);
		const phone =
			kind === KIND_UA_COMPANY
				? uaPhone(local, UA_CITIES[cityIndex].areaCode, mobile)
				: ruPhone(local, CITIES[cityIndex].areaCode, kind === KIND_PERSON || mobile);

		const { email, domain } = withEmail ? this.email(i, kind, brand, person, rng, baseRng) : { email: '', domain: null };
		return { index: i, code: counterpartyCode(i), kind, name, brand, legalForm, person, inn, legalInn, ogrn, edrpou, city, phone, domain, email };
	}

	/**
	 * E-mail: a person's two cards share it; another card of a firm gets another mailbox on
	 * the firm's domain; a sister company writes from the other's domain (a suggestion only).
	 */
	private email(i: number, kind: number, brand: string, person: PersonName | null, rng: Rng, baseRng: Rng): { email: string; domain: string | null } {
		const s = this.store;
		const plant = s.plant[i];
		if (plant === PLANT_PERSON_TWO_PHONES) {
			const original = this.identity(s.plantOf[i], true);
			return { email: original.email, domain: original.domain };
		}
		if (plant === PLANT_SHARED_DOMAIN) {
			const other = this.identity(s.plantOf[i], true);
			if (other.domain) return { email: `${rng.pick(SISTER_LOCALS)}@${other.domain}`, domain: other.domain };
		}
		const corporate = (kind === KIND_COMPANY || kind === KIND_UA_COMPANY) && baseRng.chance(0.75);
		const own = baseRng.int(CORPORATE_LOCALS.length);
		if (corporate) {
			const domain = translit(brandName(this.companyParts(s.nameIndex[this.source(i)], 0))) + (kind === KIND_UA_COMPANY ? '.com.ua' : '.ru');
			const copy = plant === PLANT_INN_RESPELLED || plant === PLANT_TYPO_SAME_PHONE;
			const local = copy ? (own + 1 + (i % (CORPORATE_LOCALS.length - 1))) % CORPORATE_LOCALS.length : own;
			return { email: `${CORPORATE_LOCALS[local]}@${domain}`, domain };
		}
		const mail = kind === KIND_UA_COMPANY ? 'ukr.net' : PUBLIC_MAIL[rng.int(PUBLIC_MAIL.length)];
		const stem = person ? `${translit(person.first)}.${translit(person.surname)}` : translit(brand).split('-')[0];
		// The running part of the CRM code makes the address unique.
		return { email: `${stem}${Number(counterpartyCode(i)) - 21_400_000}@${mail}`, domain: null };
	}
}

const SISTER_LOCALS = ['buh', 'zakupki', 'director'];
