// revenue_forecast's pipeline part on a hand-made CRM export: stage win rates from the
// closed deals' stage history, three open deals at known stages, expected close months
// from the median days to a win — each figure worked out in the comments.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { salesCsv, type SaleLine } from './marts-purchasing-fixtures.ts';

const NEW = 'Новый лид';
const OFFER = 'Коммерческое предложение';
const INVOICE = 'Счёт выставлен';
const WON = 'Успешно реализовано';
const LOST = 'Закрыто и не реализовано';

// Won deals W1..W4: new lead on day 0, offer day 20, invoice day 40, won 10/20/30/40 days after the invoice.
// Lost: L1, L2 after the offer; L3..L6 as new leads; L7 after the invoice.
const history: [string, string, string][] = [
	['W1', NEW, '2024-01-01'], ['W1', OFFER, '2024-01-21'], ['W1', INVOICE, '2024-02-10'], ['W1', WON, '2024-02-20'],
	['W2', NEW, '2024-01-02'], ['W2', OFFER, '2024-01-22'], ['W2', INVOICE, '2024-02-11'], ['W2', WON, '2024-03-02'],
	['W3', NEW, '2024-01-03'], ['W3', OFFER, '2024-01-23'], ['W3', INVOICE, '2024-02-12'], ['W3', WON, '2024-03-13'],
	['W4', NEW, '2024-01-04'], ['W4', OFFER, '2024-01-24'], ['W4', INVOICE, '2024-02-13'], ['W4', WON, '2024-03-24'],
	['L1', NEW, '2024-01-05'], ['L1', OFFER, '2024-01-10'], ['L1', LOST, '2024-01-20'],
	['L2', NEW, '2024-01-05'], ['L2', OFFER, '2024-01-11'], ['L2', LOST, '2024-01-21'],
	['L3', NEW, '2024-01-06'], ['L3', LOST, '2024-01-07'],
	['L4', NEW, '2024-01-06'], ['L4', LOST, '2024-01-08'],
	['L5', NEW, '2024-01-06'], ['L5', LOST, '2024-01-09'],
	['L6', NEW, '2024-01-06'], ['L6', LOST, '2024-01-10'],
	['L7', NEW, '2024-01-07'], ['L7', OFFER, '2024-01-15'], ['L7', INVOICE, '2024-02-01'], ['L7', LOST, '2024-02-15'],
	// open: O1 a new lead since 10 June; O2 at the offer since 1 June; O3 invoiced on 1 April
	['O1', NEW, '2024-06-10'],
	['O2', NEW, '2024-05-01'], ['O2', OFFER, '2024-06-01'],
	['O3', NEW, '2024-03-01'], ['O3', OFFER, '2024-03-10'], ['O3', INVOICE, '2024-04-01']
];
const deals = [
	'ID сделки;Название сделки;Этап;Бюджет;Ответственный;Дата создания;Дата закрытия',
	...['W1', 'W2', 'W3', 'W4', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'O1', 'O2', 'O3'].map((id) => {
		const steps = history.filter(([deal]) => deal === id);
		const [, stage, last] = steps[steps.length - 1];
		const closed = stage === WON || stage === LOST ? `${last} 10:00:00` : '';
		const amount = { O1: 100000, O2: 200000, O3: 50000 }[id] ?? 10000;
		return [id, `Сделка ${id}`, stage, amount, 'Иванов', `${steps[0][2]} 10:00:00`, closed].join(';');
	})
].join('\n') + '\n';
const stageHistory = ['ID сделки;Этап;Дата перехода', ...history.map(([id, stage, day]) => `${id};${stage};${day} 10:00:00`)].join('\n') + '\n';

// Sales Jan..May on the 15th and one on 14 June: the last full month is May, forecasts start in June.
const sales: SaleLine[] = ['2024-01-15', '2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-14'].map((date) => ({
	date, sku: 'S1', name: 'Товар', category: 'Прочее', qty: 1, price: 1000
}));
const plan = csv`
	Месяц;Менеджер;План продаж
	01.06.2024;Иванов;300000
	01.06.2024;Петров;200000
`;

let fixture: MartFixture;

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest({ 'сделки.csv': deals, 'история_этапов.csv': stageHistory, 'реализация.csv': salesCsv(sales), 'план_продаж.csv': plan });
	const build = await fixture.build(['+revenue_forecast']);
	const ours = ['int_deal_funnel_stages', 'int_deal_stage_win_rates', 'int_open_pipeline', 'int_revenue_projection', 'revenue_forecast'];
	expect(build.tests.filter((t) => ours.includes(t.model) && t.status !== 'pass').map((t) => t.name)).toEqual([]);
});

afterAll(() => fixture?.close());

