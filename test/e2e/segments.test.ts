import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, ensureDemoUsers } from '../../src/lib/server/auth/demo-users.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { loadSegmentMarts } from '../fixtures/segments/fixture.ts';
import { malformedSales } from '../fixtures/segments/uploads.ts';
import { launchBrowser, pagesPerTest, screenshot } from './harness/browser.ts';
import { artifactsDir, linkRepositoryProject, startServer, type E2eServer } from './harness/server.ts';

/**
 * The built app on the hand-made segment marts (test/fixtures/segments/marts.sql) with
 * the demo logins: a marketer builds, saves and downloads a segment; an admin uploads
 * a malformed export, loads it and rebuilds. The project folder links the repository's
 * ingest/ and models/, so uploads and rebuilds run the real engine.
 */
let server: E2eServer;
let browser: Browser;
const pages = pagesPerTest(() => browser);
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

beforeAll(async () => {
	server = await startServer(async ({ home, project }) => {
		linkRepositoryProject(project);
		const warehouse = await Warehouse.open(resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project }).warehouse);
		try {
			await loadSegmentMarts(warehouse);
			await ensureDemoUsers(warehouse, []);
		} finally {
			warehouse.close();
		}
	});
	browser = await launchBrowser();
});


afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const pageAs = (username: 'marketer' | 'admin'): Promise<Page> => pages.signedIn(server.url, { username, password: DEMO_PASSWORDS[username] });

const count = (page: Page) => page.locator('[data-testid="segment-count"]').textContent().then(plain);

/** Waits until the live count settles on the expected figure. */
async function countIs(page: Page, expected: string) {
	await expect.poll(() => count(page), { timeout: 10_000 }).toBe(expected);
	await page.waitForSelector('[data-testid="segment-preview"][aria-busy="false"]');
}

describe('a marketer builds a segment', () => {
	it('sees the count follow the conditions, saves, and downloads the CSV', async () => {
		const page = await pageAs('marketer');
		await page.click('nav >> text=Сегменты');
		await page.waitForURL(/\/segments/);
		// no conditions: the ten customers of the fixture (the anonymous one never counts)
		await countIs(page, '10');

		await page.selectOption('[data-testid="add-condition"]', 'city');
		await page.click('[data-testid="condition-0-pick"] label:has-text("Казань")');
		// Казань: C02, C06, C10
		await countIs(page, '3');

		await page.selectOption('[data-testid="add-condition"]', 'opted_in');
		// accepting e-mail among them: C06 and C10 (C02 refused)
		await countIs(page, '2');
		expect(plain(await page.locator('[data-testid="exportable-email"] strong').textContent())).toBe('2');

		await page.fill('[data-testid="segment-name"]', 'Казань, e-mail');
		await page.click('[data-testid="segment-save"]');
		await page.waitForURL((url) => url.searchParams.get('segment') === 'Казань, e-mail');
		await expect.poll(() => page.locator('[data-testid="segment-list"] li').allTextContents().then((t) => t.map(plain))).toEqual([
			expect.stringContaining('Казань, e-mail')
		]);
		await countIs(page, '2');
		await screenshot(page, 'segments-saved');

		await page.selectOption('[data-testid="export-channel"]', 'email');
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-download"]')]);
		expect(download.suggestedFilename()).toMatch(/^Казань, e-mail-email-\d{4}-\d{2}-\d{2}\.csv$/);
		const file = path.join(artifactsDir, 'segment-download.csv');
		await download.saveAs(file);
		const text = fs.readFileSync(file, 'utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
		expect(rows[0].slice(0, 3)).toEqual(['ID клиента', 'Клиент', 'Email']);
		// name order; the name starting with + is escaped against formulas
		expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
			['C06', "'+7 (999) Ёлка", 'sales@elka.ru'],
			['C10', 'Каппа', 'kappa@kappa.ru']
		]);
		// the history below the export lists it once the file is sent
		await page.waitForSelector('[data-testid="export-history"] li', { timeout: 10_000 });
		await screenshot(page, 'segments-exported');
	});

	it('sees which model gives P(alive) and the predicted value, and how far it erred on the holdout', async () => {
		const page = await pageAs('marketer');
		await page.goto(`${server.url}/segments`);
		await page.selectOption('[data-testid="add-condition"]', 'p_alive');
		// the words of the fixture's ltv_model_selection (test/fixtures/segments/marts.sql)
		await expect
			.poll(() => page.locator('[data-testid="condition-0-ltv-model"]').textContent().then(plain))
			.toBe('Модель MBG/NBD: ошибка на отложенном периоде (26 нед.) 0,41 покупки на клиента при 0,95 в среднем; BG/NBD 0,63. Выбрана как точнее предсказавшая, кто купит снова.');
		await screenshot(page, 'segments-ltv-model');
	});

	it('reopens the saved segment with its conditions, and a narrow screen still works', async () => {
		const page = await pages.signedIn(server.url, { username: 'marketer', password: DEMO_PASSWORDS.marketer }, { viewport: { width: 420, height: 860 } });
		await page.goto(`${server.url}/segments?segment=${encodeURIComponent('Казань, e-mail')}`);
		await countIs(page, '2');
		expect(await page.inputValue('[data-testid="segment-name"]')).toBe('Казань, e-mail');
		expect(await page.locator('[data-testid^="condition-"][data-type]').count()).toBe(2);
		expect(await page.isDisabled('[data-testid="segment-save"]')).toBe(true);
		await screenshot(page, 'segments-narrow');
	});
});

