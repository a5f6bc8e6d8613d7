import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickChartAt, clickFunnelStage, launchBrowser, pagesPerTest, screenshot, waitForTiles } from './harness/browser.ts';
import { prepareFixtureProject, USERS } from './harness/fixture-project.ts';
import { startServer, type E2eServer } from './harness/server.ts';

/**
 * The built app with the fixture dashboards (test/fixtures/dashboards) over fixture
 * marts whose figures are known by hand; see test/fixtures/dashboards/marts.sql.
 */
let server: E2eServer;
let browser: Browser;
const pages = pagesPerTest(() => browser);

const Q1 = 'period=custom&period_start=2024-01-01&period_end=2024-03-31';
// Intl separates digit groups and units with no-break spaces; compare as plain spaces.
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

const pageAs = (user: keyof typeof USERS, options: Parameters<typeof pages.open>[0] = {}): Promise<Page> => pages.signedIn(server.url, USERS[user], options);

const kpi = (page: Page, n: number) => page.locator('[data-testid="tile-kpi-' + n + '"] [data-testid="kpi-value"]').textContent().then(plain);

beforeAll(async () => {
	server = await startServer(prepareFixtureProject);
	browser = await launchBrowser();
});


afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('dashboards in the browser', () => {
	it('signs in and lists the role’s dashboards, a broken file marked', async () => {
		const page = await pageAs('executive');
		const cards = page.locator('[data-testid="dashboard-list"] li');
		await expect.poll(() => cards.count()).toBe(4);
		expect(await cards.allTextContents().then((t) => t.map(plain))).toEqual([
			'Продажи (тест) Выручка, каналы и воронка на тестовых данных',
			'Закупки (тест)',
			'Карточка покупателя (тест)',
			'Сломанный дашборд ⚠ Файл с ошибкой: dashboards/broken.md'
		]);
		await screenshot(page, 'home-executive');
	});

	it('renders every tile of a dashboard with the hand-known figures', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		expect(await page.locator('[data-testid^="tile-"]').count()).toBe(7);
		expect(await page.locator('[data-testid^="tile-"][data-state="ready"]').count()).toBe(7);
		expect(await page.locator('.echart canvas').count()).toBe(3);
		// Q1 2024: 1000 + 500 + 400 + 2000 + 300 + 700 = 4900 against 500 in Oct–Dec 2023: +880 %
		expect(await kpi(page, 1)).toBe('4 900 ₽');
		expect(plain(await page.locator('[data-testid="tile-kpi-1"] [data-testid="kpi-change"]').textContent())).toBe('▲ +880 %');
		// gross profit 4900 − (600 + 300 + 250 + 1500 + 180 + 420) = 1650
		expect(await kpi(page, 2)).toBe('1 650 ₽');
		await screenshot(page, 'sales-q1');
	});

	it('a filter changes every figure and the URL; a reload keeps the view', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		await page.selectOption('[data-testid="filter-channel"]', 'Сайт');
		await page.waitForURL((url) => url.searchParams.get('channel') === 'Сайт');
		await waitForTiles(page);
		// channel Сайт in Q1: 1000 + 400 + 700 = 2100; its customers: Альфа (1000 + 400) and Гамма (700)
		expect(await kpi(page, 1)).toBe('2 100 ₽');
		const names = () => page.locator('[data-testid="tile-table-1"] tbody tr td:first-child').allTextContents();
		expect(await names()).toEqual(['ООО «Альфа»', 'ООО "Гамма"']);
		await page.reload();
		await waitForTiles(page);
		expect(await kpi(page, 1)).toBe('2 100 ₽');
		expect(await page.inputValue('[data-testid="filter-channel"]')).toBe('Сайт');
		expect(await names()).toEqual(['ООО «Альфа»', 'ООО "Гамма"']);
		await screenshot(page, 'sales-filtered');

		await page.selectOption('[data-testid="filter-period"]', 'last_year');
		await page.waitForURL((url) => url.searchParams.get('period') === 'last_year');
		expect(new URL(page.url()).searchParams.has('period_start')).toBe(false);
	});

	it('drills from an ABC×XYZ cell to its SKUs', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/purchasing?${Q1}`);
		await waitForTiles(page);
		await screenshot(page, 'purchasing');
		await clickChartAt(page, '[data-testid="tile-heatmap-1"]', ['Z', 'C']);
		const panel = page.locator('[data-testid="drill-panel"]');
		await panel.locator('tbody tr').first().waitFor();
		expect(await panel.locator('tbody tr td:first-child').allTextContents()).toEqual(['SKU-C2', 'SKU-C3']);
		expect(plain(await panel.locator('.context').textContent())).toContain('abc_class: C · xyz_class: Z');
		await screenshot(page, 'purchasing-drill-cell', { viewport: true });
		await page.keyboard.press('Escape');
		await expect.poll(() => panel.isVisible()).toBe(false);
	});

	it('says on a tile that its mart is out of date, and why, in Russian and English', async () => {
		// test/fixtures/dashboards/marts.sql: the last build (5) kept abc_xyz at build 4's version.
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/purchasing?${Q1}`);
		await waitForTiles(page);
		const matrix = page.locator('[data-testid="tile-heatmap-1"]');
		expect(await matrix.getAttribute('data-freshness')).toBe('stale');
		expect(plain(await matrix.locator('[data-testid="tile-notice"]').textContent())).toBe(
			'⚠ Данные устарели Витрина abc_xyz не обновилась в сборке №5 — не прошёл тест accepted_values_abc_xyz_xyz_class (модель abc_xyz); показана версия от 01.04.2024, 09:30.'
		);
		// the old version is still shown under the notice
		expect(await matrix.locator('.echart canvas').count()).toBeGreaterThan(0);
		// the margin chart reads fct_sales, which is current
		expect(await page.locator('[data-testid="tile-chart-1"]').getAttribute('data-freshness')).toBeNull();
		await screenshot(page, 'purchasing-stale-mart');

		const english = await pageAs('executive', { locale: 'en-US' });
		await english.goto(`${server.url}/dashboards/purchasing?${Q1}`);
		await waitForTiles(english);
		expect(plain(await english.locator('[data-testid="tile-heatmap-1"] [data-testid="tile-notice"] p').textContent())).toBe(
			'Mart abc_xyz was not updated in build #5 — test accepted_values_abc_xyz_xyz_class failed (model abc_xyz); showing the version of 1 Apr 2024, 09:30.'
		);
	});

	it('drills from a funnel stage to the deals lost there, and from a channel to its new customers', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		const panel = page.locator('[data-testid="drill-panel"]');
		await clickFunnelStage(page, '[data-testid="tile-funnel-1"]', 1);
		await panel.locator('tbody tr').first().waitFor();
		// lost at КП: D2 and D5
		expect(await panel.locator('tbody tr td:first-child').allTextContents()).toEqual(['D2', 'D5']);
		await screenshot(page, 'sales-drill-funnel', { viewport: true });
		await page.keyboard.press('Escape');
		await expect.poll(() => panel.isVisible()).toBe(false);

		// new customers by channel is a horizontal bar chart: the point is (value, category)
		await clickChartAt(page, '[data-testid="tile-chart-2"]', [0.5, 'Сайт']);
		await panel.locator('tbody tr').first().waitFor();
		// first ordered in Q1 through Сайт: only C4 «Гамма» (C1 «Альфа» came in December 2023)
		expect(await panel.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['ООО "Гамма"']);
	});

	it('shows a broken file’s error on its own page while the others keep working', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/broken`);
		const problems = page.locator('[data-testid="dashboard-problems"]');
		expect(plain(await problems.textContent())).toContain('dashboards/broken.md:15');
		expect(plain(await page.locator('h1').textContent())).toBe('Сломанный дашборд');
		await screenshot(page, 'broken-dashboard');
		await page.click('nav a:has-text("Продажи (тест)")');
		await page.waitForURL(/\/dashboards\/sales/);
		await waitForTiles(page);
		expect(await page.locator('[data-testid^="tile-"][data-state="ready"]').count()).toBe(7);
	});

	it('shows an SQL error with its line in the tile, added without a restart', async () => {
		fs.writeFileSync(
			path.join(server.project, 'dashboards', 'late.md'),
			'---\ntitle: Поздний\nroles: [executive]\n---\n```sql good\nselect count(*) as n from marts.deals\n```\n```kpi\nquery: good\nvalue: n\n```\n```sql bad\nselect\n  sum(amout) as total from marts.deals\n```\n```kpi\nquery: bad\nvalue: total\n```\n'
		);
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/late`);
		await waitForTiles(page);
		expect(await kpi(page, 1)).toBe('6');
		expect(plain(await page.locator('[data-testid="tile-kpi-2"]').textContent())).toMatch(/dashboards\/late\.md:14 query «bad»: Binder Error: Referenced column "amout" not found/);
		expect(await page.locator('[data-testid="dashboard-problems"]').count()).toBe(1);
		await screenshot(page, 'sql-error-tile');
	});

	it('finds a customer by the search filter and opens the card with a click; the URL keeps it', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/customers`, { waitUntil: 'networkidle' });
		// nothing chosen yet: only the prose and the search box
		expect(await page.locator('[data-testid^="tile-"]').count()).toBe(0);
		await page.fill('[data-testid="filter-search"]', 'альфа');
		await page.press('[data-testid="filter-search"]', 'Enter');
		await page.waitForURL((url) => url.searchParams.get('search') === 'альфа');
		await waitForTiles(page);
		const found = page.locator('[data-testid="tile-table-1"] tbody tr');
		expect(await found.allTextContents().then((rows) => rows.map(plain))).toEqual(['C1ООО «Альфа»МоскваИванов']);
		await found.first().click();
		await page.waitForURL((url) => url.searchParams.get('customer_id') === 'C1');
		await waitForTiles(page);
		// C1: 500 + 1000 + 400 + 800 = 2700 in 4 lines
		expect(await kpi(page, 1)).toBe('2 700 ₽');
		expect(await kpi(page, 2)).toBe('4');
		await page.reload();
		await waitForTiles(page);
		expect(await page.locator('[data-testid="tile-table-2"] tbody tr').count()).toBe(4);
		await screenshot(page, 'customer-card');
	});

	it('switches to English and back, numbers and labels included', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		await page.click('[data-testid="locale-en"]');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Sales (fixture)');
		await waitForTiles(page);
		expect(await kpi(page, 1)).toBe('₽4,900');
		expect(plain(await page.locator('[data-testid="tile-kpi-1"] h3').textContent())).toBe('Revenue');
		await screenshot(page, 'sales-english');
		await page.reload();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.click('[data-testid="locale-ru"]');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Продажи (тест)');
	});

	it('shows a sales manager only own deals, and keeps other roles out', async () => {
		const page = await pageAs('manager');
		expect(await page.locator('nav a').allTextContents()).toEqual(['Продажи (тест)', 'Карточка покупателя (тест)']);
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		// Иванов's sales in Q1: 1000 + 400 + 700 = 2100
		expect(await kpi(page, 1)).toBe('2 100 ₽');
		expect(await page.locator('[data-testid="filter-manager"] option').allTextContents()).toEqual(['Все', 'Иванов']);

		// asked without navigating: a refused page load is logged by the browser as a console error
		const buyer = await pageAs('buyer');
		expect((await buyer.request.get(`${server.url}/dashboards/sales`)).status()).toBe(403);
		expect((await buyer.request.get(`${server.url}/api/dashboards/sales/queries/revenue_kpi`)).status()).toBe(403);
	});

	it('downloads a table as CSV with every row and formula-like cells escaped', async () => {
		const page = await pageAs('executive');
		await page.goto(`${server.url}/dashboards/sales?${Q1}&city=Москва`);
		await waitForTiles(page);
		const href = await page.locator('[data-testid="tile-table-1"] [data-testid="csv-link"]').getAttribute('href');
		const response = await page.request.get(`${server.url}${href}`);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(await response.text()).toContain(`"'=cmd|calc",Москва,Петрова,2000,2024-02-15`);
	});

	it('fits a phone: the navigation folds into a menu', async () => {
		const page = await pageAs('executive', { viewport: { width: 390, height: 844 } });
		await page.goto(`${server.url}/dashboards/sales?${Q1}`);
		await waitForTiles(page);
		expect(await page.locator('nav#main-nav').isVisible()).toBe(false);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390);
		await screenshot(page, 'sales-phone');
		await page.click('[data-testid="menu-button"]');
		expect(await page.locator('nav#main-nav').isVisible()).toBe(true);
		await screenshot(page, 'phone-menu', { viewport: true });
	});

	it('shows admins what was loaded on the home page', async () => {
		const page = await pageAs('admin');
		const status = page.locator('[data-testid="load-status"]');
		await status.waitFor();
		expect(plain(await status.textContent())).toMatch(/fct_sales\s*11/);
		await screenshot(page, 'home-admin');
	});
});
