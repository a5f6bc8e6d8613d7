import { civil, dayOf } from './calendar.ts';
import { Rng } from './random.ts';

export interface Consent {
	email: boolean;
	sms: boolean;
	messenger: boolean;
}

/** Opt-outs per channel: about 8% refuse e-mail, 5% SMS, 3% messengers. */
export function consentOf(seed: number, stream: string, index: number): Consent {
	const rng = Rng.derive(seed, stream, index);
	return { email: rng.chance(0.08), sms: rng.chance(0.05), messenger: rng.chance(0.03) };
}

/** A birthday (dd.mm.yyyy) of someone 21 to 70 years old at the end of the data. */
export function birthdayText(rng: Rng, endDay: number): string {
	const age = 21 + rng.int(50);
	const year = civil(endDay).year - age;
	const day = civil(dayOf(year, 1, 1) + rng.int(365));
	return `${String(day.day).padStart(2, '0')}.${String(day.month).padStart(2, '0')}.${day.year}`;
}

export const yesNo = (flag: boolean) => (flag ? 'Да' : 'Нет');
