import { CHANNELS } from './channels.ts';
import {
	DQ_EMAIL_IN_PHONE,
	DQ_MISSING_INN,
	DQ_NO_DEAL,
	KIND_COMPANY,
	KIND_PERSON,
	KIND_SOLE_TRADER,
	KIND_UA_COMPANY,
	STATE_ALIVE,
	STATE_BUYER
} from './counterparty-store.ts';
import { CITIES, UA_CITIES } from './geo.ts';
import { WeightedTable, pickWeighted, type Rng } from './random.ts';
import type { World } from './world.ts';

const CITY_TABLE = new WeightedTable(CITIES.map((c) => c.weight));
const PAY_TERMS = [7, 10, 14, 14, 21, 30];
const KIND_RATE = [1, 0.8, 0.45, 0.7];
const KIND_SIZE = [1, 0.5, 0, 1.2];

export interface NewCounterparty {
	minute: number;
	channel: number;
	kind: number;
	/** Imported at the CRM's start: an existing customer, not a lead. */
	legacy: boolean;
}

/** Running counters of the name spaces (a new name for every new customer). */
export class NameCounters {
	companies = 0;
	people = 0;
	phones = 0;
}

function contactCount(kind: number, thin: boolean, rng: Rng): number {
	if (thin || kind === KIND_PERSON) return 0;
	if (kind === KIND_SOLE_TRADER) return rng.chance(0.5) ? 1 : 0;
	const roll = rng.float();
	return roll < 0.6 ? 1 : roll < 0.93 ? 2 : 3;
}

/** The manager a new counterparty is given: by workload among those already hired. */
export function assignManager(w: World, day: number, rng: Rng): number {
	const weights = w.managers.map((m) => (m.fromDay <= day ? m.load : 0));
	return pickWeighted(rng, weights);
}

/**
 * Adds a counterparty with its buying behaviour: a purchase rate drawn from a Gamma
 * distribution and a chance to stop buying after each purchase drawn from a Beta — both
 * set by the channel it came through, which is what gives channels different payback.
 */
export function addCounterparty(w: World, names: NameCounters, c: NewCounterparty, rng: Rng): number {
	const s = w.store;
	const i = s.add();
	const channel = CHANNELS[c.channel];
	const kind = c.kind;
	s.createdMinute[i] = c.minute;
	s.lastTouchMinute[i] = c.minute;
	s.kind[i] = kind;
	s.channel[i] = c.channel;
	s.city[i] = kind === KIND_UA_COMPANY ? rng.int(UA_CITIES.length) : CITY_TABLE.draw(rng);
	const day = Math.floor(c.minute / 1440);
	s.manager[i] = !c.legacy && rng.chance(0.03) ? -1 : assignManager(w, Math.max(day, w.start), rng);
	s.nameIndex[i] = kind === KIND_PERSON || kind === KIND_SOLE_TRADER ? names.people++ : names.companies++;
	const thin = !c.legacy && rng.chance(0.05);
	if (thin) s.dq[i] |= DQ_NO_DEAL | (kind === KIND_PERSON || kind === KIND_UA_COMPANY ? 0 : DQ_MISSING_INN);
	else if ((kind === KIND_COMPANY || kind === KIND_SOLE_TRADER) && rng.chance(0.03)) s.dq[i] |= DQ_MISSING_INN;
	if (rng.chance(0.01)) s.dq[i] |= DQ_EMAIL_IN_PHONE;
	s.contactCount[i] = contactCount(kind, thin, rng);
	s.phoneBase[i] = names.phones;
	names.phones += 2 + 2 * s.contactCount[i];

	const legacyBoost = c.legacy ? 1.3 : 1;
	const meanRate = (channel.rate * KIND_RATE[kind] * legacyBoost) / 365.25;
	s.rate[i] = rng.gamma(channel.rateShape, meanRate / channel.rateShape);
	const drop = Math.min(0.9, channel.dropout * (kind === KIND_PERSON ? 1.15 : 1) / (c.legacy ? 2 : 1));
	s.dropout[i] = rng.beta(6 * drop, 6 * (1 - drop));
	s.size[i] = kind === KIND_PERSON ? 1 : rng.lognormal(channel.size * KIND_SIZE[kind], 0.55);
	s.discount[i] = kind === KIND_PERSON ? 0 : Math.round(100 * rng.uniform(0.02, 0.12) * (s.size[i] > 1.5 ? 1.3 : 1)) / 100;
	s.payTermDays[i] = kind === KIND_PERSON ? 0 : c.legacy && rng.chance(0.4) ? 30 : rng.pick(PAY_TERMS);
	const roll = rng.float();
	s.payDiscipline[i] = kind === KIND_PERSON ? 0 : roll < 0.7 ? 0 : roll < 0.9 ? 1 : 2;
	s.favourite[i] = pickWeighted(rng, w.catalog.categories.map((cat) => cat.share));
	// The imported base already buys: not new customers of any channel.
	if (c.legacy) s.state[i] |= STATE_ALIVE | STATE_BUYER;
	w.totals.channels[c.channel].leads += c.legacy ? 0 : 1;
	return i;
}

/** A kind of counterparty for a new lead of a channel (a few companies are Ukrainian). */
export function drawKind(channel: number, rng: Rng): number {
	const kind = pickWeighted(rng, CHANNELS[channel].kinds as unknown as number[]);
	return kind === KIND_COMPANY && rng.chance(0.012) ? KIND_UA_COMPANY : kind;
}
