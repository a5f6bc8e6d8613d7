import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { artifactsDir } from './server.ts';

export const CHROMIUM = process.env.OBOROT_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotsDir = path.join(artifactsDir, 'screenshots');

/** Debian's Chromium keeps its UI languages here; only en-US comes without chromium-l10n. */
const DEBIAN_LOCALES = '/usr/lib/chromium/locales';

/**
 * Chromium in Russian, as a Russian reader has it: native date fields show 01.11.2025, not
 * 11/01/2025. On Linux those follow the browser's own language (LANGUAGE), which a
 * context's `locale` does not change — so it is set for the whole browser here, and English
 * contexts of the same browser keep Russian date fields (as a Russian browser would).
 */
export async function launchBrowser(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium chromium-l10n\` (or set OBOROT_CHROMIUM).`);
	}
	if (!process.env.OBOROT_CHROMIUM && fs.existsSync(DEBIAN_LOCALES) && !fs.existsSync(`${DEBIAN_LOCALES}/ru.pak`)) {
		throw new Error('Chromium has no Russian UI language (date fields would read mm/dd/yyyy): install it with `apt-get install -y chromium-l10n`.');
	}
	return chromium.launch({
		executablePath: CHROMIUM,
		// LANGUAGE only: LANG must stay a locale the system has (C.UTF-8), or Chromium loses
		// non-ASCII file names (an upload of «реализация январь.csv» would never start).
		env: { ...process.env, LANGUAGE: 'ru' },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=ru-RU']
	});
}

/** A page whose console errors and uncaught exceptions are collected; a test fails on any. */
export interface WatchedPage {
	page: Page;
	context: BrowserContext;
	errors: string[];
}

export async function watchedPage(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<WatchedPage> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1280, height: 900 },
		locale: options.locale ?? 'ru-RU',
		timezoneId: 'Europe/Moscow',
		acceptDownloads: true
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
	});
	page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
	return { page, context, errors };
}

type PageOptions = Parameters<typeof watchedPage>[1];

/**
 * The pages of one test file: each is closed after its test, and the test fails on any
 * console error or uncaught exception its pages saw. Call once at the top of the file.
 */
export function pagesPerTest(browser: () => Browser) {
	const open: WatchedPage[] = [];
	afterEach(async () => {
		const errors = open.flatMap((w) => w.errors);
		await Promise.all(open.splice(0).map((w) => w.context.close()));
		expect(errors, 'console errors in the browser').toEqual([]);
	});
	const openPage = async (options: PageOptions = {}): Promise<WatchedPage> => {
		const watched = await watchedPage(browser(), options);
		open.push(watched);
		return watched;
	};
	return {
		open: openPage,
		/** A new page signed in through the login form. */
		async signedIn(baseUrl: string, user: { username: string; password: string }, options: PageOptions = {}): Promise<Page> {
			const { page } = await openPage(options);
			await signIn(page, baseUrl, user.username, user.password);
			return page;
		}
	};
}

/**
 * Saves test/.artifacts/screenshots/<name>.png and returns the path: the whole page, or
 * what is on screen (`viewport`) when a modal is open over a scrolled page.
 */
export async function screenshot(page: Page, name: string, options: { viewport?: boolean } = {}): Promise<string> {
	fs.mkdirSync(screenshotsDir, { recursive: true });
	const file = path.join(screenshotsDir, `${name}.png`);
	await page.screenshot({ path: file, fullPage: !options.viewport });
	return file;
}

/** Signs in through the real login form and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
	// Typed before hydration, the fields would be reset by it: wait for the app's scripts first.
	await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
	await page.fill('#username', username);
	await page.fill('#password', password);
	if ((await page.inputValue('#username')) !== username) throw new Error('the login form lost what was typed');
	try {
		await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 }), page.click('button[type=submit]')]);
	} catch (error) {
		const message = await page.locator('.message').textContent().catch(() => null);
		await screenshot(page, `sign-in-failed-${username}`, { viewport: true });
		throw new Error(`signing in as ${username} failed (${message ?? 'no message on the page'}): ${(error as Error).message}`);
	}
}

/** Waits until no tile on the page is loading and every chart has drawn. */
export async function waitForTiles(page: Page): Promise<void> {
	await page.waitForFunction(() => {
		const tiles = [...document.querySelectorAll('[data-testid^="tile-"]')];
		if (tiles.length === 0) return false;
		const settled = tiles.every((t) => t.getAttribute('data-state') !== 'loading' && t.getAttribute('aria-busy') !== 'true');
		const charts = [...document.querySelectorAll('.echart')];
		return settled && charts.every((c) => (c as HTMLElement).dataset.rendered === 'true' && c.querySelector('canvas'));
	});
	// Let ECharts finish its entry animation before anyone looks.
	await page.waitForTimeout(400);
}

/** Clicks the point of a chart at data coordinates, as a reader would. */
export async function clickChartAt(page: Page, tileSelector: string, dataPoint: (string | number)[]): Promise<void> {
	const chart = page.locator(`${tileSelector} .echart`);
	// Mouse clicks land in the viewport: bring the chart on screen first.
	await chart.scrollIntoViewIfNeeded();
	const pixel = await chart.evaluate((el, point) => {
		const instance = (el as HTMLElement & { echartsInstance?: { convertToPixel(finder: object, value: unknown): number[] } }).echartsInstance;
		if (!instance) throw new Error('no chart instance on the element');
		return instance.convertToPixel({ seriesIndex: 0 }, point);
	}, dataPoint);
	const box = await chart.boundingBox();
	if (!box) throw new Error(`${tileSelector} has no chart on screen`);
	await page.mouse.click(box.x + pixel[0], box.y + pixel[1]);
}

/** Clicks the centre of a funnel stage (funnels have no axes to convert through). */
export async function clickFunnelStage(page: Page, tileSelector: string, index: number): Promise<void> {
	const chart = page.locator(`${tileSelector} .echart`);
	await chart.scrollIntoViewIfNeeded();
	const centre = await chart.evaluate((el, i) => {
		type Layout = { points: number[][] };
		const instance = (el as HTMLElement & { echartsInstance?: { getModel(): { getSeriesByIndex(n: number): { getData(): { getItemLayout(i: number): Layout } } } } }).echartsInstance;
		if (!instance) throw new Error('no chart instance on the element');
		const points = instance.getModel().getSeriesByIndex(0).getData().getItemLayout(i).points;
		return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
	}, index);
	const box = await chart.boundingBox();
	if (!box) throw new Error(`${tileSelector} has no chart on screen`);
	await page.mouse.click(box.x + centre[0], box.y + centre[1]);
}
