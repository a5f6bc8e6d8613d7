// Sales marts (funnel, funnel_deal_stages, lost_reasons, stalled_deals, unattended_leads,
// manager_kpi) on hand-made CRM, sales and plan exports; every figure worked out by hand in
// the comments. Stages: A = Новый лид, B = Квалификация, C = Коммерческое предложение,
// D = Счёт выставлен; outcomes Успешно реализовано (won) and Закрыто и не реализовано (lost).
// The as-of moment is the latest CRM timestamp: call a2 at 2024-03-31 12:00.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { salesCrmExports } from '../fixtures/marts-sales-exports.ts';

interface FunnelRow {
	stage: string;
	stage_rank: number;
	next_stage: string | null;
	entered: number;
	moved_on: number;
	in_progress: number;
	dropped_off: number;
	conversion_rate: number;
	drop_off_rate: number;
	won: number;
	lost: number;
	timed_deals: number;
	median_days_in_stage: number | null;
}

const MODELS = [
	'funnel', 'funnel_deal_stages', 'lost_reasons', 'stalled_deals', 'unattended_leads', 'manager_kpi',
	'int_crm_deals', 'int_data_calendar', 'int_stage_order', 'int_deal_stage_spells', 'int_deal_touches',
	'int_deal_progress', 'int_deal_funnel_stages'
];
const SELECT = ['+funnel', '+lost_reasons', '+stalled_deals', '+unattended_leads', '+manager_kpi'];

let fixture: MartFixture;
let checked = 0;
let unpassed: string[] = [];

