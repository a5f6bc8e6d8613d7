import { scheduleDealActivities } from './activities.ts';
import { makeBasket } from './basket.ts';
import { CHANNELS } from './channels.ts';
import { KIND_PERSON, STATE_WON_DEAL, counterpartyCode } from './counterparty-store.ts';
import type { StreamingFiles } from './demo-files.ts';
import { LOST, STAGES, WON, drawDealPath, pathAsOf } from './funnel.ts';
import type { World } from './world.ts';

const WEB_CHANNELS = new Set(['Яндекс Директ', 'VK Реклама', 'SEO/Органика', 'Авито']);
/** Open deals untouched this long at the end are "stalled" in the manifest. */
export const STALLED_AFTER_DAYS = 30;

export function dealCode(n: number): string {
	return String(31_500_000 + n * 3 + (n % 3));
}

/**
 * Opens a deal for counterparty `cp` at `minute`: draws its whole path, writes the deal
 * as the CRM shows it at the end of the data, writes its stage history, queues its
 * calls and tasks, and — if it is won before the end — the shipment on the day it is won.
 */
export function openDeal(w: World, files: StreamingFiles, cp: number, minute: number, repeat: boolean): void {
	const rng = w.rng;
	const s = w.store;
	const code = dealCode(++w.counters.deal);
	const managerIndex = s.manager[cp];
	const manager = managerIndex >= 0 ? w.managers[managerIndex] : null;
	const channel = CHANNELS[s.channel[cp]];
	const person = s.kind[cp] === KIND_PERSON;
	const unanswered = !manager || (!repeat && rng.chance(0.04));
	const day = Math.floor(minute / 1440);
	const lines = makeBasket(w, cp, day, rng);
	const main = lines[0];
	const firstResponse = unanswered || !manager ? null : w.nextWorkingMinute(minute + Math.max(1, Math.round(rng.lognormal(manager.responseMinutes, 1.1))), rng);
	const conversion = repeat ? 0.55 : channel.conversion * (person ? 1.1 : 1) * (manager?.skill ?? 1);
	const path = drawDealPath(
		{
			createdMinute: minute,
			conversion,
			pace: (repeat ? 0.5 : 1) * (person ? 0.6 : 1),
			unanswered,
			horizonMinute: w.end * 1440 + 1439,
			outOfStock: main !== undefined && w.stock.available(main.sku) === 0,
			working: (m) => w.nextWorkingMinute(m, rng)
		},
		rng
	);
	const endMinute = w.end * 1440 + 1439;
	const now = pathAsOf(path, endMinute);
	let amount = 0;
	for (const line of lines) amount += w.price(line.sku, day) * line.qty * (1 - s.discount[cp]);
	const category = main ? w.catalog.categories[w.catalog.skus[main.sku].category].name : '';
	const title = repeat ? `Повторный заказ: ${category}` : WEB_CHANNELS.has(channel.name) ? `Заявка с сайта: ${category}` : `Запрос КП: ${category}`;
	const lastChange = now.entries[now.entries.length - 1].minute;
	const updated = Math.max(lastChange, firstResponse !== null && firstResponse <= endMinute ? firstResponse : minute);
	const cells = [
		code,
		title,
		Math.round(amount / 10000) * 100,
		repeat ? 'Повторные продажи' : 'Продажи',
		STAGES[now.current],
		manager?.name ?? '',
		channel.name,
		category,
		counterpartyCode(cp),
		w.identities.identity(cp).name,
		{ minute },
		now.closedMinute !== null ? { minute: now.closedMinute } : null,
		{ minute: updated },
		firstResponse !== null && firstResponse <= endMinute ? { minute: firstResponse } : null,
		now.lostReason ?? ''
	];
	files.deals.write(cells, code, w.days.year(day));

	let previous = '';
	for (const entry of now.entries) {
		const stageName = STAGES[entry.stage];
		const by = entry.stage === 0 ? 'Робот' : (manager?.name ?? 'Администратор');
		files.stages.write([code, stageName, previous, w.days.isoTime(entry.minute), by], `${code}/${stageName}`, w.days.year(Math.floor(entry.minute / 1440)));
		previous = stageName;
	}

	const t = w.totals.deals;
	t.total++;
	for (const entry of now.entries) if (entry.stage < 5) t.reached[entry.stage]++;
	if (now.current === WON) {
		s.state[cp] |= STATE_WON_DEAL;
		t.won++;
		t.reached[5]++;
	} else if (now.current === LOST) t.lost++;
	else {
		t.open++;
		if (path.stalled && endMinute - lastChange > STALLED_AFTER_DAYS * 1440) t.stalled++;
	}
	if (!manager) t.noManager++;
	if (firstResponse === null || firstResponse > endMinute) t.noFirstResponse++;

	s.deals[cp]++;
	s.touch(cp, Math.min(updated, endMinute));
	scheduleDealActivities(w, cp, code, managerIndex, path, firstResponse, !person, rng);
	if (now.current === LOST && now.closedMinute !== null && now.lostReason === 'Отложили покупку' && rng.chance(0.35)) {
		w.calendar.schedule(Math.floor(now.closedMinute / 1440) + 60 + rng.int(240), { type: 'revisit', cp });
	}
	if (now.current === WON && now.closedMinute !== null && lines.length > 0) {
		w.calendar.schedule(Math.floor(now.closedMinute / 1440), { type: 'realize', cp, dealCode: code, lines });
	}
}
