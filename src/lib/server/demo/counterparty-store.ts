/**
 * What the simulation must remember about each counterparty, in typed arrays (tens of
 * bytes per record, so a million counterparties fit in well under 100 MB). Everything
 * textual (names, phones, addresses) is re-derived from the record's index when written.
 */

export const KIND_COMPANY = 0;
export const KIND_SOLE_TRADER = 1;
export const KIND_PERSON = 2;
export const KIND_UA_COMPANY = 3;

/** Duplicates planted on purpose (the record is another card of an earlier customer). */
export const PLANT_NONE = 0;
export const PLANT_INN_RESPELLED = 1;
export const PLANT_TYPO_SAME_PHONE = 2;
export const PLANT_PERSON_TWO_PHONES = 3;
export const PLANT_GROUP_SHARED_PHONE = 4;
/** Not a duplicate: a different company whose e-mail is on the other's corporate domain. */
export const PLANT_SHARED_DOMAIN = 5;

/** Data-quality flags. */
export const DQ_MISSING_INN = 1;
export const DQ_EMAIL_IN_PHONE = 2;
/** Created without a deal: a name and a phone from a call or a visitor list. */
export const DQ_NO_DEAL = 4;

export const STATE_ALIVE = 1;
export const STATE_BUYER = 2;
export const STATE_STANDING_ORDER = 4;
/** Has a deal won by the end of the data (even if nothing could be shipped). */
export const STATE_WON_DEAL = 8;

type Numeric = Int32Array | Uint8Array | Int16Array | Float32Array | Float64Array;

export class CounterpartyStore {
	count = 0;
	private capacity: number;
	createdMinute: Int32Array;
	kind: Uint8Array;
	channel: Uint8Array;
	manager: Int16Array;
	city: Uint8Array;
	/** Index into the company-name or person-name space (distinct per record, duplicates excepted). */
	nameIndex: Int32Array;
	/** First phone serial of the record; its contacts use the following ones. */
	phoneBase: Int32Array;
	contactCount: Uint8Array;
	/** Purchases per day at the demo's start level of business. */
	rate: Float32Array;
	dropout: Float32Array;
	size: Float32Array;
	discount: Float32Array;
	payTermDays: Uint8Array;
	/** 0 pays on time, 1 often late, 2 sometimes never. */
	payDiscipline: Uint8Array;
	favourite: Uint8Array;
	state: Uint8Array;
	plant: Uint8Array;
	plantOf: Int32Array;
	/** Which of the other spellings a respelled card uses (0, 1, 2). */
	variant: Uint8Array;
	dq: Uint8Array;
	purchases: Int32Array;
	deals: Int32Array;
	firstPurchaseDay: Int32Array;
	lastPurchaseDay: Int32Array;
	/** Last deal stage change, activity, purchase or payment (minutes). */
	lastTouchMinute: Int32Array;
	revenue: Float64Array;

	constructor(expected: number) {
		this.capacity = Math.max(1024, Math.ceil(expected * 1.25));
		const c = this.capacity;
		this.createdMinute = new Int32Array(c);
		this.kind = new Uint8Array(c);
		this.channel = new Uint8Array(c);
		this.manager = new Int16Array(c);
		this.city = new Uint8Array(c);
		this.nameIndex = new Int32Array(c);
		this.phoneBase = new Int32Array(c);
		this.contactCount = new Uint8Array(c);
		this.rate = new Float32Array(c);
		this.dropout = new Float32Array(c);
		this.size = new Float32Array(c);
		this.discount = new Float32Array(c);
		this.payTermDays = new Uint8Array(c);
		this.payDiscipline = new Uint8Array(c);
		this.favourite = new Uint8Array(c);
		this.state = new Uint8Array(c);
		this.plant = new Uint8Array(c);
		this.plantOf = new Int32Array(c);
		this.variant = new Uint8Array(c);
		this.dq = new Uint8Array(c);
		this.purchases = new Int32Array(c);
		this.deals = new Int32Array(c);
		this.firstPurchaseDay = new Int32Array(c);
		this.lastPurchaseDay = new Int32Array(c);
		this.lastTouchMinute = new Int32Array(c);
		this.revenue = new Float64Array(c);
	}

	private grow(): void {
		const next = this.capacity * 2;
		for (const key of Object.keys(this) as (keyof this)[]) {
			const value = this[key] as unknown;
			if (ArrayBuffer.isView(value)) {
				const old = value as Numeric;
				const bigger = new (old.constructor as new (n: number) => Numeric)(next);
				bigger.set(old);
				(this as Record<string, unknown>)[key as string] = bigger;
			}
		}
		this.capacity = next;
	}

	/** Reserves the next record and returns its index (every field zero). */
	add(): number {
		if (this.count === this.capacity) this.grow();
		const i = this.count++;
		this.manager[i] = -1;
		this.plantOf[i] = -1;
		this.firstPurchaseDay[i] = -1;
		this.lastPurchaseDay[i] = -1;
		return i;
	}

	touch(i: number, minute: number): void {
		if (minute > this.lastTouchMinute[i]) this.lastTouchMinute[i] = minute;
	}
}

/** CRM identifier of a counterparty: amoCRM-like numbers with gaps, growing with creation order. */
export function counterpartyCode(index: number): string {
	return String(21_450_000 + index * 7 + (Math.imul(index, 0x9e3779b1) >>> 30));
}

export function contactCode(index: number, slot: number): string {
	return String(41_200_000 + index * 5 + slot);
}
