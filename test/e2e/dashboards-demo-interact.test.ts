import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../src/lib/format/format-value.ts';
import { demoHome } from '../helpers/demo-home.ts';
import { clickChartAt, clickFunnelStage, launchBrowser, pagesPerTest, screenshot, waitForTiles } from './harness/browser.ts';
import { demoFacts, demoUsers, prepareDemoProject } from './harness/demo-project.ts';
import { startServer, type E2eServer } from './harness/server.ts';

/**
 * Filters, reloads, drill-downs and choices on the shipped dashboards with the demo
 * company; the figures the page must show are worked out by direct SQL on the demo warehouse.
 */
let server: E2eServer;
let browser: Browser;
let users: Awaited<ReturnType<typeof demoUsers>>;
const pages = pagesPerTest(() => browser);
const YEAR = 'period=custom&period_start=2025-11-01&period_end=2026-10-31';
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const money = (n: number) => plain(formatValue(n, 'money', 'ru'));

interface Facts {
	revenue: number;
	revenueExpo: number;
	invoices90: number;
	topInvoice90: string;
	azSkus: number;
	champions: number;
	directCustomers: number;
	managerDropped: number;
	stage2: string;
	rejectedTop: { file: string; rejected: number };
	otherCustomer: string;
	ownCustomer: string;
	returnRate: number;
	partsReturnLines: number;
	topReturnSku: { sku: string; lines: number };
}
let facts: Facts;

const pageAs = (user: keyof typeof users): Promise<Page> => pages.signedIn(server.url, users[user]);

/** The selector of the tile with this title. */
async function tile(page: Page, title: string): Promise<string> {
	const found = page.locator('section[data-testid^="tile-"]').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
	return `[data-testid="${await found.getAttribute('data-testid')}"]`;
}
const kpi = async (page: Page, title: string) => plain(await page.locator(`${await tile(page, title)} [data-testid="kpi-value"]`).textContent());
const panel = (page: Page) => page.locator('[data-testid="drill-panel"]');
/** «1–15 из 403» → 403: every row of the drill, not just the first page. */
async function drillTotal(page: Page): Promise<number> {
	await panel(page).locator('tbody tr').first().waitFor();
	return Number(plain(await panel(page).locator('.count').textContent()).split('из').at(-1)!.replace(/\s/g, ''));
}
const column = (page: Page, n: number) => panel(page).locator(`tbody tr td:nth-child(${n})`).allTextContents();

