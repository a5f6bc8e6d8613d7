import { Rng, Scatter } from './random.ts';
import { PERSON_NAME_CAPACITY, personNameAt } from './words-people.ts';

/** A sales manager: how fast they answer, how well they close, how tidy their tasks are. */
export interface Manager {
	name: string;
	/** First day they take leads (one joins during the first year). */
	fromDay: number;
	/** Multiplies the chance to move a deal to the next stage. */
	skill: number;
	/** Median minutes to the first response to a new lead. */
	responseMinutes: number;
	/** Chance a task is done by its due date; the rest are late or never done. */
	discipline: number;
	/** Calls per deal stage. */
	callRate: number;
	/** Weight in lead distribution. */
	load: number;
}

/** 6 managers at scale 1; more with the square root of the scale so each keeps a plausible book. */
export function managerCount(scale: number): number {
	return scale <= 1 ? 6 : Math.round(6 * Math.sqrt(scale));
}

export function buildManagers(seed: number, scale: number, startDay: number): Manager[] {
	const rng = Rng.derive(seed, 'managers');
	const names = new Scatter(PERSON_NAME_CAPACITY, seed ^ 0x3a3a);
	const count = managerCount(scale);
	const managers: Manager[] = [];
	for (let k = 0; k < count; k++) {
		const person = personNameAt(names.at(k));
		// The last of the first six joins in the tenth month; so does every 6th after.
		const late = k % 6 === 5;
		managers.push({
			name: `${person.surname} ${person.first}`,
			fromDay: late ? startDay + 275 + rng.int(20) : startDay - 400,
			skill: 0.8 + 0.4 * rng.float(),
			responseMinutes: 10 + rng.float() * 90,
			discipline: 0.55 + 0.4 * rng.float(),
			callRate: 0.6 + 1.2 * rng.float(),
			load: 0.7 + 0.6 * rng.float()
		});
	}
	return managers;
}
