import { counterpartyCode } from './counterparty-store.ts';
import type { ActivityEvent } from './events.ts';
import { LOST, WON, type DealPath } from './funnel.ts';
import type { Rng } from './random.ts';
import type { World } from './world.ts';
import type { StreamingFiles } from './demo-files.ts';

const TASK_SUBJECTS = ['Связаться с клиентом', 'Выяснить потребность', 'Подготовить и отправить КП', 'Согласовать условия поставки', 'Проконтролировать оплату счёта'];
const CALL_SUBJECTS = ['Первичный звонок', 'Уточнение потребности', 'Обсуждение КП', 'Согласование условий', 'Звонок по оплате'];
const CALL_WEIGHTS = [1, 1.3, 1.6, 1.4, 0.8];

/**
 * A task as a manager handles it: done before the due date, done late, or never
 * (the share of each follows the manager's discipline).
 */
function taskOutcome(w: World, manager: number, created: number, due: number, rng: Rng): number | null {
	const discipline = w.managers[manager].discipline;
	const roll = rng.float();
	let done: number | null;
	if (roll < discipline) done = created + Math.round(rng.float() * (due - created));
	else if (roll < discipline + (1 - discipline) * 0.6) done = due + Math.round(rng.lognormal(2.5, 0.9) * 1440);
	else done = null;
	return done !== null && done <= w.end * 1440 + 1439 ? done : null;
}

function call(cp: number, dealCode: string, manager: number, minute: number, subject: string, rng: Rng, inbound = false): ActivityEvent {
	const reached = rng.chance(0.78);
	return {
		type: 'activity',
		cp,
		dealCode,
		manager,
		kind: 'Звонок',
		createdMinute: minute,
		dueMinute: null,
		doneMinute: minute,
		direction: inbound ? 'Входящий' : 'Исходящий',
		durationSec: reached ? Math.max(15, Math.round(rng.lognormal(150, 0.8))) : 0,
		result: reached ? 'Дозвонились' : rng.chance(0.5) ? 'Не дозвонились' : 'Занято',
		subject
	};
}

export function task(w: World, cp: number, dealCode: string, manager: number, minute: number, subject: string, rng: Rng): ActivityEvent {
	const due = w.nextWorkingMinute(minute + Math.round(rng.uniform(0.5, 3) * 1440), rng);
	const done = taskOutcome(w, manager, minute, due, rng);
	return { type: 'activity', cp, dealCode, manager, kind: 'Задача', createdMinute: minute, dueMinute: due, doneMinute: done, direction: '', durationSec: null, result: done !== null ? 'Выполнено' : '', subject };
}

/** Calls, meetings and tasks around one deal, queued for the days they happen. */
export function scheduleDealActivities(w: World, cp: number, dealCode: string, manager: number, path: DealPath, firstResponse: number | null, business: boolean, rng: Rng): void {
	if (manager < 0) return;
	const endMinute = w.end * 1440 + 1439;
	const events: ActivityEvent[] = [];
	if (firstResponse !== null) events.push(call(cp, dealCode, manager, firstResponse, CALL_SUBJECTS[0], rng));
	const entries = path.entries;
	for (let k = 0; k < entries.length; k++) {
		const { stage, minute } = entries[k];
		if (stage === WON || stage === LOST) break;
		const leave = k + 1 < entries.length ? entries[k + 1].minute : Math.min(endMinute, minute + 60 * 1440);
		if (stage > 0 || firstResponse !== null) events.push(task(w, cp, dealCode, manager, minute + 2 + rng.int(30), TASK_SUBJECTS[stage], rng));
		const span = Math.max(60, Math.min(leave, minute + 30 * 1440) - minute);
		const calls = rng.poisson(w.managers[manager].callRate * CALL_WEIGHTS[stage] * (stage === 0 ? 0.5 : 1));
		for (let c = 0; c < calls; c++) {
			events.push(call(cp, dealCode, manager, w.nextWorkingMinute(minute + Math.floor(rng.float() * span), rng), CALL_SUBJECTS[stage], rng, rng.chance(0.25)));
		}
		if (business && (stage === 2 || stage === 3) && rng.chance(0.35)) {
			const at = w.nextWorkingMinute(minute + Math.floor(rng.float() * span), rng);
			events.push({ type: 'activity', cp, dealCode, manager, kind: 'Встреча', createdMinute: Math.max(minute, at - 1440 * (1 + rng.int(3))), dueMinute: at, doneMinute: rng.chance(0.85) ? at + 60 : null, direction: '', durationSec: 3600, result: 'Встреча с клиентом', subject: 'Презентация оборудования' });
		}
	}
	for (const event of events) {
		if (event.createdMinute <= endMinute) w.calendar.schedule(Math.floor(event.createdMinute / 1440), event);
	}
}

/** Writes an activity on the day it was created; IDs follow creation order, as in a CRM. */
export function writeActivity(w: World, files: StreamingFiles, a: ActivityEvent): void {
	const endMinute = w.end * 1440 + 1439;
	const id = String(73_100_000 + ++w.counters.activity * 3);
	const done = a.doneMinute !== null && a.doneMinute <= endMinute ? a.doneMinute : null;
	const updated = Math.max(a.createdMinute, done ?? a.createdMinute);
	const d = w.days;
	const fields = [
		id,
		a.kind,
		counterpartyCode(a.cp),
		a.dealCode,
		w.managers[a.manager].name,
		d.dmyTime(a.createdMinute),
		a.dueMinute !== null ? d.dmyTime(a.dueMinute) : '',
		done !== null ? d.dmyTime(done) : '',
		a.direction,
		a.durationSec !== null ? String(a.durationSec) : '',
		a.kind === 'Задача' ? (done !== null ? 'Выполнено' : '') : a.result,
		d.dmyTime(updated),
		a.subject
	];
	if (files.activities.write(fields, id, d.year(Math.floor(a.createdMinute / 1440)))) w.totals.activities++;
	w.store.touch(a.cp, Math.min(updated, endMinute));
}
