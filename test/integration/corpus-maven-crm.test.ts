// The Maven CRM sample (test/fixtures/corpus/maven_crm, README there): a real B2B CRM
// nobody here wrote, loaded as a user would — no --source — and built into the sales
// marts. Published figures (Maven Analytics, "CRM + Sales + Opportunities"): 8,800
// opportunities; Won 4,238, Lost 2,473, Engaging 1,589, Prospecting 500; won value
// 10,005,534; 85 accounts. Prospects have no engage_date, the only date the sample has
// for a deal's start: they load with an unknown start and count in the funnel's first
// stage, in no creation month. Every count below was made over the CSV outside this code
// (python's csv module: stages, accounts, dates).

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/lib/server/ingest/index.ts';
import { martFixture, repoRoot, type MartFixture } from '../helpers/mart-fixture.ts';

const corpus = path.join(repoRoot, 'test/fixtures/corpus/maven_crm');

let fixture: MartFixture;
let accounts: FileResult;
let pipeline: FileResult;

beforeAll(async () => {
	fixture = await martFixture();
	[accounts, pipeline] = await fixture.ingestPaths([path.join(corpus, 'accounts.csv'), path.join(corpus, 'sales_pipeline.csv')]);
	await fixture.build(['+fct_deals', '+funnel', '+funnel_deal_stages', '+manager_kpi', '+stalled_deals', '+unattended_leads', '+int_open_pipeline']);
}, 120_000);

afterAll(() => fixture?.close());

describe('Maven CRM through ingest', () => {
	it('reads accounts.csv as CRM counterparties keyed by the account name: 85 rows', () => {
		expect(accounts).toMatchObject({ status: 'loaded', family: 'crm', entity: 'counterparties', read: 85, loaded: 85, rejected: 0 });
		expect(accounts.mapping).toMatchObject({ counterparty_id: 'account' });
	});

	it('reads sales_pipeline.csv as deals: all 8,800 loaded, the 500 prospects without a date too', async () => {
		expect(pipeline).toMatchObject({ status: 'loaded', family: 'crm', entity: 'deals', read: 8800, loaded: 8800, rejected: 0 });
		expect(pipeline.mapping).toMatchObject({ deal_id: 'opportunity_id', stage: 'deal_stage', created_at: 'engage_date', closed_at: 'close_date', amount: 'close_value', manager: 'sales_agent', counterparty_id: 'account' });
		expect(await fixture.query(`select count(*) as n from audit.rejected_rows`)).toEqual([{ n: 0 }]);
	});

	it('keeps the published stage counts and won value in raw; only the prospects lack a start date', async () => {
		const rows = await fixture.query(
			`select stage, count(*) as deals, sum(amount) as value, count(*) - count(created_at) as undated from raw.crm_deals group by 1 order by 1`
		);
		// open deals have no close_value: their sum is null
		expect(rows).toEqual([
			{ stage: 'Engaging', deals: 1589, value: null, undated: 0 },
			{ stage: 'Lost', deals: 2473, value: 0, undated: 0 },
			{ stage: 'Prospecting', deals: 500, value: null, undated: 500 },
			{ stage: 'Won', deals: 4238, value: 10005534, undated: 0 }
		]);
	});

	it('reads m/d/yyyy month-first: 1C1I7A6R engaged 10/20/2016, closed 3/1/2017 (1 March, not 3 January)', async () => {
		expect(pipeline.dialect).toMatchObject({ dayFirst: false });
		const [row] = await fixture.query(`select created_at::date::varchar as engaged, closed_at::date::varchar as closed from raw.crm_deals where deal_id = '1C1I7A6R'`);
		expect(row).toEqual({ engaged: '2016-10-20', closed: '2017-03-01' });
	});
});

