import { addCounterparty, type NameCounters } from './counterparties.ts';
import {
	DQ_EMAIL_IN_PHONE,
	DQ_MISSING_INN,
	DQ_NO_DEAL,
	KIND_COMPANY,
	KIND_PERSON,
	PLANT_GROUP_SHARED_PHONE,
	PLANT_INN_RESPELLED,
	PLANT_NONE,
	PLANT_PERSON_TWO_PHONES,
	PLANT_SHARED_DOMAIN,
	PLANT_TYPO_SAME_PHONE
} from './counterparty-store.ts';
import type { Rng } from './random.ts';
import type { World } from './world.ts';

/** Chance per new lead that it is, instead, another card of an earlier customer (by type). */
const PLANT_CHANCES: readonly [number, number][] = [
	[PLANT_INN_RESPELLED, 0.0035],
	[PLANT_TYPO_SAME_PHONE, 0.0025],
	[PLANT_PERSON_TWO_PHONES, 0.002],
	[PLANT_GROUP_SHARED_PHONE, 0.0015],
	[PLANT_SHARED_DOMAIN, 0.002]
];

/**
 * Plants the duplicates identity resolution must find (and the look-alikes it must only
 * suggest). Each planted record points at its original; the manifest lists them all.
 */
export class DuplicatePlanter {
	/** Originals that already have a sister company on their domain (one each keeps mailboxes distinct). */
	private readonly partnered = new Set<number>();
	/** Originals with one respelled card: some get a second one, making clusters of three. */
	private readonly respelled: number[] = [];
	private readonly respellings = new Map<number, number>();
	private triples = 0;

	constructor(
		private readonly w: World,
		private readonly names: NameCounters
	) {}

	private clean(j: number): boolean {
		const s = this.w.store;
		return s.plant[j] === PLANT_NONE && (s.dq[j] & (DQ_NO_DEAL | DQ_EMAIL_IN_PHONE | DQ_MISSING_INN)) === 0;
	}

	private findOriginal(type: number, minute: number, rng: Rng): number {
		const s = this.w.store;
		// The first firm with a second card always gets a third one ("ООО «Альфа»", "Альфа ООО", "ООО Альфа").
		if (type === PLANT_INN_RESPELLED && this.respelled.length > 0 && (this.triples === 0 || rng.chance(0.3))) return this.respelled[rng.int(this.respelled.length)];
		for (let attempt = 0; attempt < 40; attempt++) {
			const j = rng.int(s.count);
			if (s.createdMinute[j] > minute - 7 * 1440 || !this.clean(j)) continue;
			const kind = s.kind[j];
			if (type === PLANT_PERSON_TWO_PHONES ? kind !== KIND_PERSON : type === PLANT_TYPO_SAME_PHONE ? kind !== KIND_COMPANY && kind !== KIND_PERSON : kind !== KIND_COMPANY) continue;
			if (type === PLANT_SHARED_DOMAIN && (this.partnered.has(j) || this.w.identities.identity(j, true).domain === null)) continue;
			return j;
		}
		return -1;
	}

	/** Maybe turns a new lead into a planted record; returns its index, or -1 for an ordinary lead. */
	plant(minute: number, channel: number, rng: Rng): number {
		let roll = rng.float();
		let type = PLANT_NONE;
		for (const [t, chance] of PLANT_CHANCES) {
			if (roll < chance) {
				type = t;
				break;
			}
			roll -= chance;
		}
		if (type === PLANT_NONE) return -1;
		const original = this.findOriginal(type, minute, rng);
		if (original < 0) return -1;
		const s = this.w.store;
		const i = addCounterparty(this.w, this.names, { minute, channel, kind: s.kind[original], legacy: false }, rng);
		s.plant[i] = type;
		s.plantOf[i] = original;
		s.city[i] = s.city[original];
		// A quick second card with a typo: nobody filled in the INN, the phone is the same.
		s.dq[i] = type === PLANT_TYPO_SAME_PHONE && s.kind[i] === KIND_COMPANY ? DQ_MISSING_INN : 0;
		if (type === PLANT_INN_RESPELLED || type === PLANT_TYPO_SAME_PHONE || type === PLANT_PERSON_TWO_PHONES) s.nameIndex[i] = s.nameIndex[original];
		if (type === PLANT_INN_RESPELLED) {
			// Each card of the firm is spelled differently; three cards at most.
			const before = this.respellings.get(original) ?? 0;
			s.variant[i] = (original + before) % 3;
			this.respellings.set(original, before + 1);
			if (before === 0) this.respelled.push(original);
			else {
				this.respelled.splice(this.respelled.indexOf(original), 1);
				this.triples++;
			}
		}
		if (type === PLANT_SHARED_DOMAIN) this.partnered.add(original);
		return i;
	}
}
