import type { Rng } from './random.ts';
import { pickWeighted } from './random.ts';

/** amoCRM's default pipeline, renamed the way a trading company would. */
export const STAGES = [
	'Новый лид',
	'Квалификация',
	'Коммерческое предложение',
	'Согласование',
	'Счёт выставлен',
	'Успешно реализовано',
	'Закрыто и не реализовано'
] as const;
export const WON = 5;
export const LOST = 6;

/** Chance to move on from each open stage for an average deal (product ≈ 0.215). */
const ADVANCE = [0.78, 0.68, 0.62, 0.78, 0.84];
const ADVANCE_PRODUCT = ADVANCE.reduce((a, b) => a * b, 1);
/** Median days in each open stage (log-normal, sigma 0.85). */
const MEDIAN_DAYS = [0.4, 2, 4, 6, 3];

const LOST_REASONS: readonly (readonly [string, number][])[] = [
	[['Не дозвонились', 5], ['Нецелевой запрос', 4], ['Спам', 1], ['Дубль', 1]],
	[['Нецелевой запрос', 3], ['Отложили покупку', 3], ['Не дозвонились', 2], ['Дорого', 2]],
	[['Дорого', 5], ['Выбрали конкурента', 3], ['Нет в наличии', 2], ['Отложили покупку', 2]],
	[['Дорого', 3], ['Выбрали конкурента', 4], ['Отложили покупку', 2], ['Не устроили сроки поставки', 2]],
	[['Не оплатили счёт', 4], ['Выбрали конкурента', 2], ['Нет в наличии', 1], ['Отложили покупку', 2]]
];

export interface StageEntry {
	stage: number;
	minute: number;
}

export interface DealPath {
	entries: StageEntry[];
	lostReason: string | null;
	/** Stayed far longer than usual in one stage (may still be open at the end). */
	stalled: boolean;
}

export interface PathInput {
	createdMinute: number;
	/** Share of such deals that end won; stage chances are scaled to give it. */
	conversion: number;
	/** Multiplies the days in each stage (repeat orders and private buyers move faster). */
	pace: number;
	/** Nobody answered the lead: it dies or hangs in the first stage. */
	unanswered: boolean;
	/** The ordered item is out of stock when the offer is made. */
	outOfStock: boolean;
	/** The end of the data (minutes): nothing after it needs drawing. */
	horizonMinute: number;
	/** Moves a moment into working hours. */
	working: (minute: number) => number;
}

/**
 * A deal's whole life drawn at once: each stage is passed with a chance scaled so the
 * deal's overall conversion comes out as asked, time in stage is log-normal, a few
 * deals stall for months, and a lost deal gets a reason typical of the stage it died in.
 */
export function drawDealPath(input: PathInput, rng: Rng): DealPath {
	const entries: StageEntry[] = [{ stage: 0, minute: input.createdMinute }];
	const exponent = Math.log(Math.min(0.95, Math.max(0.01, input.conversion))) / Math.log(ADVANCE_PRODUCT);
	let t = input.createdMinute;
	let stalled = false;
	for (let stage = 0; stage < 5; stage++) {
		if (input.unanswered && stage === 0) {
			if (rng.chance(0.7)) {
				entries.push({ stage: 6, minute: input.working(t + Math.round(rng.uniform(2, 30) * 1440)) });
				return { entries, lostReason: rng.chance(0.6) ? 'Не дозвонились' : 'Нет ответа от клиента', stalled: false };
			}
			return { entries, lostReason: null, stalled: true };
		}
		let days = rng.lognormal(MEDIAN_DAYS[stage] * input.pace, 0.85);
		if (rng.chance(0.03)) {
			days = rng.uniform(90, 540);
			stalled = true;
		}
		let advance = Math.pow(ADVANCE[stage], exponent);
		if (stage === 2 && input.outOfStock) advance *= 0.4;
		const next = input.working(t + Math.max(5, Math.round(days * 1440)));
		if (rng.chance(advance)) {
			entries.push({ stage: stage + 1, minute: next });
			t = next;
			// Past the end of the data the rest of the path would never be seen.
			if (t > input.horizonMinute) return { entries, lostReason: null, stalled };
			continue;
		}
		const reasons = LOST_REASONS[stage];
		let reason = reasons[pickWeighted(rng, reasons.map(([, weight]) => weight))][0];
		if (stage === 2 && input.outOfStock && rng.chance(0.6)) reason = 'Нет в наличии';
		entries.push({ stage: LOST, minute: input.working(t + Math.round(days * 1.3 * 1440)) });
		return { entries, lostReason: reason, stalled };
	}
	return { entries, lostReason: null, stalled };
}

/** The path as the CRM shows it on `endMinute`: only what had happened by then. */
export function pathAsOf(path: DealPath, endMinute: number): { entries: StageEntry[]; current: number; closedMinute: number | null; lostReason: string | null } {
	const entries = path.entries.filter((e) => e.minute <= endMinute);
	const last = entries[entries.length - 1];
	const closed = last.stage === WON || last.stage === LOST;
	return { entries, current: last.stage, closedMinute: closed ? last.minute : null, lostReason: last.stage === LOST ? path.lostReason : null };
}
