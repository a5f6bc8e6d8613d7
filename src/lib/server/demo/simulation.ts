import { writeActivity } from './activities.ts';
import { makeBasket, nextPurchaseDay } from './basket.ts';
import { CHANNELS } from './channels.ts';
import { DQ_NO_DEAL, KIND_PERSON, STATE_ALIVE } from './counterparty-store.ts';
import { addCounterparty, drawKind, NameCounters } from './counterparties.ts';
import { openDeal } from './deals.ts';
import type { StreamingFiles } from './demo-files.ts';
import { DuplicatePlanter } from './duplicates.ts';
import type { DemoEvent, ReceiptEvent } from './events.ts';
import { importLegacyCustomers, standingBasket, standingDayOfMonth } from './legacy.ts';
import { writeOutgoing, writePayment } from './payments.ts';
import { writeReceipt } from './receipts.ts';
import { writeReturn } from './returns.ts';
import { realize } from './sales.ts';
import type { World } from './world.ts';

/** New leads per day at scale 1 at the start (before growth, season and weekday). */
const LEADS_PER_DAY = 3.3;
const WEEKDAY = [1.2, 1.2, 1.2, 1.2, 1.2, 0.55, 0.45];
const WEB = new Set(['Яндекс Директ', 'VK Реклама', 'SEO/Органика', 'Авито']);

export interface SimulationHooks {
	/** Called at the end of every simulated day (stock snapshots, progress). */
	endOfDay(day: number): void;
}

/** After a purchase a BG/NBD customer stays with chance 1 − p; if so, the next purchase is queued. */
function continueBuying(w: World, cp: number, day: number): void {
	const s = w.store;
	if (w.rng.chance(s.dropout[cp])) {
		s.state[cp] &= ~STATE_ALIVE;
		return;
	}
	s.state[cp] |= STATE_ALIVE;
	const next = nextPurchaseDay(w, cp, day, w.rng);
	if (next >= 0) w.calendar.schedule(next, { type: 'purchase', cp });
}

function newLeads(w: World, files: StreamingFiles, names: NameCounters, planter: DuplicatePlanter, day: number): void {
	const rng = w.rng;
	const month = w.days.month(day);
	const season = w.intensityAt(day) / w.trend(day);
	const level = w.scale * LEADS_PER_DAY * w.trend(day) * Math.pow(season, 0.6) * WEEKDAY[w.days.weekday(day)];
	CHANNELS.forEach((channel, c) => {
		const arrivals = rng.poisson(level * channel.leadShare * channel.leadSeason[month - 1]);
		for (let k = 0; k < arrivals; k++) {
			const minute = WEB.has(channel.name) && rng.chance(0.25) ? day * 1440 + rng.int(1440) : w.workingMinute(day, rng);
			let cp = planter.plant(minute, c, rng);
			if (cp < 0) cp = addCounterparty(w, names, { minute, channel: c, kind: drawKind(c, rng), legacy: false }, rng);
			if (!(w.store.dq[cp] & DQ_NO_DEAL)) openDeal(w, files, cp, minute, false);
		}
	});
}

/** Shipments, payments and deliveries happen on working days; anything due on a day off waits. */
const OFFICE_HOURS_ONLY = new Set<DemoEvent['type']>(['purchase', 'realize', 'return', 'standing', 'payment', 'receipt', 'outgoing']);

function handle(w: World, files: StreamingFiles, day: number, e: DemoEvent): void {
	const s = w.store;
	if (OFFICE_HOURS_ONLY.has(e.type) && !w.days.isBusinessDay(day)) {
		w.calendar.schedule(w.days.nextBusinessDay(day), e);
		return;
	}
	switch (e.type) {
		case 'purchase': {
			if (!(s.state[e.cp] & STATE_ALIVE)) return;
			if (s.kind[e.cp] !== KIND_PERSON && w.rng.chance(0.15)) openDeal(w, files, e.cp, w.workingMinute(day, w.rng), true);
			else realize(w, files, e.cp, day, makeBasket(w, e.cp, day, w.rng), '');
			continueBuying(w, e.cp, day);
			return;
		}
		case 'realize': {
			const firstTime = s.purchases[e.cp] === 0;
			realize(w, files, e.cp, day, e.lines, e.dealCode);
			// A won first deal makes a customer; repeat deals already belong to a buying chain.
			if (firstTime && !(s.state[e.cp] & STATE_ALIVE)) continueBuying(w, e.cp, day);
			return;
		}
		case 'return':
			writeReturn(w, files, day, e);
			return;
		case 'revisit':
			openDeal(w, files, e.cp, w.workingMinute(day, w.rng), false);
			return;
		case 'standing': {
			realize(w, files, e.cp, day, standingBasket(w, e.cp), '');
			const nextMonth = w.days.dayOfMonth(day) > 15 ? day + 20 : day + 35;
			const first = nextMonth - w.days.dayOfMonth(nextMonth) + 1;
			if (first <= w.end) w.calendar.schedule(first + standingDayOfMonth(w, e.cp) - 1, { type: 'standing', cp: e.cp });
			return;
		}
		case 'activity':
			writeActivity(w, files, e);
			return;
		case 'payment':
			writePayment(w, files, day, e);
			return;
		case 'receipt':
			writeReceipt(w, files, day, e as ReceiptEvent);
			return;
		case 'outgoing':
			writeOutgoing(w, files, day, e);
			return;
	}
}

/**
 * Runs the company day by day from the first to the last day of the data, writing each
 * row when it happens. Yields to the event loop once per simulated week so streamed
 * XLSX writers can flush.
 */
export async function simulate(w: World, files: StreamingFiles, hooks: SimulationHooks): Promise<void> {
	const names = new NameCounters();
	const planter = new DuplicatePlanter(w, names);
	importLegacyCustomers(w, names);
	for (let day = w.start; day <= w.end; day++) {
		w.calendar.now = day;
		newLeads(w, files, names, planter, day);
		const bucket = w.calendar.bucket(day);
		for (let k = 0; k < bucket.length; k++) handle(w, files, day, bucket[k]);
		w.calendar.release(day);
		if (w.days.weekday(day) === 0) w.stock.review(day, w.rng);
		w.stock.endOfDay();
		hooks.endOfDay(day);
		if (w.days.weekday(day) === 6) await new Promise((resolve) => setImmediate(resolve));
	}
}
