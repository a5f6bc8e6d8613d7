import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHome } from '../helpers/demo-home.ts';
import { launchBrowser, pagesPerTest, screenshot, waitForTiles } from './harness/browser.ts';
import { demoFacts, demoUsers, prepareDemoProject } from './harness/demo-project.ts';
import { startServer, type E2eServer } from './harness/server.ts';

/**
 * Every shipped dashboard renders on the demo company for the role it is for: all tiles
 * ready, no tile in error, no empty chart, every chart drawn, no console error — with a
 * screenshot of each at 1280 px (and the executive page on a phone) to look at.
 */
let server: E2eServer;
let browser: Browser;
let users: Awaited<ReturnType<typeof demoUsers>>;
const pages = pagesPerTest(() => browser);
const YEAR = 'period=custom&period_start=2025-11-01&period_end=2026-10-31';

const pageAs = (user: keyof typeof users, options: Parameters<typeof pages.open>[0] = {}): Promise<Page> => pages.signedIn(server.url, users[user], options);

/** Opens a dashboard and checks that every tile came out whole; returns how many tiles and charts. */
async function renderWhole(page: Page, path: string): Promise<{ tiles: number; charts: number }> {
	await page.goto(`${server.url}${path}`);
	await waitForTiles(page);
	const tiles = await page.locator('[data-testid^="tile-"]').count();
	const errors = await page.locator('[data-testid^="tile-"][data-state="error"]').allTextContents();
	expect(errors, 'tiles in error').toEqual([]);
	expect(await page.locator('[data-testid^="tile-"][data-state="ready"]').count()).toBe(tiles);
	expect(await page.locator('[data-testid="dashboard-problems"]').count(), 'file problems').toBe(0);
	// ChartTile shows «Нет данных» instead of an empty chart
	expect(await page.locator('[data-testid^="tile-"] .empty').count(), 'empty charts').toBe(0);
	const charts = await page.locator('.echart').count();
	// ECharts may draw a chart on several canvas layers; each chart needs one at least
	expect(await page.locator('.echart').filter({ has: page.locator('canvas') }).count()).toBe(charts);
	// a table with no rows would be an empty tile too
	expect(await page.locator('[data-testid^="tile-table"] tbody').filter({ hasNot: page.locator('tr') }).count(), 'empty tables').toBe(0);
	// the demo has every export family and its build published every mart: nothing is out of date
	expect(await page.locator('[data-freshness]').count(), 'tiles on stale or empty marts').toBe(0);
	expect(await page.locator('[data-testid="data-as-of"] [data-family]').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-family')))).toEqual(['crm', 'payments', 'stock', 'accounting']);
	return { tiles, charts };
}

beforeAll(async () => {
	users = await demoUsers(await demoHome());
	server = await startServer(prepareDemoProject);
	browser = await launchBrowser();
});


afterAll(async () => {
	await browser?.close();
	if (server && !(await fetch(`${server.url}/api/health`).then((r) => r.ok).catch(() => false))) {
		console.error(`the server stopped answering; its output:\n${server.output()}`);
	}
	await server?.stop();
});

describe('the shipped dashboards render on the demo company', () => {
	it('executive (exec)', async () => {
		const page = await pageAs('exec');
		const { tiles, charts } = await renderWhole(page, `/dashboards/executive?${YEAR}`);
		// returns: three KPIs, the rate by category and its table (24 before)
		expect(tiles).toBe(29);
		expect(charts).toBe(10);
		await screenshot(page, 'demo-executive');
	});

	it('marketing (marketer)', async () => {
		const page = await pageAs('marketer');
		const { charts } = await renderWhole(page, `/dashboards/marketing?${YEAR}`);
		// CAC, spend by month, cohort heatmap, RFM ×2, funnel, lost reasons
		expect(charts).toBe(7);
		await screenshot(page, 'demo-marketing');
	});

	it('purchasing (purchasing)', async () => {
		const page = await pageAs('purchasing');
		const { charts } = await renderWhole(page, '/dashboards/purchasing');
		// ABC×XYZ ×2, return rate by category, seasonality, forecast, stock-out risk, orders by week
		expect(charts).toBe(7);
		await screenshot(page, 'demo-purchasing');
	});

	it('sales (a sales manager, own figures only)', async () => {
		const page = await pageAs('manager');
		expect(await page.locator('nav#main-nav a[href^="/dashboards/"]').allTextContents()).toEqual(['Продажи', 'Покупатель 360°']);
		const { charts } = await renderWhole(page, `/dashboards/sales?${YEAR}`);
		expect(charts).toBe(4);
		expect(await page.locator('[data-testid="filter-manager"] option').allTextContents()).toEqual(['Все', users.manager.managerName]);
		await screenshot(page, 'demo-sales-manager');
	});

	it('sales (exec, every manager)', async () => {
		const page = await pageAs('exec');
		await renderWhole(page, `/dashboards/sales?${YEAR}`);
		expect(await page.locator('[data-testid="filter-manager"] option').count()).toBe(7);
		await screenshot(page, 'demo-sales');
	});

	it('customer 360 (marketer): a search, then the card of the customer chosen', async () => {
		const name = await demoFacts(async (query) => {
			const [row] = await query<{ customer_name: string }>(
				`select c.customer_name from marts.dim_customer c join marts.dq_duplicates d on d.group_id = c.customer_id
				 where len(list_filter(d.records, lambda r: r.source = 'crm')) > 1 and c.customer_id in (select customer_id from marts.fct_deals)
				 order by c.purchase_docs desc limit 1`
			);
			return row.customer_name;
		});
		const page = await pageAs('marketer');
		await page.goto(`${server.url}/dashboards/customer-360`, { waitUntil: 'networkidle' });
		await page.fill('[data-testid="filter-search"]', name);
		await page.press('[data-testid="filter-search"]', 'Enter');
		await waitForTiles(page);
		await page.locator('[data-testid="tile-table-1"] tbody tr').first().click();
		await page.waitForURL((url) => url.searchParams.has('customer_id'));
		const { charts } = await renderWhole(page, new URL(page.url()).pathname + new URL(page.url()).search);
		expect(charts).toBe(1);
		expect(await page.locator('[data-testid="tile-table-2"] tbody tr').first().textContent()).toContain(name);
		await screenshot(page, 'demo-customer-360');
	});

	it('data quality (admin)', async () => {
		const page = await pageAs('admin');
		const { charts } = await renderWhole(page, '/dashboards/data-quality?period=custom&period_start=2000-01-01&period_end=2099-12-31');
		expect(charts).toBe(3);
		await screenshot(page, 'demo-data-quality');
	});

	it('executive on a phone: one column, nothing wider than the screen', async () => {
		const page = await pageAs('exec', { viewport: { width: 390, height: 844 } });
		await renderWhole(page, `/dashboards/executive?${YEAR}`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await screenshot(page, 'demo-executive-phone');
	});

	it('executive in English', async () => {
		const page = await pageAs('exec');
		await renderWhole(page, `/dashboards/executive?${YEAR}`);
		await page.click('[data-testid="locale-en"]');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Executive');
		await waitForTiles(page);
		expect(await page.locator('[data-testid="tile-kpi-1"] h3').textContent()).toBe('Revenue');
		await screenshot(page, 'demo-executive-en');
		await page.click('[data-testid="locale-ru"]');
	});
});
