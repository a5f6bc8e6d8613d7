import type { ContactDuplicate, ContactOptOuts } from './contacts.ts';
import {
	DQ_EMAIL_IN_PHONE,
	KIND_COMPANY,
	KIND_SOLE_TRADER,
	PLANT_GROUP_SHARED_PHONE,
	PLANT_INN_RESPELLED,
	PLANT_NONE,
	PLANT_PERSON_TWO_PHONES,
	PLANT_SHARED_DOMAIN,
	PLANT_TYPO_SAME_PHONE,
	STATE_WON_DEAL,
	counterpartyCode
} from './counterparty-store.ts';
import { e164 } from './geo.ts';
import type { Identity } from './identity.ts';
import { consentOf } from './person-details.ts';
import type { World } from './world.ts';

/** Records idle longer than this are dead souls ("no deal, payment or activity for a year"). */
export const DEAD_SOUL_IDLE_DAYS = 365;
/** Lists longer than this are cut in the manifest (their counts stay exact). */
const LIST_LIMIT = 20_000;

const PLANT_NAMES: Record<number, string> = {
	[PLANT_INN_RESPELLED]: 'same_inn_respelled_name',
	[PLANT_TYPO_SAME_PHONE]: 'typo_in_name_same_phone',
	[PLANT_PERSON_TWO_PHONES]: 'person_two_phones_same_email',
	[PLANT_GROUP_SHARED_PHONE]: 'sister_company_same_phone'
};

export interface IdList {
	count: number;
	ids: string[];
	truncated: boolean;
}

function list(ids: string[]): IdList {
	return { count: ids.length, ids: ids.slice(0, LIST_LIMIT), truncated: ids.length > LIST_LIMIT };
}

/** "ООО «Альфа-Сервис»" and "Альфа-Сервис, ООО" → "альфа сервис": legal form, quotes, case and word order removed. */
export function normaliseName(name: string): string {
	return name
		.toLowerCase()
		.replaceAll('ё', 'е')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.split(' ')
		.filter((word) => word && !['ооо', 'ао', 'пао', 'зао', 'оао', 'ип', 'тов'].includes(word))
		.sort()
		.join(' ');
}

/** Which identifiers two records share, as identity resolution should see it. */
export function sharedKeys(a: Identity, b: Identity): string[] {
	const reasons: string[] = [];
	if (a.inn && a.inn === b.inn) reasons.push('inn');
	if (a.ogrn && a.ogrn === b.ogrn) reasons.push('ogrn');
	if (e164(a.phone) === e164(b.phone)) reasons.push('phone');
	if (a.email && a.email.toLowerCase() === b.email.toLowerCase()) reasons.push('email');
	if (a.city === b.city && normaliseName(a.name) === normaliseName(b.name)) reasons.push('name_city');
	return reasons;
}

export interface PlantedFacts {
	duplicate_clusters: { kind: string; ids: string[]; reasons: string[] }[];
	/** Records on one corporate e-mail domain that are not the same customer: every record on the domain is listed. */
	suggested_matches: { ids: string[]; reason: 'email_domain'; domain: string }[];
	contact_duplicates: ContactDuplicate[];
	dq_records: { definition: Record<string, string>; email_in_phone: IdList; missing_inn: IdList; typo_in_name: IdList };
	dead_souls: { definition: Record<string, string>; idle: IdList; thin_one_off: IdList };
	opt_outs: { counterparties: Record<'email' | 'sms' | 'messenger', IdList>; contacts: Record<'email' | 'sms' | 'messenger', IdList> };
}