describe('an admin uploads an export', () => {
	it('sees the preview, loads it, sees the rejected rows, rebuilds', async () => {
		const page = await pageAs('admin');
		await page.click('nav >> text=Загрузка');
		await page.waitForURL(/\/admin\/uploads/);
		const file = path.join(artifactsDir, 'реализация январь.csv');
		fs.writeFileSync(file, malformedSales);
		await page.setInputFiles('[data-testid="upload-input"]', file);
		await page.waitForSelector('[data-testid="upload-preview"]');
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('accounting.sales');
		// lines 3, 4, 5, 7, 8 would be rejected
		expect(await page.locator('[data-testid="upload-rows"] tr.bad').count()).toBe(5);
		expect(await page.locator('[data-testid="upload-rows"] tr.bad').first().textContent()).toContain('столбец «Дата»: не дата');
		await screenshot(page, 'upload-preview');

		await page.click('[data-testid="upload-confirm"]');
		await page.waitForSelector('[data-testid="upload-result"]');
		expect(plain(await page.locator('[data-testid="result-read"]').textContent())).toBe('8');
		expect(plain(await page.locator('[data-testid="result-loaded"]').textContent())).toBe('3');
		expect(plain(await page.locator('[data-testid="result-rejected"]').textContent())).toBe('5');
		expect(await page.locator('[data-testid="rejected-rows"] tbody tr').count()).toBe(5);
		// a Russian reader gets the reasons in Russian
		expect(await page.locator('[data-testid="rejected-rows"] tbody tr').first().textContent()).toContain('не дата «31.02.2026» (ожидается ДД.ММ.ГГГГ)');
		await screenshot(page, 'upload-result');

		await page.click('[data-testid="rebuild"]');
		await page.waitForSelector('[data-testid="rebuild-result"]', { timeout: 240_000 });
		expect(plain(await page.locator('[data-testid="rebuild-result"]').textContent())).toMatch(/^Сборка №\d+:/);
		await screenshot(page, 'upload-rebuilt');

		// the same file again: the preview says it is already loaded
		await page.click('[data-testid="upload-another"]');
		await page.setInputFiles('[data-testid="upload-input"]', file);
		await page.waitForSelector('[data-testid="upload-previous"]');
		await screenshot(page, 'upload-again');
	}, 300_000);
});
