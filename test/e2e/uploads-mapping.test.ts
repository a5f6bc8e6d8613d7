import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS, ensureDemoUsers } from '../../src/lib/server/auth/demo-users.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { loadJobs } from '../../src/lib/server/ingest/index.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { aprilInvoices, februaryInvoices, INVOICE_LIST_MAPPING, januaryInvoices, marchInvoices } from '../fixtures/mapping/invoice-list.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';
import { launchBrowser, pagesPerTest, screenshot as saveScreenshot } from './harness/browser.ts';
import { artifactsDir, startServer, type E2eServer } from './harness/server.ts';

/**
 * The upload page in Chromium in Russian, on the built app with the repository's ingest
 * jobs: 1C's list of customer invoices, which detection reads as sales documents (the list
 * of «Реализация» has the same columns), is remapped by hand to invoices, saved under a
 * name and loaded; the next file with the same header — uploaded here, or handed by
 * `oborot ingest` to this server — is read by the saved mapping; on a phone the mapping is
 * deleted and plain detection is back. Under what the file holds the page says why, which
 * entity came second and why it lost, and which lines above the header are a report's title.
 */
let server: E2eServer;
let browser: Browser;
const pages = pagesPerTest(() => browser);
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const NAME = 'Счета покупателям из 1С';

beforeAll(async () => {
	server = await startServer(async ({ home, project }) => {
		// linked, not copied: TypeScript models import engine code by paths relative to the repository
		for (const entry of ['ingest', 'models', 'oborot.yml']) fs.symlinkSync(path.join(repoRoot, entry), path.join(project, entry));
		const warehouse = await Warehouse.open(resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project }).warehouse);
		try {
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

function exportFile(name: string, bytes: Uint8Array): string {
	const file = path.join(artifactsDir, 'uploads-mapping', name);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, bytes);
	return file;
}

function oborot(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'oborot.js'), ...args], {
			cwd: server.project,
			env: { ...process.env, OBOROT_HOME: server.home, OBOROT_PROJECT: server.project },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}

/** Canonical names a Russian reader must never see: every family.entity and column of the jobs. */
const CANONICAL = (() => {
	const jobs = loadJobs(path.join(repoRoot, 'ingest'));
	const names = new Set(jobs.flatMap((j) => j.entities.flatMap((e) => [`${e.family}.${e.name}`, ...e.columns.map((c) => c.name)])));
	return [...names];
})();

/** What the page shows: its text, every option of every drop-down, placeholders. */
async function shownText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const options = [...document.querySelectorAll('option, optgroup')].map((o) => (o instanceof HTMLOptGroupElement ? o.label : o.textContent));
		const placeholders = [...document.querySelectorAll('input')].map((i) => i.placeholder);
		return [document.body.innerText, ...options, ...placeholders].join('\n');
	});
}

async function expectNoCanonicalNames(page: Page) {
	const text = await shownText(page);
	const seen = CANONICAL.filter((name) => new RegExp(`(?<![\\p{L}\\p{N}_.])${name.replace('.', '\\.')}(?![\\p{L}\\p{N}_])`, 'u').test(text));
	expect(seen, 'canonical names shown to a Russian reader').toEqual([]);
}

/** The whole page from its top (the top bar is sticky: a page scrolled by a click would show it halfway down). */
async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}) {
	if (!options.viewport) await page.evaluate(() => window.scrollTo(0, 0));
	return saveScreenshot(page, name, options);
}

/** Waits until the preview shows the answer to the last change. */
async function settled(page: Page) {
	await page.waitForSelector('[data-testid="upload-preview"][aria-busy="false"]');
}

async function mapHeader(page: Page, header: string, column: string) {
	const select = page.locator(`[data-testid="mapping-row"][data-header="${header}"] select`);
	if ((await select.inputValue()) === column) return;
	await select.selectOption(column);
	await expect.poll(() => select.inputValue()).toBe(column);
	await settled(page);
}

