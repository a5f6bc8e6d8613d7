import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday } from '../../src/lib/server/dashboards/period.ts';
import { demoApi, total, userOf, YEAR, type DemoApi } from './dashboards-demo-fixture.ts';

/**
 * At least one figure of every shipped dashboard, cross-checked on the demo company against
 * a direct SQL query written here apart from the dashboard's — where possible from another
 * model or from staging, so a mistake in a dashboard and in a mart cannot agree by accident.
 */
let api: DemoApi;
const executive = userOf('executive');
const marketer = userOf('marketer');
const buyer = userOf('purchasing');
const admin = userOf('admin');
const one = async <T>(sql: string) => (await api.direct<T>(sql))[0];
const close = (actual: unknown, expected: number) => expect(actual as number).toBeCloseTo(expected, 2);

beforeAll(async () => {
	api = await demoApi();
});
afterAll(() => api?.close());

describe('executive', () => {
	it('revenue, gross profit and margin of a channel, and the year before', async () => {
		const [kpi] = (await api.rows('executive', 'sales_kpi', `${YEAR}&channel=${encodeURIComponent('Выставки')}`, executive)).rows;
		const now = await one<{ revenue: number; gp: number }>(
			`select sum(revenue) as revenue, sum(revenue) - sum(cost) as gp from marts.fct_sales
			 where channel = 'Выставки' and sold_on >= date '2025-11-01' and sold_on < date '2026-11-01'`
		);
		const before = await one<{ revenue: number }>(
			`select sum(revenue) as revenue from marts.fct_sales where channel = 'Выставки' and year(sold_on) * 12 + month(sold_on) between 2024 * 12 + 11 and 2025 * 12 + 10`
		);
		close(kpi.revenue, now.revenue);
		close(kpi.gross_profit, now.gp);
		close(kpi.margin, now.gp / now.revenue);
		close(kpi.revenue_prev, before.revenue);
	});

	it('plan achieved: the year’s sales over the sales plan export', async () => {
		const [kpi] = (await api.rows('executive', 'plan_kpi', YEAR, executive)).rows;
		const fact = await one<{ v: number }>(`select sum(revenue) as v from marts.fct_sales where sold_on between '2025-11-01' and '2026-10-31'`);
		const plan = await one<{ v: number }>(`select sum(plan_amount) as v from staging.stg_accounting__sales_plan where plan_month between '2025-11-01' and '2026-10-31'`);
		close(kpi.plan_done, fact.v / plan.v);
	});

	it('new and returning customers add up to the month’s revenue; «new» bought first that month', async () => {
		const rows = (await api.rows('executive', 'new_vs_returning', YEAR, executive)).rows.filter((r) => r.month === '2026-03-01');
		const month = await one<{ revenue: number; new_revenue: number }>(
			// a first purchase: a return is none
			`with firsts as (select customer_id, min(sold_on) as first_on from marts.fct_sales where not is_return group by 1)
			 select sum(s.revenue) as revenue, sum(s.revenue) filter (where f.first_on >= '2026-03-01') as new_revenue
			 from marts.fct_sales s join firsts f using (customer_id) where s.sold_on between '2026-03-01' and '2026-03-31'`
		);
		close(total(rows, 'revenue'), month.revenue);
		close(rows.find((r) => r.customers === 'Новые')?.revenue, month.new_revenue);
	});

	it('channel → customers acquired: as many as the channel’s new customers, each first bought through it in the period', async () => {
		const search = `${YEAR}&channel=${encodeURIComponent('Яндекс Директ')}`;
		const drill = (await api.rows('executive', 'channel_customers', search, executive, true)).rows;
		const roi = (await api.rows('executive', 'channel_roi', YEAR, executive)).rows.find((r) => r.channel === 'Яндекс Директ');
		// first bought in the period through the channel; known to the CRM before the first sale in the data → won before it
		const direct = await one<{ n: number }>(
			`with firsts as (select customer_id, arg_min(channel, sold_on::varchar || doc_no) as channel, min(sold_on) as first_on from marts.fct_sales where not is_return group by 1)
			 select count(*) as n from firsts f join marts.dim_customer c using (customer_id)
			 where f.channel = 'Яндекс Директ' and f.first_on between '2025-11-01' and '2026-10-31'
				and not coalesce(c.first_seen_on < (select min(sold_on) from marts.fct_sales), false)`
		);
		expect(drill.length).toBe(direct.n);
		expect(roi?.new_customers).toBe(direct.n);
		expect(drill.every((r) => (r.first_purchase_on as string) >= '2025-11-01')).toBe(true);
	});

	it('aging bucket → its invoices; DSO as the payment-discipline mart counts it', async () => {
		const invoices = (await api.rows('executive', 'aging_invoices', 'aging_bucket=31%E2%80%9360', executive, true)).rows;
		const direct = await one<{ n: number; owed: number }>(`select count(*) as n, sum(outstanding) as owed from marts.receivables where aging_bucket = '31–60'`);
		expect(invoices.length).toBe(direct.n);
		close(total(invoices, 'outstanding'), direct.owed);
		expect(new Set(invoices.map((r) => r.aging_bucket))).toEqual(new Set(['31–60']));
		const [kpi] = (await api.rows('executive', 'receivables_kpi', '', executive)).rows;
		const dso = await one<{ v: number }>(`select round(sum(outstanding) / sum(credit_sales_90d) * 90, 1) as v from marts.customer_payment_discipline`);
		expect(kpi.dso_days).toBe(dso.v);
	});

	it('returns of the year: rate, value and documents as the export’s return documents give them; a category opens its returns', async () => {
		const RETURN = `doc_no like 'Возврат товаров от клиента %'`;
		const [kpi] = (await api.rows('executive', 'returns_kpi', YEAR, executive)).rows;
		// straight from staging: the lines of «Возврат товаров от клиента» documents against all the others
		const direct = await one<{ returned: number; sold: number; docs: number }>(
			`select sum(-revenue) filter (where ${RETURN}) as returned, sum(revenue) filter (where not ${RETURN}) as sold,
				count(distinct doc_no) filter (where ${RETURN}) as docs
			 from staging.stg_accounting__sales where sold_on between '2025-11-01' and '2026-10-31'`
		);
		expect(direct.docs).toBeGreaterThan(100);
		close(kpi.returned_revenue, direct.returned);
		close(kpi.return_rate, direct.returned / direct.sold);
		expect(kpi.return_docs).toBe(direct.docs);
		// the demo sends a couple of per cent back (src/lib/server/demo/returns.ts)
		expect(kpi.return_rate as number).toBeGreaterThan(0.01);
		expect(kpi.return_rate as number).toBeLessThan(0.05);
		const categories = (await api.rows('executive', 'returns_by_category', YEAR, executive)).rows;
		const rateOf = (category: string) => categories.find((r) => r.category === category)?.value_return_rate as number;
		expect(rateOf('Запчасти и комплектующие')).toBeGreaterThan(3 * rateOf('Расходные материалы'));
		const parts = categories.find((r) => r.category === 'Запчасти и комплектующие')!;
		const docs = (await api.rows('executive', 'return_documents', `${YEAR}&category=${encodeURIComponent('Запчасти и комплектующие')}`, executive, true)).rows;
		close(total(docs, 'returned_revenue'), parts.returned_revenue as number);
		expect(docs.every((d) => String(d.doc_no).startsWith('Возврат товаров от клиента ') && d.category === 'Запчасти и комплектующие')).toBe(true);
		// each names the sale it returns, an earlier one
		expect(docs.filter((d) => d.return_of_doc_no === null).length).toBeLessThan(docs.length * 0.01);
		expect(docs.every((d) => d.return_of_sold_on === null || (d.return_of_sold_on as string) < (d.sold_on as string))).toBe(true);
	});

	it('the forecast continues the last 12 months of actual revenue', async () => {
		const rows = (await api.rows('executive', 'revenue_forecast', '', executive)).rows;
		const forecast = await one<{ n: number; first: string }>(`select count(*) as n, min(month)::varchar as first from marts.revenue_forecast`);
		expect(rows.filter((r) => r.forecast !== null)).toHaveLength(forecast.n);
		const history = rows.filter((r) => (r.month as string) < forecast.first);
		expect(history).toHaveLength(12);
		const last = history.at(-1)!;
		const actual = await one<{ v: number }>(`select sum(revenue) as v from marts.fct_sales where date_trunc('month', sold_on) = '${last.month}'::date`);
		close(last.actual, actual.v);
	});
});