describe('revenue_forecast from the pipeline', () => {
	it('learns each stage\'s win rate and median days to a win from the closed deals', async () => {
		// Closed deals that reached the stage: new lead all 11 (4 won) → 4/11; offer W1–W4, L1, L2, L7 → 4/7;
		// invoice W1–W4, L7 → 4/5. Days to the win: from the invoice 10, 20, 30, 40 → median 25; from the
		// offer 30, 40, 50, 60 → 45; from the new lead 50, 60, 70, 80 → 65.
		const rates = await fixture.query<{ stage: string; closed_deals: number; won_deals: number; win_rate: number; median_days_to_win: number | null }>(
			'select * from intermediate.int_deal_stage_win_rates order by stage'
		);
		const byStage = new Map(rates.map((r) => [r.stage, r]));
		expect(byStage.get(NEW)).toMatchObject({ closed_deals: 11, won_deals: 4, median_days_to_win: 65 });
		expect(byStage.get(OFFER)).toMatchObject({ closed_deals: 7, won_deals: 4, median_days_to_win: 45 });
		expect(byStage.get(INVOICE)).toMatchObject({ closed_deals: 5, won_deals: 4, median_days_to_win: 25 });
		expect(byStage.get(NEW)!.win_rate).toBeCloseTo(4 / 11, 12);
		expect(byStage.get(OFFER)!.win_rate).toBeCloseTo(4 / 7, 12);
		expect(byStage.get(INVOICE)!.win_rate).toBeCloseTo(0.8, 12);
	});

	it('weights the three open deals by their stage and places them in the expected close month', async () => {
		// O1: 100,000 × 4/11 = 36,363.64, 10 June + 65 days = 14 August.
		// O2: 200,000 × 4/7 = 114,285.71, 1 June + 45 days = 16 July.
		// O3: 50,000 × 0.8 = 40,000, 1 April + 25 days = 26 April — already past, so counted in June (the first forecast month).
		const open = await fixture.query<{ deal_id: string; win_probability: number; probability_basis: string; expected_close_at: string; expected_close_month: string; expected_revenue: number }>(
			'select * from intermediate.int_open_pipeline order by deal_id'
		);
		expect(open.map((o) => [o.deal_id, o.probability_basis, o.expected_close_at.slice(0, 10), o.expected_close_month])).toEqual([
			['O1', 'stage', '2024-08-14', '2024-08-01'],
			['O2', 'stage', '2024-07-16', '2024-07-01'],
			['O3', 'stage', '2024-04-26', '2024-06-01']
		]);
		expect(open.map((o) => o.expected_revenue)).toEqual([expect.closeTo(36363.636364, 5), expect.closeTo(114285.714286, 5), expect.closeTo(40000, 9)]);

		const months = await fixture.query<{ month: string; pipeline_deals: number; pipeline_amount: number; pipeline_expected_revenue: number; pipeline_status: string; plan_amount: number | null; seasonal_status: string; seasonal_forecast: number | null; actual_revenue_to_date: number | null }>(
			'select * from marts.revenue_forecast order by month'
		);
		expect(months).toHaveLength(18);
		expect(months[0].month).toBe('2024-06-01');
		const at = (month: string) => months.find((m) => m.month === month)!;
		// June: O3 (and the plan 300,000 + 200,000; 1,000 booked on 14 June). July: O2. August: O1. Later months: none.
		expect(at('2024-06-01')).toMatchObject({ pipeline_deals: 1, pipeline_amount: 50000, pipeline_expected_revenue: 40000, plan_amount: 500000, actual_revenue_to_date: 1000 });
		expect(at('2024-07-01')).toMatchObject({ pipeline_deals: 1, pipeline_amount: 200000, plan_amount: null });
		expect(at('2024-07-01').pipeline_expected_revenue).toBeCloseTo(800000 / 7, 6);
		expect(at('2024-08-01')).toMatchObject({ pipeline_deals: 1, pipeline_amount: 100000 });
		expect(at('2024-08-01').pipeline_expected_revenue).toBeCloseTo(400000 / 11, 6);
		expect(months.slice(3).every((m) => m.pipeline_deals === 0 && m.pipeline_expected_revenue === 0)).toBe(true);
		// Six months of sales are too few for a seasonal projection; the pipeline part stands alone.
		expect(months.every((m) => m.pipeline_status === 'ok' && m.seasonal_status === 'too_short' && m.seasonal_forecast === null)).toBe(true);
	});
});

