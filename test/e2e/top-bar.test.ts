import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHome } from '../helpers/demo-home.ts';
import { launchBrowser, pagesPerTest, screenshotsDir } from './harness/browser.ts';
import { demoUsers, prepareDemoProject } from './harness/demo-project.ts';
import { startServer, type E2eServer } from './harness/server.ts';

/**
 * The top bar of every demo role, in Russian (the longer labels), on a 1280 px screen and
 * a 390 px phone: every link fits and can be clicked, and the phone menu opens, lists the
 * same links and closes after navigating. Screenshots: test/.artifacts/screenshots/top-bar-*.png.
 */
let server: E2eServer;
let browser: Browser;
let users: Awaited<ReturnType<typeof demoUsers>>;
const pages = pagesPerTest(() => browser);
const ROLES = ['exec', 'marketer', 'purchasing', 'manager', 'admin'] as const;

const pageAs = (user: (typeof ROLES)[number], width: number, locale = 'ru-RU'): Promise<Page> =>
	pages.signedIn(server.url, users[user], { viewport: { width, height: 700 }, locale });

async function shoot(page: Page, name: string, height = 52): Promise<void> {
	fs.mkdirSync(screenshotsDir, { recursive: true });
	const width = page.viewportSize()?.width ?? 1280;
	await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), clip: { x: 0, y: 0, width, height } });
}

/** Links of the top bar (desktop row or opened phone menu) that are cut off or hidden. */
async function linksNotWhole(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const bar = document.querySelector('header.top-bar') as HTMLElement;
		const right = Math.min(window.innerWidth, bar.getBoundingClientRect().right);
		const tools = bar.querySelector('.tools')?.getBoundingClientRect();
		return [...bar.querySelectorAll<HTMLElement>('nav a')]
			.filter((a) => {
				const box = a.getBoundingClientRect();
				const nav = a.closest('nav')!.getBoundingClientRect();
				const hidden = box.width === 0 || box.left < nav.left - 0.5 || box.right > nav.right + 0.5 || box.right > right + 0.5;
				// on one row with the tools (not in the opened phone menu), a link must end before them
				const underTools = tools && box.top < tools.bottom && box.bottom > tools.top && box.right > tools.left + 0.5;
				const clipped = a.scrollWidth > a.clientWidth + 1;
				return hidden || underTools || clipped;
			})
			.map((a) => a.textContent?.trim() ?? '');
	});
}

const navTexts = (page: Page) => page.locator('header.top-bar nav a').allTextContents().then((texts) => texts.map((t) => t.trim()));

beforeAll(async () => {
	users = await demoUsers(await demoHome());
	server = await startServer(prepareDemoProject);
	browser = await launchBrowser();
});


afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('the top bar fits every role', () => {
	for (const role of ROLES) {
		it(`${role} at 1280 px: every link whole on the row, beside the language and user buttons`, async () => {
			const page = await pageAs(role, 1280);
			await shoot(page, `top-bar-${role}-1280`);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
			const links = await navTexts(page);
			expect(links.length).toBeGreaterThan(0);
			expect(await linksNotWhole(page), 'links cut off or under the tools').toEqual([]);
			expect(await page.locator('[data-testid="menu-button"]').isVisible()).toBe(false);
			expect(await page.locator('[data-testid="nav-more"]').count()).toBe(0);
			if (role === 'admin') expect(links).toEqual(expect.arrayContaining(['Сегменты', 'Загрузка']));
		});

		it(`${role} at 390 px: the menu opens with the same links and closes after one is chosen`, async () => {
			const wide = await navTexts(await pageAs(role, 1280));
			const page = await pageAs(role, 390);
			await shoot(page, `top-bar-${role}-390`);
			expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(390);
			expect(await page.locator('header.top-bar nav').isVisible()).toBe(false);
			await page.click('[data-testid="menu-button"]');
			await expect.poll(() => page.locator('header.top-bar nav').isVisible()).toBe(true);
			const height = await page.evaluate(() => Math.ceil(document.querySelector('header.top-bar nav')!.getBoundingClientRect().bottom) + 4);
			await shoot(page, `top-bar-${role}-390-menu`, height);
			expect(await navTexts(page)).toEqual(wide);
			expect(await linksNotWhole(page)).toEqual([]);
			const last = page.locator('header.top-bar nav a').last();
			const href = await last.getAttribute('href');
			await last.click();
			await page.waitForURL((url) => url.pathname === href);
			await expect.poll(() => page.locator('header.top-bar nav').isVisible()).toBe(false);
		});
	}

	it('the user button opens the name, role and sign-out; signing out leads to the login page', async () => {
		const page = await pageAs('manager', 1280);
		await page.click('[data-testid="user-menu"]');
		const panel = page.locator('[data-testid="user-panel"]');
		await expect.poll(() => panel.isVisible()).toBe(true);
		expect(await panel.textContent()).toContain('менеджер по продажам');
		await page.screenshot({ path: path.join(screenshotsDir, 'top-bar-user-menu.png'), clip: { x: 880, y: 0, width: 400, height: 190 } });
		await page.keyboard.press('Escape');
		await expect.poll(() => panel.count()).toBe(0);
		await page.click('[data-testid="user-menu"]');
		await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/login')), page.click('[data-testid="logout"]')]);
	});

	it('links that do not fit a narrower screen go into «Ещё», which opens them', async () => {
		const page = await pageAs('admin', 1000);
		const more = page.locator('[data-testid="nav-more"]');
		await expect.poll(() => more.isVisible()).toBe(true);
		expect(await linksNotWhole(page), 'the links left on the row').toEqual(await page.locator('#more-links a').allTextContents().then((t) => t.map((x) => x.trim())));
		const all = await navTexts(page);
		expect(all).toEqual(await navTexts(await pageAs('admin', 1280)));
		await more.click();
		const height = await page.evaluate(() => Math.ceil(document.querySelector('#more-links')!.getBoundingClientRect().bottom) + 6);
		await shoot(page, 'top-bar-admin-1000-more', height);
		expect(await page.locator('#more-links a').last().isVisible()).toBe(true);
		await page.locator('#more-links a', { hasText: 'Загрузка' }).click();
		await page.waitForURL((url) => url.pathname === '/admin/uploads');
		// the page it leads to is in the «Ещё» menu: the button is marked as the current place
		await expect.poll(() => more.getAttribute('class')).toContain('current');
	});

	it('admin at 1280 px in English', async () => {
		const page = await pageAs('admin', 1280, 'en-US');
		await page.click('[data-testid="locale-en"]');
		await expect.poll(() => navTexts(page)).toContain('Segments');
		await shoot(page, 'top-bar-admin-1280-en');
		expect(await linksNotWhole(page)).toEqual([]);
	});
});