beforeAll(async () => {
	users = await demoUsers(await demoHome());
	const manager = users.manager.managerName.replace(/'/g, "''");
	facts = await demoFacts(async (query) => {
		const one = async <T>(sql: string) => (await query<T>(sql))[0];
		const stage2 = (await one<{ stage: string }>(`select stage from marts.funnel_deal_stages where pipeline = 'Продажи' and stage_rank = 2 limit 1`)).stage;
		return {
			revenue: (await one<{ v: number }>(`select sum(revenue) as v from marts.fct_sales where sold_on between '2025-11-01' and '2026-10-31'`)).v,
			revenueExpo: (await one<{ v: number }>(`select sum(revenue) as v from marts.fct_sales where channel = 'Выставки' and sold_on between '2025-11-01' and '2026-10-31'`)).v,
			invoices90: (await one<{ n: number }>(`select count(*) as n from marts.receivables where aging_bucket = '90+'`)).n,
			topInvoice90: (await one<{ n: string }>(`select invoice_no as n from marts.receivables where aging_bucket = '90+' order by outstanding desc, invoice_no limit 1`)).n,
			azSkus: (await one<{ n: number }>(`select count(*) as n from marts.abc_xyz where abc_class = 'A' and xyz_class = 'Z'`)).n,
			champions: (await one<{ n: number }>(`select count(*) as n from marts.rfm where segment_code = 'champions'`)).n,
			directCustomers: (await one<{ n: number }>(
				`select count(*) as n from marts.dim_customer where first_channel = 'Яндекс Директ' and first_purchase_on between '2025-11-01' and '2026-10-31'
				 and not coalesce(first_seen_on < (select min(sold_on) from marts.fct_sales), false)`
			)).n,
			stage2,
			managerDropped: (await one<{ n: number }>(
				`select count(*) as n from marts.funnel_deal_stages where pipeline = 'Продажи' and manager = '${manager}' and is_dropped_off
				 and stage = '${stage2}' and created_month between '2025-11-01' and '2026-10-01'`
			)).n,
			rejectedTop: await one<{ file: string; rejected: number }>(`select name as file, rows_rejected as rejected from audit.files order by rows_rejected desc, name limit 1`),
			otherCustomer: (await one<{ n: string }>(`select customer_name as n from marts.dim_customer where manager <> '${manager}' and purchase_docs > 0 order by purchase_docs desc limit 1`)).n,
			ownCustomer: (await one<{ n: string }>(`select customer_name as n from marts.dim_customer where manager = '${manager}' and purchase_docs > 0 order by purchase_docs desc limit 1`)).n,
			// from staging: the lines of «Возврат товаров от клиента» documents against the others
			returnRate: (await one<{ v: number }>(
				`select sum(-revenue) filter (where doc_no like 'Возврат%') / sum(revenue) filter (where doc_no not like 'Возврат%') as v
				 from staging.stg_accounting__sales where sold_on between '2025-11-01' and '2026-10-31'`
			)).v,
			partsReturnLines: (await one<{ n: number }>(
				`select count(*) as n from staging.stg_accounting__sales
				 where doc_no like 'Возврат%' and category = 'Запчасти и комплектующие' and sold_on between '2025-11-01' and '2026-10-31'`
			)).n,
			// the SKU that gave back most over the last 12 full months (the demo's last full month is October 2026)
			topReturnSku: await one<{ sku: string; lines: number }>(
				`select sku, count(*) as lines from staging.stg_accounting__sales
				 where doc_no like 'Возврат%' and sold_on between '2025-11-01' and '2026-10-31'
				 group by sku order by sum(-revenue) desc, sku limit 1`
			)
		};
	});
	server = await startServer(prepareDemoProject);
	browser = await launchBrowser();
});


afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('executive', () => {
	it('a channel filter changes the figures and the URL; a reload keeps the view', async () => {
		const page = await pageAs('exec');
		await page.goto(`${server.url}/dashboards/executive?${YEAR}`);
		await waitForTiles(page);
		expect(await kpi(page, 'Выручка')).toBe(money(facts.revenue));
		await page.selectOption('[data-testid="filter-channel"]', 'Выставки');
		await page.waitForURL((url) => url.searchParams.get('channel') === 'Выставки');
		await waitForTiles(page);
		expect(await kpi(page, 'Выручка')).toBe(money(facts.revenueExpo));
		await page.reload();
		await waitForTiles(page);
		expect(await page.inputValue('[data-testid="filter-channel"]')).toBe('Выставки');
		expect(await kpi(page, 'Выручка')).toBe(money(facts.revenueExpo));
		await screenshot(page, 'demo-executive-channel');
	});

	it('an aging bucket opens the invoices of that bucket, largest debt first', async () => {
		const page = await pageAs('exec');
		await page.goto(`${server.url}/dashboards/executive?${YEAR}`);
		await waitForTiles(page);
		await clickChartAt(page, await tile(page, 'Долг по срокам просрочки'), [1, '90+ дн.']);
		expect(await drillTotal(page)).toBe(facts.invoices90);
		expect((await column(page, 1))[0]).toBe(facts.topInvoice90);
		await screenshot(page, 'demo-executive-drill-aging', { viewport: true });
	});

	it('a channel opens the customers it acquired in the period', async () => {
		const page = await pageAs('exec');
		await page.goto(`${server.url}/dashboards/executive?${YEAR}`);
		await waitForTiles(page);
		await clickChartAt(page, await tile(page, 'CAC по каналам'), [1, 'Яндекс Директ']);
		expect(await drillTotal(page)).toBe(facts.directCustomers);
		expect(plain(await panel(page).locator('.context').textContent())).toContain('Яндекс Директ');
	});
});

describe('returns', () => {
	it('executive: the year’s return rate, and a category opens its return documents', async () => {
		const page = await pageAs('exec');
		await page.goto(`${server.url}/dashboards/executive?${YEAR}`);
		await waitForTiles(page);
		expect(await kpi(page, 'Доля возвратов')).toBe(plain(formatValue(facts.returnRate, 'percent', 'ru')));
		await page.locator(await tile(page, 'Возвраты по категориям')).scrollIntoViewIfNeeded();
		await screenshot(page, 'demo-executive-returns', { viewport: true });
		await clickChartAt(page, await tile(page, 'Доля возвратов по категориям'), [0.0005, 'Запчасти и комплектующие']);
		expect(await drillTotal(page)).toBe(facts.partsReturnLines);
		expect((await column(page, 1)).every((doc) => doc.startsWith('Возврат товаров от клиента '))).toBe(true);
		await screenshot(page, 'demo-executive-returns-drill', { viewport: true });
	});

	it('purchasing: an SKU of the returns table opens its return documents', async () => {
		const page = await pageAs('purchasing');
		await page.goto(`${server.url}/dashboards/purchasing`);
		await waitForTiles(page);
		const table = await tile(page, 'Товары с возвратами');
		await page.locator(table).scrollIntoViewIfNeeded();
		await screenshot(page, 'demo-purchasing-returns', { viewport: true });
		const first = page.locator(`${table} tbody tr`).first();
		expect(plain(await first.locator('td').first().textContent())).toBe(facts.topReturnSku.sku);
		await first.click();
		expect(await drillTotal(page)).toBe(facts.topReturnSku.lines);
		await screenshot(page, 'demo-purchasing-returns-drill', { viewport: true });
	});
});

describe('purchasing', () => {
	it('the A×Z cell opens only A/Z SKUs, all of them', async () => {
		const page = await pageAs('purchasing');
		await page.goto(`${server.url}/dashboards/purchasing`);
		await waitForTiles(page);
		await clickChartAt(page, await tile(page, 'Число товаров'), ['Z', 'A']);
		expect(await drillTotal(page)).toBe(facts.azSkus);
		expect(new Set(await column(page, 4))).toEqual(new Set(['AZ']));
		await screenshot(page, 'demo-purchasing-drill-az', { viewport: true });
	});

	it('a row of the reorder list shows that SKU’s forecast, kept in the URL', async () => {
		const page = await pageAs('purchasing');
		await page.goto(`${server.url}/dashboards/purchasing`);
		await waitForTiles(page);
		const row = page.locator(`${await tile(page, 'Список закупки')} tbody tr`).nth(2);
		const sku = plain(await row.locator('td').first().textContent());
		await row.click();
		await page.waitForURL((url) => url.searchParams.get('sku') === sku);
		await waitForTiles(page);
		const shown = page.locator(`${await tile(page, 'Показанный ряд и его точность')} tbody tr`).first();
		expect(plain(await shown.textContent())).toBe(`Ряд${sku}`);
		await page.reload();
		await waitForTiles(page);
		expect(plain(await shown.textContent())).toBe(`Ряд${sku}`);
		await screenshot(page, 'demo-purchasing-sku');
	});
});

describe('marketing', () => {
	it('an RFM segment opens its customers', async () => {
		const page = await pageAs('marketer');
		await page.goto(`${server.url}/dashboards/marketing?${YEAR}`);
		await waitForTiles(page);
		await clickChartAt(page, await tile(page, 'Покупатели по сегментам'), [1, 'Чемпионы']);
		expect(await drillTotal(page)).toBe(facts.champions);
	});
});

describe('sales manager', () => {
	it('a funnel stage opens only own deals lost there', async () => {
		const page = await pageAs('manager');
		await page.goto(`${server.url}/dashboards/sales?${YEAR}&pipeline=${encodeURIComponent('Продажи')}`);
		await waitForTiles(page);
		await clickFunnelStage(page, await tile(page, 'Воронка по этапам'), 1);
		expect(await drillTotal(page)).toBe(facts.managerDropped);
		expect(new Set(await column(page, 3))).toEqual(new Set([users.manager.managerName]));
		expect(plain(await panel(page).locator('.context').textContent())).toContain(facts.stage2);
		await screenshot(page, 'demo-sales-drill-stage', { viewport: true });
	});

	it('finds own customers in customer 360, and not another manager’s', async () => {
		const page = await pageAs('manager');
		const search = async (text: string) => {
			await page.goto(`${server.url}/dashboards/customer-360?search=${encodeURIComponent(text)}`);
			await waitForTiles(page);
			return page.locator('[data-testid="tile-table-1"] tbody tr td:first-child').allTextContents();
		};
		expect(await search(facts.ownCustomer)).toContain(facts.ownCustomer);
		expect(await search(facts.otherCustomer)).not.toContain(facts.otherCustomer);
	});
});

describe('data quality', () => {
	it('a file opens its rejected rows', async () => {
		const page = await pageAs('admin');
		await page.goto(`${server.url}/dashboards/data-quality?period=custom&period_start=2000-01-01&period_end=2099-12-31`);
		await waitForTiles(page);
		await clickChartAt(page, await tile(page, 'Отклонённые строки по файлам'), [1, facts.rejectedTop.file]);
		expect(await drillTotal(page)).toBe(facts.rejectedTop.rejected);
	});
});