describe('stage win rates by the funnel of each pipeline', () => {
	// Two pipelines with the same stage names. Опт: A1 won and A2 lost after the offer; A3 won with no
	// stage history (the funnel counts it in every stage by rule); A4 open at the offer since 2 May.
	// Розница: B1 and B2 won after the offer, B3 lost as a new lead; B4 open at the offer since 1 May.
	let pipelines: MartFixture;
	const step = (id: string, stage: string, day: string) => `${id};${stage};${day} 10:00:00`;
	beforeAll(async () => {
		pipelines = await martFixture();
		await pipelines.ingest({
			'сделки.csv': csv`
				ID сделки;Название сделки;Воронка;Этап;Бюджет;Ответственный;Дата создания;Дата закрытия
				A1;Сделка A1;Опт;${WON};1000;Иванов;2024-01-01 10:00:00;2024-01-25 10:00:00
				A2;Сделка A2;Опт;${LOST};1000;Иванов;2024-01-02 10:00:00;2024-01-20 10:00:00
				A3;Сделка A3;Опт;${WON};1000;Иванов;2024-01-03 10:00:00;2024-02-01 10:00:00
				A4;Сделка A4;Опт;${OFFER};3000;Иванов;2024-04-25 10:00:00;
				B1;Сделка B1;Розница;${WON};1000;Петров;2024-01-05 10:00:00;2024-01-20 10:00:00
				B2;Сделка B2;Розница;${WON};1000;Петров;2024-01-06 10:00:00;2024-01-27 10:00:00
				B3;Сделка B3;Розница;${LOST};1000;Петров;2024-01-07 10:00:00;2024-01-09 10:00:00
				B4;Сделка B4;Розница;${OFFER};2000;Петров;2024-04-20 10:00:00;
			`,
			'история_этапов.csv': ['ID сделки;Этап;Дата перехода',
				step('A1', NEW, '2024-01-01'), step('A1', OFFER, '2024-01-05'), step('A1', WON, '2024-01-25'),
				step('A2', NEW, '2024-01-02'), step('A2', OFFER, '2024-01-06'), step('A2', LOST, '2024-01-20'),
				step('A4', NEW, '2024-04-25'), step('A4', OFFER, '2024-05-02'),
				step('B1', NEW, '2024-01-05'), step('B1', OFFER, '2024-01-10'), step('B1', WON, '2024-01-20'),
				step('B2', NEW, '2024-01-06'), step('B2', OFFER, '2024-01-12'), step('B2', WON, '2024-01-27'),
				step('B3', NEW, '2024-01-07'), step('B3', LOST, '2024-01-09'),
				step('B4', NEW, '2024-04-20'), step('B4', OFFER, '2024-05-01')
			].join('\n') + '\n'
		});
		await pipelines.build(['+int_open_pipeline']);
	});
	afterAll(() => pipelines?.close());

	it('counts a deal in the stages its pipeline\'s funnel says it reached', async () => {
		// Опт offer: A1 won, A2 lost, A3 won by rule → 2/3 (1/2 without A3; pooled with Розница 3/4 or 4/5).
		// Розница offer: B1, B2 won → 1. New lead: Опт A1, A2, A3 → 2/3; Розница B1, B2 won, B3 lost → 2/3.
		// Days to the win from the offer: Опт A1 01-05 → 01-25 = 20 (A3's entries are not dated); Розница
		// B1 01-10 → 01-20 = 10, B2 01-12 → 01-27 = 15 → median 12.5. From the new lead: Опт A1 01-01 → 01-25
		// = 24; Розница B1 01-05 → 01-20 = 15, B2 01-06 → 01-27 = 21 → median 18.
		const rates = await pipelines.query<{ pipeline: string; stage: string; closed_deals: number; won_deals: number; median_days_to_win: number | null }>(
			'select pipeline, stage, closed_deals, won_deals, median_days_to_win from intermediate.int_deal_stage_win_rates order by pipeline, stage'
		);
		expect(rates).toEqual([
			{ pipeline: 'Опт', stage: OFFER, closed_deals: 3, won_deals: 2, median_days_to_win: 20 },
			{ pipeline: 'Опт', stage: NEW, closed_deals: 3, won_deals: 2, median_days_to_win: 24 },
			{ pipeline: 'Розница', stage: OFFER, closed_deals: 2, won_deals: 2, median_days_to_win: 12.5 },
			{ pipeline: 'Розница', stage: NEW, closed_deals: 3, won_deals: 2, median_days_to_win: 18 }
		]);
	});

	it('scores each open deal by its own pipeline\'s stage', async () => {
		// A4: 3,000 × 2/3 = 2,000, 2 May + 20 days = 22 May. B4: 2,000 × 1 = 2,000, 1 May 10:00 + 12.5 days = 13 May 22:00.
		const open = await pipelines.query<{ deal_id: string; pipeline: string; win_probability: number; expected_close_at: string; expected_revenue: number }>(
			'select deal_id, pipeline, win_probability, expected_close_at, expected_revenue from intermediate.int_open_pipeline order by deal_id'
		);
		expect(open).toEqual([
			{ deal_id: 'A4', pipeline: 'Опт', win_probability: expect.closeTo(2 / 3, 12), expected_close_at: '2024-05-22 10:00:00', expected_revenue: expect.closeTo(2000, 9) },
			{ deal_id: 'B4', pipeline: 'Розница', win_probability: 1, expected_close_at: '2024-05-13 22:00:00', expected_revenue: 2000 }
		]);
	});
});
