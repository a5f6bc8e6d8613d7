import path from 'node:path';
import { BadRowPlan, extraColumn, missingKey } from './bad-rows.ts';
import { CHANNELS } from './channels.ts';
import { writeContacts, type ContactDuplicate, type ContactOptOuts } from './contacts.ts';
import { DQ_EMAIL_IN_PHONE, DQ_NO_DEAL, KIND_COMPANY, KIND_PERSON, KIND_SOLE_TRADER, KIND_UA_COMPANY, PLANT_NONE } from './counterparty-store.ts';
import { formatPhone, ruPhone, uaPhone } from './geo.ts';
import { birthdayText, consentOf, yesNo } from './person-details.ts';
import type { Identity } from './identity.ts';
import * as L from './layouts.ts';
import { CsvOut, type FileEntry } from './outputs.ts';
import { Rng, deriveSeed } from './random.ts';
import { INDUSTRIES, STREETS, TAGS, UA_STREETS } from './words-companies.ts';
import type { World } from './world.ts';

const KIND_LABELS = ['Юридическое лицо', 'Индивидуальный предприниматель', 'Физическое лицо', 'Юридическое лицо'];
function address(identity: Identity, rng: Rng): string {
	if (identity.kind === KIND_UA_COMPANY) return `м. ${identity.city}, ${rng.pick(UA_STREETS)}, буд. ${1 + rng.int(120)}, оф. ${1 + rng.int(40)}`;
	const house = `д. ${1 + rng.int(150)}${rng.chance(0.15) ? `, корп. ${1 + rng.int(4)}` : ''}`;
	const unit = identity.kind === KIND_PERSON ? `кв. ${1 + rng.int(300)}` : `офис ${100 + rng.int(500)}`;
	return `г. ${identity.city}, ${rng.pick(STREETS)}, ${house}, ${unit}`;
}

export interface CrmWriteResult {
	entries: FileEntry[];
	/** Records whose row was spoiled on purpose (they will not load). */
	spoiled: Set<number>;
	contactDuplicates: ContactDuplicate[];
	contactOptOuts: ContactOptOuts;
}

/**
 * crm/companies.csv (UTF-8 with BOM, `;`) with every counterparty as the CRM holds it at
 * the end of the data, then crm/contacts.csv. Records that planted duplicates refer to
 * are never the spoiled ones.
 */
export function writeCrm(w: World): CrmWriteResult {
	const s = w.store;
	const root = w.options.outDir;
	const involved = new Uint8Array(s.count);
	for (let i = 0; i < s.count; i++) {
		if (s.plant[i] !== PLANT_NONE) {
			involved[i] = 1;
			involved[s.plantOf[i]] = 1;
		}
	}
	const out = new CsvOut(root, path.join(root, 'crm', 'companies.csv'), L.COUNTERPARTIES, { eol: '\r\n' }, new BadRowPlan(2_400, 1 + (deriveSeed(w.seed, 'bad-crm') >>> 0) % 1_200, [missingKey('counterparty_id'), extraColumn]));
	const spoiled = new Set<number>();
	const endMinute = w.end * 1440 + 1439;
	for (let i = 0; i < s.count; i++) {
		const identity = w.identities.identity(i, true);
		const rng = Rng.derive(w.seed, 'crm', i);
		const thin = (s.dq[i] & DQ_NO_DEAL) !== 0;
		const kind = s.kind[i];
		let phone = formatPhone(identity.phone, rng);
		let phone2 = '';
		if (!thin && rng.chance(0.35)) {
			const local = w.identities.phoneLocal(s.phoneBase[i] + 1);
			phone2 = formatPhone(kind === KIND_UA_COMPANY ? uaPhone(local, '44', true) : ruPhone(local, null, true), rng);
		}
		let email = thin && rng.chance(0.5) ? '' : identity.email;
		if (s.dq[i] & DQ_EMAIL_IN_PHONE) {
			// Typed into the wrong field: the e-mail sits in the phone column.
			if (!phone2) phone2 = phone;
			phone = identity.email;
			email = '';
		}
		const business = kind === KIND_COMPANY || kind === KIND_UA_COMPANY;
		const birthday = (kind === KIND_PERSON && rng.chance(0.8)) || (kind === KIND_SOLE_TRADER && rng.chance(0.5)) ? birthdayText(rng, w.end) : '';
		const consent = consentOf(w.seed, 'consent', i);
		const manager = s.manager[i] >= 0 ? w.managers[s.manager[i]].name : '';
		const site = identity.domain && rng.chance(0.6) ? `https://www.${identity.domain}` : '';
		const tags = business ? Array.from({ length: rng.int(3) }, () => rng.pick(TAGS)).filter((t, k, all) => all.indexOf(t) === k).join(', ') : '';
		const fields = [
			identity.code,
			identity.name,
			KIND_LABELS[kind],
			identity.inn,
			identity.ogrn,
			identity.edrpou,
			phone,
			phone2,
			email,
			identity.city,
			thin || rng.chance(0.08) ? '' : address(identity, rng),
			birthday,
			CHANNELS[s.channel[i]].name,
			manager,
			w.days.dmyTime(s.createdMinute[i]),
			w.days.dmyTime(Math.min(endMinute, Math.max(s.createdMinute[i], s.lastTouchMinute[i]))),
			yesNo(consent.email),
			yesNo(consent.sms),
			yesNo(consent.messenger),
			site,
			business ? rng.pick(INDUSTRIES) : '',
			tags
		];
		if (!out.write(fields, identity.code, 0, involved[i] === 1)) spoiled.add(i);
	}
	const contacts = writeContacts(w);
	return { entries: [out.close(), contacts.entry], spoiled, contactDuplicates: contacts.duplicates, contactOptOuts: contacts.optOuts };
}
