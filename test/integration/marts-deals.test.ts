// fct_deals and fct_activities on the hand-made CRM of marts-sales (test/fixtures/
// marts-sales-exports.ts); every figure is worked out from those rows in the comments.
// The as-of moment is the latest CRM timestamp: call a2 at 2024-03-31 12:00.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { salesCrmExports } from '../fixtures/marts-sales-exports.ts';

let fixture: MartFixture;
let checked = 0;
let unpassed: string[] = [];
let alpha = '';
let beta = '';

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest(salesCrmExports);
	const build = await fixture.build(['+fct_deals', '+fct_activities', '+dim_customer']);
	const ours = build.tests.filter((t) => t.model === 'fct_deals' || t.model === 'fct_activities');
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.status} ${t.message ?? ''}`);
	const ids = await fixture.query<{ customer_id: string; customer_name: string }>(`select customer_id, customer_name from marts.dim_customer`);
	alpha = ids.find((r) => r.customer_name.includes('Альфа'))!.customer_id;
	beta = ids.find((r) => r.customer_name.includes('Бета'))!.customer_id;
});

afterAll(() => fixture?.close());

describe('fct_deals', () => {
	it('passes every YAML test of both marts', () => {
		expect(checked).toBeGreaterThan(25);
		expect(unpassed).toEqual([]);
	});

	it('has one row per deal: 13 deals, 2 won, 4 lost, 7 open', async () => {
		// won D1 D13; lost D2 D3 D6 D7; open D4 D5 D8 D9 D10 D11 D12 → 2 + 4 + 7 = 13
		const rows = await fixture.query(`select deal_status, count(*) as n from marts.fct_deals group by 1 order by 1`);
		expect(rows).toEqual([
			{ deal_status: 'lost', n: 4 },
			{ deal_status: 'open', n: 7 },
			{ deal_status: 'won', n: 2 }
		]);
	});

	it('says where and why a deal was lost, and how long it was open', async () => {
		// D2: lost in «Счёт выставлен» (its last funnel stage), reason Дорого, 01-10 10:00 → 01-25 10:00 = 15.0 days.
		// D7: lost with no history → the first stage, blank reason → Не указана; 02-05 10:00 → 02-10 10:00 = 5.0 days.
		// D5: open, created 01-20 09:00; to the as-of moment 03-31 12:00 = 71 days 3 h = 71.125 → 71.1; untouched since creation → 71 whole days.
		// D1: won 01-10 09:00 → 01-20 09:00 = 10.0 days, answered after 1 h, furthest stage Счёт выставлен.
		const rows = await fixture.query(
			`select deal_id, customer_id, deal_status, current_stage, furthest_stage, lost_at_stage, lost_reason, days_open,
				days_without_touch, first_response_hours, closed_on, manager
			 from marts.fct_deals where deal_id in ('D1', 'D2', 'D5', 'D7') order by deal_id`
		);
		expect(rows).toEqual([
			{ deal_id: 'D1', customer_id: alpha, deal_status: 'won', current_stage: 'Успешно реализовано', furthest_stage: 'Счёт выставлен', lost_at_stage: null, lost_reason: null, days_open: 10, days_without_touch: expect.any(Number), first_response_hours: 1, closed_on: '2024-01-20', manager: 'Иванов Иван' },
			{ deal_id: 'D2', customer_id: alpha, deal_status: 'lost', current_stage: 'Закрыто и не реализовано', furthest_stage: 'Счёт выставлен', lost_at_stage: 'Счёт выставлен', lost_reason: 'Дорого', days_open: 15, days_without_touch: expect.any(Number), first_response_hours: 2, closed_on: '2024-01-25', manager: 'Иванов Иван' },
			{ deal_id: 'D5', customer_id: beta, deal_status: 'open', current_stage: 'Коммерческое предложение', furthest_stage: 'Коммерческое предложение', lost_at_stage: null, lost_reason: null, days_open: 71.1, days_without_touch: 71, first_response_hours: 5, closed_on: null, manager: 'Иванов Иван' },
			{ deal_id: 'D7', customer_id: alpha, deal_status: 'lost', current_stage: 'Закрыто и не реализовано', furthest_stage: 'Новый лид', lost_at_stage: 'Новый лид', lost_reason: 'Не указана', days_open: 5, days_without_touch: expect.any(Number), first_response_hours: 1, closed_on: '2024-02-10', manager: 'Петров Пётр' }
		]);
	});

	it('keeps a deal without counterparty or manager, with neither', async () => {
		expect(await fixture.query(`select customer_id, manager, customer_name from marts.fct_deals where deal_id = 'D10'`)).toEqual([
			{ customer_id: null, manager: null, customer_name: null }
		]);
	});

	it('sums like the deals export: lost value 100000 + 20000 + 5000 + 25000 = 150000', async () => {
		const [row] = await fixture.query(`select sum(deal_amount) filter (where deal_status = 'lost') as lost from marts.fct_deals`);
		expect(row).toEqual({ lost: 150000 });
	});
});

describe('fct_activities', () => {
	it('finds the customer through the counterparty (b5 has no deal) and the deal', async () => {
		const rows = await fixture.query(`select activity_id, customer_id, deal_id, activity_type from marts.fct_activities where activity_id in ('b5', 'a4') order by 1`);
		expect(rows).toEqual([
			{ activity_id: 'a4', customer_id: beta, deal_id: 'D4', activity_type: 'meeting' },
			{ activity_id: 'b5', customer_id: alpha, deal_id: null, activity_type: 'task' }
		]);
	});

	it('marks overdue tasks as manager_kpi counts them, meetings never', async () => {
		// As of 03-31 12:00. a5 due 03-12 18:00 done 17:00 → on time. a6 due 03-18 18:00 done 03-19 10:00 → overdue, done.
		// a7 due 04-05 → not yet due. b4 due 03-20 18:00, never done → overdue and open: 10 days 18 h → 10 whole days.
		// b5 due 03-29 18:00 done 12:00 → on time. Meetings a3, b6, b7 end an hour after their start: not overdue;
		// a4 (due 04-02) neither.
		const rows = await fixture.query(
			`select activity_id, is_done, is_overdue, is_open_overdue, days_overdue from marts.fct_activities
			 where activity_type in ('task', 'meeting') order by activity_id`
		);
		expect(rows).toEqual([
			{ activity_id: 'a3', is_done: true, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'a4', is_done: false, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'a5', is_done: true, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'a6', is_done: true, is_overdue: true, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'a7', is_done: false, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'b4', is_done: false, is_overdue: true, is_open_overdue: true, days_overdue: 10 },
			{ activity_id: 'b5', is_done: true, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'b6', is_done: true, is_overdue: false, is_open_overdue: false, days_overdue: null },
			{ activity_id: 'b7', is_done: true, is_overdue: false, is_open_overdue: false, days_overdue: null }
		]);
	});

	it('agrees with manager_kpi on overdue tasks (March: Иванов a6, Петров b4)', async () => {
		const ours = await fixture.query(
			`select manager, count(*) filter (where is_overdue) as overdue from marts.fct_activities
			 where due_at >= '2024-03-01' and due_at < '2024-04-01' group by 1 order by 1`
		);
		expect(ours).toEqual([
			{ manager: 'Иванов Иван', overdue: 1 },
			{ manager: 'Петров Пётр', overdue: 1 }
		]);
	});
});