describe('marketing', () => {
	it('spend of the year as the marketing spend export has it', async () => {
		const rows = (await api.rows('marketing', 'channel_performance', YEAR, marketer)).rows;
		const spend = await one<{ v: number }>(`select sum(spend) as v from staging.stg_accounting__marketing_spend where spend_month between '2025-11-01' and '2026-10-31'`);
		close(total(rows, 'spend'), spend.v);
	});

	it('cohort retention of November 2025 one month on, counted from the sales lines and the CRM cards', async () => {
		const rows = (await api.rows('marketing', 'cohort_retention', YEAR, marketer)).rows;
		const cell = rows.find((r) => r.acquisition_month === '2025-11-01' && r.month_offset === 1);
		const direct = await one<{ pct: number }>(
			`with firsts as (select customer_id, min(sold_on) as first_on from marts.fct_sales where not is_return group by 1),
			 cohort as (
				select f.customer_id from firsts f join marts.dim_customer c using (customer_id)
				where f.first_on between '2025-11-01' and '2025-11-30'
					-- a customer the CRM knew before the first sale in the data was won before it: in no cohort
					and not coalesce(c.first_seen_on < (select min(sold_on) from marts.fct_sales), false)
			 )
			 select round(100 * count(distinct s.customer_id) / (select count(*) from cohort), 2) as pct
			 from marts.fct_sales s join cohort using (customer_id) where s.sold_on between '2025-12-01' and '2025-12-31' and not s.is_return`
		);
		close(cell?.retention_pct, direct.pct);
	});

	it('RFM segments count every scored customer; a segment opens its customers', async () => {
		const rows = (await api.rows('marketing', 'rfm_segments', '', marketer)).rows;
		expect(total(rows, 'customers')).toBe((await one<{ n: number }>(`select count(*) as n from marts.rfm`)).n);
		const champions = (await api.rows('marketing', 'segment_customers', 'segment_code=champions', marketer, true)).rows;
		expect(champions.length).toBe(rows.find((r) => r.segment_code === 'champions')?.customers);
	});

	it('lost reasons of the deals lost in the year, as the CRM export has them', async () => {
		const rows = (await api.rows('marketing', 'lost_reasons', YEAR, marketer)).rows;
		const direct = await one<{ n: number }>(`select count(*) as n from staging.stg_crm__deals where deal_status = 'lost' and closed_at >= '2025-11-01' and closed_at < '2026-11-01'`);
		expect(total(rows, 'deals')).toBe(direct.n);
	});

	it('the funnel’s first stage holds every deal of the pipeline created in the period', async () => {
		const stages = (await api.rows('marketing', 'funnel_stages', `${YEAR}&pipeline=${encodeURIComponent('Продажи')}`, marketer)).rows;
		const direct = await one<{ n: number }>(`select count(*) as n from staging.stg_crm__deals where pipeline = 'Продажи' and created_at >= '2025-11-01' and created_at < '2026-11-01'`);
		expect(stages[0].entered).toBe(direct.n);
	});

	it('birthdays this month: contact persons and customers born in today’s month', async () => {
		const rows = (await api.rows('marketing', 'birthdays', '', marketer)).rows;
		const month = Number(localToday().slice(5, 7));
		const direct = await one<{ n: number }>(
			`select (select count(*) from marts.dim_contact where month(birthday) = ${month}) + (select count(*) from marts.dim_customer where month(birthday) = ${month}) as n`
		);
		expect(rows.length).toBe(direct.n);
		expect(rows.every((r) => Number((r.birthday as string).slice(5, 7)) === month)).toBe(true);
	});
});

