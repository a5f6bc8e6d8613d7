import path from 'node:path';
import { KIND_UA_COMPANY, PLANT_SHARED_DOMAIN, contactCode } from './counterparty-store.ts';
import { formatPhone, ruPhone, uaPhone } from './geo.ts';
import { PUBLIC_MAIL } from './identity.ts';
import { birthdayText, consentOf, yesNo } from './person-details.ts';
import * as L from './layouts.ts';
import { CsvOut, type FileEntry } from './outputs.ts';
import { Rng } from './random.ts';
import { translit } from './translit.ts';
import { PERSON_NAME_CAPACITY, fullName, personNameAt, type PersonName } from './words-people.ts';
import type { World } from './world.ts';

const ROLES = ['Директор', 'Генеральный директор', 'Главный инженер', 'Менеджер по закупкам', 'Снабженец', 'Бухгалтер', 'Инженер-проектировщик', 'Заместитель директора', 'Администратор'];
const NOTES = ['Звонить после 14:00', 'Предпочитает WhatsApp', 'Решения по закупкам принимает сам\nСчета отправлять на почту бухгалтерии', 'Просил не звонить по понедельникам', 'Лучше писать на почту'];

/** The same person entered twice under one company (same name and phone, another card). */
export interface ContactDuplicate {
	counterparty_id: string;
	contact_ids: string[];
	reasons: string[];
}

export interface ContactOptOuts {
	email: string[];
	sms: string[];
	messenger: string[];
}

/**
 * crm/contacts.csv (UTF-8, `,`, RFC 4180 quoting; a note may span lines): the contact
 * persons of companies, with their own phones, e-mails, birthdays and opt-outs.
 */
export function writeContacts(w: World): { entry: FileEntry; duplicates: ContactDuplicate[]; optOuts: ContactOptOuts } {
	const s = w.store;
	const root = w.options.outDir;
	const out = new CsvOut(root, path.join(root, 'crm', 'contacts.csv'), L.CONTACTS, { eol: '\n' });
	const duplicates: ContactDuplicate[] = [];
	const optOuts: ContactOptOuts = { email: [], sms: [], messenger: [] };
	const consentFor = (code: string) => {
		const consent = consentOf(w.seed, 'contact-consent', Number(code));
		if (consent.email) optOuts.email.push(code);
		if (consent.sms) optOuts.sms.push(code);
		if (consent.messenger) optOuts.messenger.push(code);
		return [yesNo(consent.email), yesNo(consent.sms), yesNo(consent.messenger)];
	};
	const endMinute = w.end * 1440 + 1439;
	for (let i = 0; i < s.count; i++) {
		const count = s.contactCount[i];
		if (count === 0) continue;
		const rng = Rng.derive(w.seed, 'contacts', i);
		const identity = w.identities.identity(i, true);
		const companyCode = identity.code;
		const ua = s.kind[i] === KIND_UA_COMPANY;
		const people: PersonName[] = [];
		const written: string[][] = [];
		for (let k = 0; k < count; k++) {
			let person = personNameAt(rng.int(PERSON_NAME_CAPACITY));
			while (people.some((p) => p.surname.slice(0, 4) === person.surname.slice(0, 4))) person = personNameAt(rng.int(PERSON_NAME_CAPACITY));
			people.push(person);
			const code = contactCode(i, k);
			const work = w.identities.phoneLocal(s.phoneBase[i] + 2 + 2 * k);
			const phone = formatPhone(ua ? uaPhone(work, '44', true) : ruPhone(work, null, true), rng);
			const mobile = rng.chance(0.4) ? formatPhone(ua ? uaPhone(w.identities.phoneLocal(s.phoneBase[i] + 3 + 2 * k), '44', true) : ruPhone(w.identities.phoneLocal(s.phoneBase[i] + 3 + 2 * k), null, true), rng) : '';
			const onDomain = identity.domain !== null && s.plant[i] !== PLANT_SHARED_DOMAIN;
			const email = onDomain
				? `${translit(person.first)}.${translit(person.surname)}@${identity.domain}`
				: rng.chance(0.7)
					? `${translit(person.first)}.${translit(person.surname)}${Number(code) - 41_000_000}@${rng.pick(PUBLIC_MAIL)}`
					: '';
			const created = Math.min(endMinute, s.createdMinute[i] + rng.int(20) * 1440 + rng.int(300));
			const updated = Math.min(endMinute, Math.max(created, s.lastTouchMinute[i] - rng.int(60) * 1440));
			const fields = [
				code,
				companyCode,
				fullName(person),
				rng.pick(ROLES),
				phone,
				mobile,
				email,
				rng.chance(0.65) ? birthdayText(rng, w.end) : '',
				w.days.dmyTime(created),
				w.days.dmyTime(updated),
				...consentFor(code),
				rng.chance(0.15) ? rng.pick(NOTES) : ''
			];
			out.write(fields, code, 0);
			written.push(fields);
		}
		// About 1.5% of companies have one contact person entered twice.
		if (rng.chance(0.015)) {
			const original = written[0];
			const code = contactCode(i, count);
			const created = Math.min(endMinute, s.createdMinute[i] + (30 + rng.int(300)) * 1440);
			const twin = [code, companyCode, original[2], original[3], original[4], '', '', original[7], w.days.dmyTime(created), w.days.dmyTime(created), ...consentFor(code), ''];
			out.write(twin, code, 0);
			duplicates.push({ counterparty_id: companyCode, contact_ids: [original[0], code], reasons: ['name', 'phone'] });
		}
	}
	return { entry: out.close(), duplicates, optOuts };
}