/** Reads back what was planted (after the simulation) in the form other parts test against. */
export function plantedFacts(w: World, spoiled: Set<number>, contactDuplicates: ContactDuplicate[], contactOptOuts: ContactOptOuts): PlantedFacts {
	const s = w.store;
	const clusters = new Map<number, number[]>();
	const suggestions: PlantedFacts['suggested_matches'] = [];
	const emailInPhone: string[] = [];
	const missingInn: string[] = [];
	const typos: string[] = [];
	const idleRecords = new Set<number>();
	const thinRecords = new Set<number>();
	const optOuts = { email: [] as string[], sms: [] as string[], messenger: [] as string[] };
	const idleSince = (w.end - DEAD_SOUL_IDLE_DAYS) * 1440;
	for (let i = 0; i < s.count; i++) {
		if (spoiled.has(i)) continue;
		const p = s.plant[i];
		// E-mails (slow to derive) only where a planted record needs them.
		const identity = w.identities.identity(i, p === PLANT_SHARED_DOMAIN);
		if (p === PLANT_SHARED_DOMAIN) suggestions.push({ ids: [], reason: 'email_domain', domain: identity.domain ?? '' });
		else if (p !== PLANT_NONE) {
			const members = clusters.get(s.plantOf[i]) ?? [s.plantOf[i]];
			members.push(i);
			clusters.set(s.plantOf[i], members);
		}
		if (p === PLANT_TYPO_SAME_PHONE) typos.push(identity.code);
		if (s.dq[i] & DQ_EMAIL_IN_PHONE) emailInPhone.push(identity.code);
		if ((s.kind[i] === KIND_COMPANY || s.kind[i] === KIND_SOLE_TRADER) && !identity.inn) missingInn.push(identity.code);
		if (Math.max(s.lastTouchMinute[i], s.createdMinute[i]) < idleSince) idleRecords.add(i);
		if (!identity.inn && !identity.edrpou && s.contactCount[i] === 0 && s.purchases[i] === 0 && !(s.state[i] & STATE_WON_DEAL)) thinRecords.add(i);
		const consent = consentOf(w.seed, 'consent', i);
		if (consent.email) optOuts.email.push(identity.code);
		if (consent.sms) optOuts.sms.push(identity.code);
		if (consent.messenger) optOuts.messenger.push(identity.code);
	}
	// The other cards of either firm sit on the same domain: list them all.
	if (suggestions.length) {
		const byDomain = new Map(suggestions.map((sg) => [sg.domain, sg]));
		for (let i = 0; i < s.count; i++) {
			if (spoiled.has(i) || s.kind[i] !== KIND_COMPANY) continue;
			const identity = w.identities.identity(i, true);
			const sg = identity.domain ? byDomain.get(identity.domain) : undefined;
			if (sg) sg.ids.push(identity.code);
		}
	}
	// Dead souls are customers: a card whose other card bought (or has an INN, or is active) is not one.
	for (const members of clusters.values()) {
		for (const records of [thinRecords, idleRecords]) if (!members.every((m) => records.has(m))) for (const m of members) records.delete(m);
	}
	const codes = (records: Set<number>) => [...records].sort((a, b) => a - b).map((i) => counterpartyCode(i));
	const thin = codes(thinRecords);
	const idle = codes(idleRecords);
	const duplicate_clusters = [...clusters.values()].map((members) => {
		const ids = members.map((m) => w.identities.identity(m, true));
		const reasons = new Set<string>();
		for (let k = 1; k < ids.length; k++) for (const r of sharedKeys(ids[0], ids[k])) reasons.add(r);
		return { kind: PLANT_NAMES[s.plant[members[1]]], ids: ids.map((id) => id.code), reasons: [...reasons].sort() };
	});
	return {
		duplicate_clusters,
		suggested_matches: suggestions,
		contact_duplicates: contactDuplicates,
		dq_records: {
			definition: {
				email_in_phone: 'CRM counterparty whose phone column holds its e-mail (the e-mail column is then empty)',
				missing_inn: 'CRM counterparty of kind company or sole trader (Russian) with an empty INN; 1C, invoices and the bank still carry its registered INN',
				typo_in_name: 'second CRM card of a customer with a typing slip in the name (also in duplicate_clusters)'
			},
			email_in_phone: list(emailInPhone),
			missing_inn: list(missingInn),
			typo_in_name: list(typos)
		},
		dead_souls: {
			definition: {
				idle: `no deal stage change, activity, shipment, invoice or payment in the last ${DEAD_SOUL_IDLE_DAYS} days before the end date (creation counts as activity) — for every card of the customer`,
				thin_one_off: 'no INN/EDRPOU, no contact persons, no purchase and no won deal — for every card of the customer (a planted duplicate card of a buyer is not thin)'
			},
			idle: list(idle),
			thin_one_off: list(thin)
		},
		opt_outs: {
			counterparties: { email: list(optOuts.email), sms: list(optOuts.sms), messenger: list(optOuts.messenger) },
			contacts: { email: list(contactOptOuts.email), sms: list(contactOptOuts.sms), messenger: list(contactOptOuts.messenger) }
		}
	};
}