describe('purchasing', () => {
	it('A×Z holds the A/Z SKUs, and the cell opens only them', async () => {
		const matrix = (await api.rows('purchasing', 'abc_xyz_matrix', '', buyer)).rows;
		const direct = await one<{ n: number }>(`select count(*) as n from marts.abc_xyz where abc_class = 'A' and xyz_class = 'Z'`);
		expect(matrix.find((r) => r.abc_class === 'A' && r.xyz_class === 'Z')?.skus).toBe(direct.n);
		const skus = (await api.rows('purchasing', 'abc_cell_skus', 'abc_class=A&xyz_class=Z', buyer, true)).rows;
		expect(skus.length).toBe(direct.n);
		expect(new Set(skus.map((r) => `${r.abc_class}${r.xyz_class}`))).toEqual(new Set(['AZ']));
	});

	it('return rates of the last 12 full months by category and SKU; an SKU opens its return documents', async () => {
		const { last_full_month } = await one<{ last_full_month: string }>(`select last_full_month from marts.data_calendar`);
		expect(last_full_month).toBe('2026-10-01');
		const categories = (await api.rows('purchasing', 'returns_by_category', '', buyer)).rows;
		// from staging, November 2025 – October 2026: returned value over sold value per category
		const direct = await api.direct<{ category: string; rate: number }>(
			`select category, sum(-revenue) filter (where doc_no like 'Возврат товаров от клиента %') / sum(revenue) filter (where doc_no not like 'Возврат товаров от клиента %') as rate
			 from staging.stg_accounting__sales where sold_on between '2025-11-01' and '2026-10-31' group by 1`
		);
		expect(categories).toHaveLength(direct.length);
		for (const d of direct) close(categories.find((r) => r.category === d.category)?.value_return_rate, d.rate);
		const skus = (await api.rows('purchasing', 'returns_by_sku', '', buyer)).rows;
		const top = skus[0];
		expect(top.returned_revenue).toBe(Math.max(...skus.map((r) => r.returned_revenue as number)));
		const docs = (await api.rows('purchasing', 'return_documents', `return_sku=${encodeURIComponent(top.sku as string)}`, buyer, true)).rows;
		close(total(docs, 'returned_qty'), top.returned_qty as number);
		close(total(docs, 'returned_revenue'), top.returned_revenue as number);
		expect(new Set(docs.map((d) => d.sku))).toEqual(new Set([top.sku]));
	});

	it('the reorder list runs by order-by date; the reorder KPI counts its SKUs', async () => {
		const list = (await api.rows('purchasing', 'reorder_list', '', buyer)).rows;
		const dates = list.map((r) => r.order_by_date as string | null).filter((d): d is string => d !== null);
		expect(dates).toEqual([...dates].sort());
		const [kpi] = (await api.rows('purchasing', 'stock_kpi', '', buyer)).rows;
		expect(kpi.reorder_now).toBe((await one<{ n: number }>(`select count(distinct sku) as n from marts.stock_plan where reorder_now`)).n);
	});

	it('a chosen SKU shows its own 18-month forecast after its own sales', async () => {
		const { sku } = await one<{ sku: string }>(`select sku from marts.abc_xyz where abc_class = 'A' order by revenue desc limit 1`);
		const rows = (await api.rows('purchasing', 'forecast_series', `sku=${sku}`, buyer)).rows;
		const forecast = await api.direct<{ month: string; forecast_qty: number }>(`select month, forecast_qty from marts.demand_forecast where sku = '${sku}' order by month`);
		expect(rows.filter((r) => r.forecast !== null).map((r) => [r.month, r.forecast])).toEqual(forecast.map((f) => [f.month, f.forecast_qty]));
		const history = rows.filter((r) => r.actual !== null).at(-1)!;
		const sold = await one<{ qty: number }>(`select sum(qty) as qty from marts.fct_sales where sku = '${sku}' and date_trunc('month', sold_on) = '${history.month}'::date`);
		close(history.actual, sold.qty);
	});
});