describe('Maven CRM through the marts', () => {
	it('fct_deals: 8,800 deals — Won 4,238, Lost 2,473, Engaging 1,589, Prospecting 500; won value 10,005,534', async () => {
		const rows = await fixture.query(
			`select current_stage, deal_status, count(*) as deals, sum(deal_amount) as value, count(created_at) as dated
			 from marts.fct_deals group by 1, 2 order by 1`
		);
		expect(rows).toEqual([
			{ current_stage: 'Engaging', deal_status: 'open', deals: 1589, value: null, dated: 1589 },
			{ current_stage: 'Lost', deal_status: 'lost', deals: 2473, value: 0, dated: 2473 },
			{ current_stage: 'Prospecting', deal_status: 'open', deals: 500, value: null, dated: 0 },
			{ current_stage: 'Won', deal_status: 'won', deals: 4238, value: 10005534, dated: 4238 }
		]);
		// an unknown start gives no creation period and no age, not a guessed one
		const [prospects] = await fixture.query(
			`select count(created_month) as months, count(days_open) as ages, count(days_without_touch) as waits
			 from marts.fct_deals where current_stage = 'Prospecting'`
		);
		expect(prospects).toEqual({ months: 0, ages: 0, waits: 0 });
	});

	it('links deals to their accounts by name: 7,375 deals name an account, 1,425 open ones none', async () => {
		// 1,088 Engaging and 337 Prospecting deals have an empty account
		const [row] = await fixture.query(`select count(customer_id) as linked, count(*) - count(customer_id) as unlinked from marts.fct_deals`);
		expect(row).toEqual({ linked: 7375, unlinked: 1425 });
	});

	it('funnel: Prospecting first (a default first stage), then Engaging; every deal counts in the stages it reached', async () => {
		// Without stage history: a won deal passed every stage; a lost one is known to have
		// entered only the first; an open one its current stage and every earlier one.
		// Prospecting: 4,238 + 2,473 + 1,589 + 500 = 8,800 entered, 500 still there, 2,473 dropped off.
		// Engaging: 4,238 won + 1,589 still there = 5,827 entered.
		const rows = await fixture.query(
			`select stage, stage_rank, sum(entered) as entered, sum(moved_on) as moved_on, sum(in_progress) as in_progress,
				sum(dropped_off) as dropped_off, sum(won) as won, sum(lost) as lost
			 from marts.funnel group by 1, 2 order by 2`
		);
		expect(rows).toEqual([
			{ stage: 'Prospecting', stage_rank: 1, entered: 8800, moved_on: 5827, in_progress: 500, dropped_off: 2473, won: 4238, lost: 2473 },
			{ stage: 'Engaging', stage_rank: 2, entered: 5827, moved_on: 4238, in_progress: 1589, dropped_off: 0, won: 4238, lost: 0 }
		]);
		// the 500 prospects are the funnel's rows without a creation month
		const undated = await fixture.query(`select stage, sum(entered) as entered from marts.funnel where created_month is null group by 1`);
		expect(undated).toEqual([{ stage: 'Prospecting', entered: 500 }]);
		const [value] = await fixture.query(
			`select count(distinct deal_id) as won, sum(deal_amount) as value
			 from (select distinct deal_id, deal_amount from marts.funnel_deal_stages where deal_status = 'won')`
		);
		expect(value).toEqual({ won: 4238, value: 10005534 });
	});

	it('stalled deals: 1,584 Engaging deals untouched for 14 days; no prospect, whose wait is unknown', async () => {
		// as of 2017-12-31 (the latest close); Engaging deals engaged on or before 2017-12-17: 1,584 of 1,589
		const rows = await fixture.query(`select stage, count(*) as deals from marts.stalled_deals group by 1`);
		expect(rows).toEqual([{ stage: 'Engaging', deals: 1584 }]);
		// every prospect has an agent, so none is an unattended lead either
		expect(await fixture.query(`select count(*) as n from marts.unattended_leads where stage = 'Prospecting'`)).toEqual([{ n: 0 }]);
	});

	it('open pipeline: a prospect is expected to close 57 days (the median won cycle) after the as-of moment', async () => {
		// Prospecting is reached by every closed deal: win rate 4,238 / (4,238 + 2,473) = 0.6315…;
		// no stage history dates an entry, so the median days from engage to win over the 4,238
		// won deals (57) is counted from 2017-12-31: 2018-02-26.
		const rows = await fixture.query(
			`select count(*) as deals, min(win_probability) as p, max(win_probability) as p_max,
				min(expected_close_at)::date::varchar as close_on, max(expected_close_at)::date::varchar as close_max
			 from intermediate.int_open_pipeline where stage = 'Prospecting'`
		);
		expect(rows).toEqual([{ deals: 500, p: 4238 / 6711, p_max: 4238 / 6711, close_on: '2018-02-26', close_max: '2018-02-26' }]);
	});

	it('manager_kpi: deals won and won value add up to the published totals', async () => {
		const [row] = await fixture.query(`select sum(deals_won) as won, sum(won_value) as value from marts.manager_kpi`);
		expect(row).toEqual({ won: 4238, value: 10005534 });
		// Darcel Schlecht, the sample's top agent: 349 won deals worth 1,153,214 (counted over
		// the CSV's Won rows outside this code)
		const [top] = await fixture.query(`select sum(deals_won) as won, sum(won_value) as value from marts.manager_kpi where manager = 'Darcel Schlecht'`);
		expect(top).toEqual({ won: 349, value: 1153214 });
	});
});