const funnelOf = (month: string, manager: string) =>
	fixture.query<FunnelRow>(
		`select * from marts.funnel where pipeline = 'Продажи' and created_month = '${month}'
		 and source_channel = 'Сайт' and manager = '${manager}' order by stage_rank`
	);

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest(salesCrmExports);
	const build = await fixture.build(SELECT);
	const ours = build.tests.filter((t) => MODELS.includes(t.model));
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.status} ${t.message ?? ''}`);
});

afterAll(() => fixture?.close());

describe('sales marts on a hand-made CRM', () => {
	it('pass every YAML test of their models', () => {
		expect(checked).toBeGreaterThan(60);
		expect(unpassed).toEqual([]);
	});

	it('read the stage order from the history and tell outcomes from stages', async () => {
		// First-entry ranks: A is every deal's 1st. B: 2nd for D1, D3, D4, D8, D13 → median 2.
		// C: D1 3, D2 2 (skipped B), D4 3, D13 3 → median 3. D: D1 4, D2 3, D13 4 → median 4.
		// Resting deals: Закрыто… holds D2, D3, D6, D7 (all lost) → lost; Успешно… D1, D13 → won.
		const order = await fixture.query(
			`select stage, stage_kind, stage_rank, next_stage, order_source from intermediate.int_stage_order
			 where pipeline = 'Продажи' order by stage_rank nulls last, stage`
		);
		expect(order).toEqual([
			{ stage: 'Новый лид', stage_kind: 'open', stage_rank: 1, next_stage: 'Квалификация', order_source: 'history' },
			{ stage: 'Квалификация', stage_kind: 'open', stage_rank: 2, next_stage: 'Коммерческое предложение', order_source: 'history' },
			{ stage: 'Коммерческое предложение', stage_kind: 'open', stage_rank: 3, next_stage: 'Счёт выставлен', order_source: 'history' },
			{ stage: 'Счёт выставлен', stage_kind: 'open', stage_rank: 4, next_stage: null, order_source: 'history' },
			{ stage: 'Закрыто и не реализовано', stage_kind: 'lost', stage_rank: null, next_stage: null, order_source: null },
			{ stage: 'Успешно реализовано', stage_kind: 'won', stage_rank: null, next_stage: null, order_source: null }
		]);
	});

	it('funnel, January × Сайт × Иванов: entered, moved on, drop-off, conversion and median days per stage', async () => {
		// D1 won A→B→C→D; D2 A→C→D→lost (skips B); D3 A→B→lost; D4 A→B→C, open in C;
		// D5 no history, open in C (counts in A, B by rule); D6 A→lost.
		// A: entered 6; moved on D1 D2 D3 D4 D5 = 5; dropped D6 = 1 → 5/6 = 0.8333, 1/6 = 0.1667.
		//    days in A: D1 1.0, D2 2.0, D3 1.5, D4 1.0, D6 2.0 → 1, 1, 1.5, 2, 2 → median 1.5.
		//    won D1 = 1; lost D2 D3 D6 = 3.
		// B: entered D1 D3 D4 D5 = 4 (D2 skipped it); moved on D1 D4 D5 = 3; dropped D3 → 0.75, 0.25.
		//    days: D1 2.0, D3 7.5, D4 4.0 → median 4.0; lost D3 = 1.
		// C: entered D1 D2 D4 D5 = 4; moved on D1 D2 = 2; in progress D4 D5 = 2; dropped 0 → 0.5, 0.
		//    days: D1 4.0, D2 3.0 (D4 still there, not timed) → median 3.5; lost D2 = 1.
		// D: entered D1 D2 = 2; moved on D1 (won); dropped D2 → 0.5, 0.5. Days D1 3.0, D2 10.0 → 6.5.
		const rows = await funnelOf('2024-01-01', 'Иванов Иван');
		expect(rows).toEqual([
			expect.objectContaining({ stage: 'Новый лид', stage_rank: 1, entered: 6, moved_on: 5, in_progress: 0, dropped_off: 1, conversion_rate: 0.8333, drop_off_rate: 0.1667, won: 1, lost: 3, timed_deals: 5, median_days_in_stage: 1.5 }),
			expect.objectContaining({ stage: 'Квалификация', stage_rank: 2, entered: 4, moved_on: 3, in_progress: 0, dropped_off: 1, conversion_rate: 0.75, drop_off_rate: 0.25, won: 1, lost: 1, timed_deals: 3, median_days_in_stage: 4 }),
			expect.objectContaining({ stage: 'Коммерческое предложение', stage_rank: 3, entered: 4, moved_on: 2, in_progress: 2, dropped_off: 0, conversion_rate: 0.5, drop_off_rate: 0, won: 1, lost: 1, timed_deals: 2, median_days_in_stage: 3.5 }),
			expect.objectContaining({ stage: 'Счёт выставлен', stage_rank: 4, next_stage: null, entered: 2, moved_on: 1, in_progress: 0, dropped_off: 1, conversion_rate: 0.5, drop_off_rate: 0.5, won: 1, lost: 1, timed_deals: 2, median_days_in_stage: 6.5 })
		]);
	});

	it('funnel: a lost deal without history counts in the first stage only', async () => {
		// D7 (February, Петров) is lost with no stage history → A only, dropped there.
		expect(await funnelOf('2024-02-01', 'Петров Пётр')).toEqual([
			expect.objectContaining({ stage: 'Новый лид', entered: 1, moved_on: 0, dropped_off: 1, conversion_rate: 0, lost: 1, timed_deals: 0, median_days_in_stage: null })
		]);
	});

	it('funnel_deal_stages: how each deal was counted, with city and category to filter by', async () => {
		const rows = await fixture.query(
			`select deal_id, stage, reached_by, city, product_category from marts.funnel_deal_stages
			 where deal_id in ('D2', 'D5') order by deal_id, stage_rank`
		);
		expect(rows).toEqual([
			{ deal_id: 'D2', stage: 'Новый лид', reached_by: 'history', city: 'Москва', product_category: 'Кондиционеры' },
			{ deal_id: 'D2', stage: 'Коммерческое предложение', reached_by: 'history', city: 'Москва', product_category: 'Кондиционеры' },
			{ deal_id: 'D2', stage: 'Счёт выставлен', reached_by: 'history', city: 'Москва', product_category: 'Кондиционеры' },
			{ deal_id: 'D5', stage: 'Новый лид', reached_by: 'implied', city: 'Казань', product_category: 'Обогреватели' },
			{ deal_id: 'D5', stage: 'Квалификация', reached_by: 'implied', city: 'Казань', product_category: 'Обогреватели' },
			{ deal_id: 'D5', stage: 'Коммерческое предложение', reached_by: 'current_stage', city: 'Казань', product_category: 'Обогреватели' }
		]);
	});

	it('lost_reasons: deals, value lost and shares by reason × stage lost at', async () => {
		// Lost: D2 Дорого at D, 100,000; D3 Нецелевой запрос at B, 20,000; D6 Нецелевой запрос at A,
		// 5,000; D7 no reason, no history → at A, 25,000. Total 4 deals, 150,000.
		// Value shares: 100/150 = 0.6667, 20/150 = 0.1333, 5/150 = 0.0333, 25/150 = 0.1667.
		const rows = await fixture.query(
			`select lost_reason, lost_at_stage, deals, value_lost, share_of_deals, share_of_value
			 from marts.lost_reasons order by lost_at_stage_rank, lost_reason`
		);
		expect(rows).toEqual([
			{ lost_reason: 'Не указана', lost_at_stage: 'Новый лид', deals: 1, value_lost: 25000, share_of_deals: 0.25, share_of_value: 0.1667 },
			{ lost_reason: 'Нецелевой запрос', lost_at_stage: 'Новый лид', deals: 1, value_lost: 5000, share_of_deals: 0.25, share_of_value: 0.0333 },
			{ lost_reason: 'Нецелевой запрос', lost_at_stage: 'Квалификация', deals: 1, value_lost: 20000, share_of_deals: 0.25, share_of_value: 0.1333 },
			{ lost_reason: 'Дорого', lost_at_stage: 'Счёт выставлен', deals: 1, value_lost: 100000, share_of_deals: 0.25, share_of_value: 0.6667 }
		]);
	});

	it('stalled_deals: open deals untouched for 14 days before the as-of moment', async () => {
		// As of 2024-03-31 12:00; stalled when the last touch is at or before 03-17 12:00.
		// D5: no history, no activity → creation 01-20 09:00 → 71 days 3 h → 71.
		// D8: stage B 03-10, task created 03-16 15:00 (not done) → 14 days 21 h → 14.
		// Not stalled: D4 (meeting created 03-25), D9 (call 03-18 09:00, 13 days), D10–D12 (new).
		const rows = await fixture.query(
			`select deal_id, stage, last_touch_at, days_without_touch, as_of_at from marts.stalled_deals order by deal_id`
		);
		expect(rows).toEqual([
			{ deal_id: 'D5', stage: 'Коммерческое предложение', last_touch_at: '2024-01-20 09:00:00', days_without_touch: 71, as_of_at: '2024-03-31 12:00:00' },
			{ deal_id: 'D8', stage: 'Квалификация', last_touch_at: '2024-03-16 15:00:00', days_without_touch: 14, as_of_at: '2024-03-31 12:00:00' }
		]);
	});

	it('unattended_leads: no manager, no response after 24 hours, or a late response', async () => {
		// D6: answered after 30 h (> 24) → late. D8: CRM field says 48 h (the earlier call does not
		// override it) → late. D10: no manager. D11: created 03-30 09:00, silent for 27 h → no response.
		// Not listed: D12 (silent only 6 h), D9 (no field, answered by a call after 3 h), D7 (1 h).
		const rows = await fixture.query(
			`select deal_id, reason, first_response_hours, first_response_source, is_open from marts.unattended_leads order by deal_id`
		);
		expect(rows).toEqual([
			{ deal_id: 'D10', reason: 'no_manager', first_response_hours: null, first_response_source: null, is_open: true },
			{ deal_id: 'D11', reason: 'no_response', first_response_hours: null, first_response_source: null, is_open: true },
			{ deal_id: 'D6', reason: 'late_response', first_response_hours: 30, first_response_source: 'crm_field', is_open: false },
			{ deal_id: 'D8', reason: 'late_response', first_response_hours: 48, first_response_source: 'crm_field', is_open: true }
		]);
		const [d9] = await fixture.query(`select first_response_hours, first_response_source from intermediate.int_deal_touches where deal_id = 'D9'`);
		expect(d9).toEqual({ first_response_hours: 3, first_response_source: 'activity' });
	});

	it('manager_kpi, March 2024: calls, meetings, overdue tasks, first response, won deals and plan %', async () => {
		// Иванов: calls a1, a2 = 2; meetings held a3 = 1 (a4 not done); tasks created a5 a6 a7 = 3;
		//   due in March before the as-of moment a5, a6 = 2 (a7 due in April); overdue a6 (done late) = 1.
		//   Deals created D12 (no response), D13 (0.5 h) → 2, answered 1, median 0.5. Won D13 50,000.
		//   Revenue 70,000 + 50,000 = 120,000; plan 100,000 → 120 %.
		// Петров: calls b1 b2 b3 = 3; meetings b6 = 1 (b7 held in February); tasks b4 b5 = 2, both due
		//   in March; b4 not done → overdue 1. Deals D8 (48 h), D9 (3 h), D11 (none) → 3, answered 2,
		//   median (3 + 48) / 2 = 25.5. No deals won. Revenue 30,000; plan 60,000 («Петров Петр»
		//   in the plan is the same manager) → 50 %.
		const rows = await fixture.query(
			`select manager, calls, meetings, tasks_created, tasks_due, tasks_overdue, deals_created, deals_answered,
			        median_first_response_hours, deals_won, won_value, revenue, plan, plan_pct
			 from marts.manager_kpi where month = '2024-03-01' order by manager`
		);
		expect(rows).toEqual([
			{ manager: 'Иванов Иван', calls: 2, meetings: 1, tasks_created: 3, tasks_due: 2, tasks_overdue: 1, deals_created: 2, deals_answered: 1, median_first_response_hours: 0.5, deals_won: 1, won_value: 50000, revenue: 120000, plan: 100000, plan_pct: 120 },
			{ manager: 'Петров Пётр', calls: 3, meetings: 1, tasks_created: 2, tasks_due: 2, tasks_overdue: 1, deals_created: 3, deals_answered: 2, median_first_response_hours: 25.5, deals_won: 0, won_value: 0, revenue: 30000, plan: 60000, plan_pct: 50 }
		]);
	});

	it('manager_kpi, earlier months: first response of January deals, a meeting in February', async () => {
		// Иванов, January: D1–D6 answered after 1, 2, 3, 4, 5, 30 h → median (3 + 4) / 2 = 3.5;
		//   D1 won 01-20 (80,000); no sales, no plan → revenue 0, plan_pct null.
		// Петров, February: D7 answered after 1 h; meeting b7 held 02-28.
		const rows = await fixture.query(
			`select manager, month, meetings, deals_created, median_first_response_hours, deals_won, won_value, revenue, plan, plan_pct
			 from marts.manager_kpi where month < '2024-03-01' order by month, manager`
		);
		expect(rows).toEqual([
			{ manager: 'Иванов Иван', month: '2024-01-01', meetings: 0, deals_created: 6, median_first_response_hours: 3.5, deals_won: 1, won_value: 80000, revenue: 0, plan: null, plan_pct: null },
			{ manager: 'Петров Пётр', month: '2024-02-01', meetings: 1, deals_created: 1, median_first_response_hours: 1, deals_won: 0, won_value: 0, revenue: 0, plan: null, plan_pct: null }
		]);
	});
});

describe('funnel_stages var overrides the inferred order', () => {
	beforeAll(async () => {
		await fixture.build(SELECT, { funnel_stages: ['Новый лид', 'Коммерческое предложение', 'Счёт выставлен'] });
	});

	it('ranks the listed stages and leaves Квалификация out', async () => {
		const order = await fixture.query(
			`select stage, stage_rank, order_source from intermediate.int_stage_order
			 where pipeline = 'Продажи' and stage_kind = 'open' order by stage_rank nulls last`
		);
		expect(order).toEqual([
			{ stage: 'Новый лид', stage_rank: 1, order_source: 'funnel_stages' },
			{ stage: 'Коммерческое предложение', stage_rank: 2, order_source: 'funnel_stages' },
			{ stage: 'Счёт выставлен', stage_rank: 3, order_source: 'funnel_stages' },
			{ stage: 'Квалификация', stage_rank: null, order_source: null }
		]);
	});

	it('D3, lost in Квалификация, now drops off at Новый лид', async () => {
		// A: entered 6; moved on D1 (won), D2 (C), D4 (C), D5 (current C) = 4; dropped D3, D6 = 2
		// → 4/6 = 0.6667. D3's lost_at is now the last listed stage it was in: Новый лид.
		const [first] = await funnelOf('2024-01-01', 'Иванов Иван');
		expect(first).toMatchObject({ stage: 'Новый лид', entered: 6, moved_on: 4, dropped_off: 2, conversion_rate: 0.6667 });
		const [d3] = await fixture.query(`select lost_at_stage from intermediate.int_deal_progress where deal_id = 'D3'`);
		expect(d3).toEqual({ lost_at_stage: 'Новый лид' });
	});
});