describe('sales', () => {
	it('deals created and calls made in the year, as the CRM export has them', async () => {
		const [kpi] = (await api.rows('sales', 'deals_kpi', YEAR, executive)).rows;
		const created = await one<{ n: number }>(`select count(*) as n from staging.stg_crm__deals where created_at >= '2025-11-01' and created_at < '2026-11-01'`);
		expect(kpi.created).toBe(created.n);
		const managers = (await api.rows('sales', 'manager_kpis', YEAR, executive)).rows;
		const calls = await one<{ n: number }>(
			`select count(*) as n from staging.stg_crm__activities where activity_type = 'call' and manager is not null and created_at >= '2025-11-01' and created_at < '2026-11-01'`
		);
		expect(total(managers, 'calls')).toBe(calls.n);
	});

	it('a funnel stage opens the deals lost there', async () => {
		const search = `${YEAR}&pipeline=${encodeURIComponent('Продажи')}`;
		const stage = (await api.rows('sales', 'funnel_stages', search, executive)).rows[1];
		const deals = (await api.rows('sales', 'dropped_deals', `${search}&stage=${encodeURIComponent(stage.stage as string)}`, executive, true)).rows;
		expect(deals.length).toBe(stage.dropped_off);
		const ids = deals.map((d) => `'${d.deal_id}'`).join(', ');
		const direct = await one<{ n: number }>(`select count(*) as n from marts.fct_deals where deal_id in (${ids}) and deal_status = 'lost' and lost_at_stage = '${stage.stage}'`);
		expect(direct.n).toBe(deals.length);
	});
});