async function uploadsPage(options: { viewport?: { width: number; height: number }; locale?: 'en' } = {}): Promise<Page> {
	const page = await pages.signedIn(server.url, { username: 'admin', password: DEMO_PASSWORDS.admin }, { viewport: options.viewport });
	if (options.locale) await page.context().addCookies([{ name: 'locale', value: options.locale, url: server.url }]);
	await page.goto(`${server.url}/admin/uploads`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-testid="saved-mappings"]');
	return page;
}

describe('a list of invoices read as sales documents is mapped by hand', () => {
	it('is remapped to invoices, saved under a name and loaded; the next file with that header uses the mapping', async () => {
		const page = await uploadsPage();
		expect(await page.locator('[data-testid="saved-mapping"]').count()).toBe(0);
		await screenshot(page, 'mapping-0-empty');

		await page.setInputFiles('[data-testid="upload-input"]', exportFile('счета январь.csv', januaryInvoices));
		await page.waitForSelector('[data-testid="upload-preview"]');
		// what detection decides today: sales documents, with the statuses and the currency unused
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('accounting.sales_documents');
		await page.waitForSelector('[data-testid="upload-doubt"]');
		// and why, in the reader's words: the right answer came second, for two columns
		expect(plain(await page.locator('[data-testid="upload-why"]').textContent())).toBe('Почему: 7 из 10 заголовков — его столбцы (баллы: 7).');
		expect(plain(await page.locator('[data-testid="upload-runner-up"]').textContent())).toBe(
			'Второй вариант — Платежи и счета · Счета покупателям (баллы: 6 против 7): не использует «Организация», «Комментарий».'
		);
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-1-detected-as-sales-documents');

		await page.selectOption('[data-testid="upload-entity"]', 'payments.invoices');
		await page.waitForSelector('[data-testid="upload-preview"][data-entity="payments.invoices"]');
		await settled(page);
		// chosen by hand: nothing weighed, so no runner-up
		expect(await page.locator('[data-testid="upload-runner-up"]').count()).toBe(0);
		// «Сумма» not loaded: the page names the required field left without a column and will not load
		await mapHeader(page, 'Сумма', '');
		expect(plain(await page.locator('[data-testid="mapping-missing"]').textContent())).toContain('Сумма счёта');
		expect(await page.isDisabled('[data-testid="upload-confirm"]')).toBe(true);
		expect(await page.isDisabled('[data-testid="mapping-save-button"]')).toBe(true);
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-2-invoices-missing-amount');

		for (const [header, column] of Object.entries(INVOICE_LIST_MAPPING)) await mapHeader(page, header, column);
		await page.waitForSelector('[data-testid="mapping-complete"]');
		expect(await page.locator('[data-testid="upload-rejected-rows"]').count()).toBe(0);
		expect(plain(await page.locator('[data-testid="upload-checked"]').textContent())).toBe('Проверено первых строк: 6 — все загрузятся.');
		// the first invoice typed as it will land: 09.01.2026, 97 000
		const first = plain(await page.locator('[data-testid="upload-rows"] tbody tr').first().textContent());
		expect(first).toContain('09.01.2026');
		expect(first).toContain('97 000');
		expect(first).toContain('0000-000001');
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-3-mapped-by-hand');

		await page.fill('[data-testid="mapping-name"]', NAME);
		await page.click('[data-testid="mapping-save-button"]');
		await page.waitForSelector('[data-testid="mapping-saved"]');
		expect(plain(await page.locator('[data-testid="upload-mapping-used"]').textContent())).toContain(`«${NAME}»`);
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('payments.invoices');
		await screenshot(page, 'mapping-4-saved');

		await page.click('[data-testid="upload-confirm"]');
		await page.waitForSelector('[data-testid="upload-result"]');
		expect(plain(await page.locator('[data-testid="result-read"]').textContent())).toBe('6');
		expect(plain(await page.locator('[data-testid="result-loaded"]').textContent())).toBe('6');
		expect(plain(await page.locator('[data-testid="result-rejected"]').textContent())).toBe('0');
		expect(plain(await page.locator('[data-testid="result-mapping"]').textContent())).toContain(NAME);
		await screenshot(page, 'mapping-5-loaded');

		// the next month, another name and other rows: read by the saved mapping
		await page.click('[data-testid="upload-another"]');
		await page.waitForSelector('[data-testid="saved-mapping"]');
		expect(plain(await page.locator('[data-testid="saved-mapping"] strong').textContent())).toBe(NAME);
		await screenshot(page, 'mapping-6-saved-list');
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('счета февраль 2026.csv', februaryInvoices));
		await page.waitForSelector('[data-testid="upload-mapping-used"]');
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('payments.invoices');
		expect(await page.locator('[data-testid="mapping-complete"]').count()).toBe(1);
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-7-next-file');
		await page.click('[data-testid="upload-confirm"]');
		await page.waitForSelector('[data-testid="upload-result"]');
		expect(plain(await page.locator('[data-testid="result-loaded"]').textContent())).toBe('4');

		// `oborot ingest` from another terminal hands the file to this server, which reads it by the mapping
		const cli = await oborot(['ingest', exportFile('export-2026-03.csv', marchInvoices)]);
		expect(cli.code, cli.stderr).toBe(0);
		expect(cli.stdout).toContain('payments.invoices');
		expect(cli.stdout).toContain(`note: read by the saved mapping «${NAME}»`);
		const sql = await oborot(['sql', 'select count(*) as n, sum(amount) as amount from raw.payments_invoices', '--format', 'json']);
		// 6 + 4 + 2 invoices; 226 900 + 79 800 + 16 600
		expect(JSON.parse(sql.stdout)).toEqual([{ n: 12, amount: 323300 }]);
	}, 120_000);

	it('on a phone: the next file is read by the mapping; deleted, the file is read by its headers again', async () => {
		const page = await uploadsPage({ viewport: { width: 390, height: 844 } });
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('апрель.csv', aprilInvoices));
		await page.waitForSelector('[data-testid="upload-mapping-used"]');
		expect(plain(await page.locator('[data-testid="upload-checked"]').textContent())).toBe('Проверено первых строк: 3 — все загрузятся.');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, 'the page scrolls sideways on a phone').toBe(0);
		await screenshot(page, 'mapping-phone-preview');

		await page.click('[data-testid="upload-preview"] button:has-text("Отменить")');
		await page.waitForSelector('[data-testid="saved-mapping"]');
		await page.click('[data-testid="saved-mapping-delete"]');
		await screenshot(page, 'mapping-phone-delete', { viewport: true });
		await page.click('[data-testid="saved-mapping-delete-yes"]');
		await expect.poll(() => page.locator('[data-testid="saved-mapping"]').count()).toBe(0);
		await screenshot(page, 'mapping-phone-saved-list');

		await page.setInputFiles('[data-testid="upload-input"]', exportFile('апрель.csv', aprilInvoices));
		await page.waitForSelector('[data-testid="upload-preview"]');
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('accounting.sales_documents');
		expect(await page.locator('[data-testid="upload-mapping-used"]').count()).toBe(0);
		const overflowAgain = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflowAgain, 'the runner-up line widens the page on a phone').toBe(0);
		await screenshot(page, 'mapping-phone-detected-again');
	}, 120_000);

	it('the sales list of issue 10 is sales now, with goods receipts second; a 1C report’s title is named', async () => {
		const page = await uploadsPage();
		const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/1c', name));
		// Дата;Номер;Контрагент;ИНН;Номенклатура;Артикул;Количество;Цена;Сумма, read as goods receipts before
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('выгрузка.csv', fixture('sales-lines-no-document-kind.csv')));
		await page.waitForSelector('[data-testid="upload-runner-up"]');
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('accounting.sales');
		expect(plain(await page.locator('[data-testid="upload-runner-up"]').textContent())).toBe(
			'Второй вариант — Склад · Поступления товаров (баллы: 8 против 9): не использует «ИНН».'
		);
		expect(await page.locator('[data-testid="upload-title-lines"]').count()).toBe(0);
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-issue-sales-detected');

		await page.click('[data-testid="upload-preview"] button:has-text("Отменить")');
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('продажи январь.csv', fixture('ut11-prodazhi.csv')));
		await page.waitForSelector('[data-testid="upload-title-lines"]');
		expect(await page.inputValue('[data-testid="upload-entity"]')).toBe('accounting.sales');
		expect(plain(await page.locator('[data-testid="upload-title-lines"]').textContent())).toBe(
			'Над заголовком — название и настройки отчёта, они не загружаются: «Продажи» · «Период: 01.01.2024 - 31.01.2024».'
		);
		expect(plain(await page.locator('[data-testid="upload-why"]').textContent())).toContain('100 % значений «Регистратор» — его документы («Реализация товаров и услуг»…)');
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-report-title');
	}, 60_000);

	it('a file no export matches is mapped from nothing: what it holds, then each column', async () => {
		const page = await uploadsPage();
		// a marketplace stock report with headers of its own (no alias of any entity)
		const report = Buffer.from('Арт.;Описание;Штук;Отчёт на\nHA-12;Кондиционер Haier HSU-12;4;01.03.2026\nVT-16;Вентилятор напольный Vitek;11;01.03.2026\n');
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('отчёт маркетплейса.csv', report));
		await page.waitForSelector('[data-testid="upload-unrecognized"]');
		await expectNoCanonicalNames(page);
		await screenshot(page, 'mapping-unrecognized');
		await page.selectOption('[data-testid="upload-entity"]', 'stock.balances');
		await page.waitForSelector('[data-testid="upload-preview"][data-entity="stock.balances"]');
		await settled(page);
		await mapHeader(page, 'Арт.', 'sku');
		await mapHeader(page, 'Штук', 'qty');
		await mapHeader(page, 'Отчёт на', 'snapshot_date');
		await mapHeader(page, 'Описание', 'product_name');
		await page.waitForSelector('[data-testid="mapping-complete"]');
		await screenshot(page, 'mapping-unrecognized-mapped');
		await page.click('[data-testid="upload-confirm"]');
		await page.waitForSelector('[data-testid="upload-result"]');
		expect(plain(await page.locator('[data-testid="result-loaded"]').textContent())).toBe('2');
		const sql = await oborot(['sql', 'select sku, qty, snapshot_date::varchar as day from raw.stock_balances order by sku', '--format', 'json']);
		expect(JSON.parse(sql.stdout)).toEqual([
			{ sku: 'HA-12', qty: 4, day: '2026-03-01' },
			{ sku: 'VT-16', qty: 11, day: '2026-03-01' }
		]);
	}, 60_000);

	it('speaks English to an English reader: titles of families, entities and columns, the runner-up', async () => {
		const page = await uploadsPage({ locale: 'en' });
		await page.setInputFiles('[data-testid="upload-input"]', exportFile('april.csv', aprilInvoices));
		await page.waitForSelector('[data-testid="upload-runner-up"]');
		expect(plain(await page.locator('[data-testid="upload-runner-up"]').textContent())).toBe(
			'Runner-up — Payments and invoices · Customer invoices (score 6 vs 7): does not use «Организация», «Комментарий».'
		);
		await page.selectOption('[data-testid="upload-entity"]', 'payments.invoices');
		await page.waitForSelector('[data-testid="upload-preview"][data-entity="payments.invoices"]');
		await settled(page);
		const text = await shownText(page);
		for (const words of ['How the file will be read', 'What the file holds', 'Payments and invoices', 'Customer invoices', 'Columns of the file', 'Invoice number — text, required', '— do not load —', 'Remember this mapping']) {
			expect(text).toContain(words);
		}
		expect(text).not.toMatch(/[А-Яа-яЁё]{4,} —/u);
		await screenshot(page, 'mapping-en-invoices');
	}, 60_000);
});