describe('customer 360', () => {
	it('finds a customer by a phone typed another way, and sums its purchases', async () => {
		const c = await one<{ customer_id: string; phone: string; revenue: number }>(
			`select c.customer_id, c.phones[1] as phone, sum(s.revenue) as revenue from marts.dim_customer c join marts.fct_sales s using (customer_id)
			 where c.phones[1] like '+7%' group by all order by revenue desc limit 1`
		);
		// +7 812 314-25-97 typed as 8 (812) 314-25-97
		const typed = `8 (${c.phone.slice(2, 5)}) ${c.phone.slice(5, 8)}-${c.phone.slice(8, 10)}-${c.phone.slice(10)}`;
		const found = (await api.rows('customer-360', 'customer_search', `search=${encodeURIComponent(typed)}`, marketer)).rows;
		expect(found.map((r) => r.customer_id)).toContain(c.customer_id);
		const [totals] = (await api.rows('customer-360', 'customer_totals', `customer_id=${encodeURIComponent(c.customer_id)}`, marketer)).rows;
		close(totals.revenue, c.revenue);
		const invoices = (await api.rows('customer-360', 'invoices', `customer_id=${encodeURIComponent(c.customer_id)}`, marketer)).rows;
		expect(invoices.length).toBe((await one<{ n: number }>(`select count(*) as n from marts.receivables where customer_id = '${c.customer_id}'`)).n);
	});
	it('finds a customer by a contact person’s name, an e-mail in capitals, and the INN of a second legal entity', async () => {
		const find = async (typed: string) =>
			(await api.rows('customer-360', 'customer_search', `search=${encodeURIComponent(typed)}`, marketer)).rows.map((r) => r.customer_id);
		// the expected customers come from dim_contact and dim_customer, not from marts.customer_search
		const contact = await one<{ customer_id: string; contact_name: string }>(
			`select customer_id, contact_name from marts.dim_contact where len(contact_name) > 8 order by contact_id limit 1`
		);
		expect(await find(contact.contact_name.toUpperCase())).toContain(contact.customer_id);
		const mail = await one<{ customer_id: string; email: string }>(`select customer_id, emails[1] as email from marts.dim_customer where len(emails) > 0 order by customer_id limit 1`);
		expect(await find(`  ${mail.email.toUpperCase()} `)).toContain(mail.customer_id);
		const second = await one<{ customer_id: string; inn: string }>(
			`select customer_id, e.inn from (select customer_id, inn, unnest(legal_entities) as e from marts.dim_customer) where e.inn is not null and e.inn <> inn order by customer_id limit 1`
		);
		expect(await find(second.inn)).toContain(second.customer_id);
	});
});

describe('data quality', () => {
	const all = `period_start=2000-01-01&period_end=${localToday()}`;

	it('every rejected row of the load, and each file’s rows behind a click', async () => {
		const [kpi] = (await api.rows('data-quality', 'load_kpi', all, admin)).rows;
		expect(kpi.rows_rejected).toBe((await one<{ n: number }>(`select count(*) as n from audit.rejected_rows`)).n);
		const [file] = (await api.rows('data-quality', 'rejected_by_file', all, admin)).rows;
		const rows = (await api.rows('data-quality', 'rejected_rows_of_file', `${all}&file_id=${file.file_id}`, admin, true)).rows;
		expect(rows.length).toBe(file.rejected);
	});

	it('rejection reasons in the reader’s language, values masked when grouped', async () => {
		const stored = await one<{ n: number; ru: number }>(`select count(*) as n, count(reason_ru) as ru from audit.rejected_rows`);
		expect(stored.n).toBeGreaterThan(0);
		// the demo is loaded by this engine: every rejected row has its Russian text
		expect(stored.ru).toBe(stored.n);
		const [file] = (await api.rows('data-quality', 'rejected_by_file', all, admin)).rows;
		const search = `${all}&file_id=${file.file_id}`;
		const ru = (await api.rows('data-quality', 'rejected_rows_of_file', search, admin, true, 'ru')).rows;
		const en = (await api.rows('data-quality', 'rejected_rows_of_file', search, admin, true, 'en')).rows;
		const direct = await api.direct<{ reason: string; reason_ru: string }>(`select reason, reason_ru from audit.rejected_rows where file_id = ${Number(file.file_id)} order by row_no`);
		expect(ru.map((r) => r.reason)).toEqual(direct.map((r) => r.reason_ru));
		expect(en.map((r) => r.reason)).toEqual(direct.map((r) => r.reason));
		// no English in a Russian reason: besides quoted values and headers, only canonical key names (lower case) and «CSV»
		for (const row of ru) expect(String(row.reason).replace(/«[^»]*»/g, '').replace(/\b[a-z][a-z0-9_]*\b|CSV/g, '')).not.toMatch(/[A-Za-z]/);
		const grouped = (await api.rows('data-quality', 'rejected_by_reason', all, admin)).rows;
		expect(grouped.reduce((sum, r) => sum + Number(r.rows_rejected), 0)).toBe(stored.n);
		for (const row of grouped) {
			// a column's header stays readable; the offending value after the colon is masked
			expect(String(row.reason)).not.toMatch(/: [^«;]*«(?!…»)/);
			expect(String(row.reason)).not.toMatch(/\b(not a|missing|wrong number|duplicate of|older than|below the)\b/);
		}
	});

	it('the duplicate clusters and suggestions planted in the demo', async () => {
		const [kpi] = (await api.rows('data-quality', 'duplicate_kpi', all, admin)).rows;
		const planted = JSON.parse(fs.readFileSync(api.demo.manifest, 'utf8')).planted as { duplicate_clusters: unknown[]; suggested_matches: unknown[] };
		expect(kpi.merged_groups).toBe(planted.duplicate_clusters.length);
		expect(kpi.suggestions).toBe(planted.suggested_matches.length);
	});
});
