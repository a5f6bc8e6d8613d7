// Time to first chart: a cold browser context (empty cache, signed in without loading any
// page) opens a dashboard; the clock is the page's own performance.now(), which starts at
// navigation start. "First chart" is the first chart, heatmap or funnel tile in page order
// once it is out of its skeleton and its ECharts canvas has a series set
// (EChart.svelte marks the container data-rendered after setOption).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.OBOROT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface FirstChartRun {
	/** Navigation start → first chart drawn with data (null: not within the time limit, see error). */
	firstChartMs: number | null;
	/** Navigation start → every tile out of loading and every chart drawn. */
	allTilesMs: number | null;
	/** Navigation start → the HTML document received. */
	documentMs: number;
	/** Dashboard API requests the page made before its first chart. */
	apiRequests: number;
	firstChartTile: string;
	consoleErrors: string[];
	/** Why no chart came: the tiles' states and a screenshot. */
	error?: string;
}

declare global {
	interface Window {
		__firstChart?: { at: number; tile: string };
		__allTiles?: number;
	}
}

/** Runs in the page on every animation frame until the first chart tile shows data. */
function firstChartDrawn(): boolean {
	if (window.__firstChart) return true;
	const tile = document.querySelector<HTMLElement>('.tile-chart, .tile-heatmap, .tile-funnel');
	if (!tile || tile.dataset.state !== 'ready') return false;
	const container = tile.querySelector<HTMLElement & { echartsInstance?: { getOption(): { series?: unknown[] } } }>('.echart[data-rendered="true"]');
	if (!container?.querySelector('canvas') || !container.echartsInstance?.getOption().series?.length) return false;
	window.__firstChart = { at: performance.now(), tile: tile.dataset.testid ?? '' };
	return true;
}

function allTilesDrawn(): boolean {
	if (window.__allTiles) return true;
	const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid^="tile-"]')];
	if (tiles.length === 0 || tiles.some((t) => t.dataset.state === 'loading' || t.getAttribute('aria-busy') === 'true')) return false;
	if (![...document.querySelectorAll<HTMLElement>('.echart')].every((c) => c.dataset.rendered === 'true' && c.querySelector('canvas'))) return false;
	window.__allTiles = performance.now();
	return true;
}

async function oneRun(browser: Browser, url: string, baseUrl: string, username: string, password: string, timeoutMs: number, screenshot: string): Promise<FirstChartRun> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
	try {
		// Signed in through the API context (shares the cookie jar): no page, so no cached assets.
		const login = await context.request.post(`${baseUrl}/login`, { form: { username, password }, headers: { origin: baseUrl, accept: 'text/html' }, maxRedirects: 0 });
		if (login.status() !== 303) throw new Error(`sign-in failed: HTTP ${login.status()}`);
		const page = await context.newPage();
		const consoleErrors: string[] = [];
		page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
		page.on('pageerror', (e) => consoleErrors.push(e.message));
		let apiRequests = 0;
		page.on('request', (r) => void (new URL(r.url()).pathname.startsWith('/api/dashboards/') && apiRequests++));
		await page.goto(url, { waitUntil: 'commit' });
		try {
			await page.waitForFunction(firstChartDrawn, null, { polling: 'raf', timeout: timeoutMs });
		} catch (error) {
			const tiles = await page
				.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid^="tile-"]')].map((t) => `${t.dataset.testid}:${t.dataset.state}`).join(' '))
				.catch(() => '?');
			const heading = await page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null);
			await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
			const message = `${(error as Error).message.split('\n')[0]}; page «${heading ?? ''}», tiles ${tiles || 'none'}; screenshot ${screenshot}`;
			return { firstChartMs: null, allTilesMs: null, documentMs: 0, apiRequests, firstChartTile: '', consoleErrors, error: message };
		}
		const requestsAtFirstChart = apiRequests;
		const allTiles = await page.waitForFunction(allTilesDrawn, null, { polling: 'raf', timeout: timeoutMs }).then(
			() => true,
			() => false
		);
		const times = await page.evaluate(() => ({
			first: window.__firstChart!,
			all: window.__allTiles ?? null,
			document: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd
		}));
		return {
			firstChartMs: Math.round(times.first.at),
			allTilesMs: allTiles && times.all !== null ? Math.round(times.all) : null,
			documentMs: Math.round(times.document),
			apiRequests: requestsAtFirstChart,
			firstChartTile: times.first.tile,
			consoleErrors
		};
	} finally {
		await context.close();
	}
}

export async function timeToFirstChart(options: { baseUrl: string; dashboardId: string; username: string; password: string; runs: number; timeoutMs?: number; screenshotDir: string }) {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set OBOROT_CHROMIUM)`);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const url = `${options.baseUrl}/dashboards/${encodeURIComponent(options.dashboardId)}`;
		const runs: FirstChartRun[] = [];
		for (let i = 0; i < options.runs; i++) {
			const screenshot = path.join(options.screenshotDir, `first-chart-failed-${i + 1}.png`);
			runs.push(await oneRun(browser, url, options.baseUrl, options.username, options.password, options.timeoutMs ?? 180_000, screenshot));
		}
		const median = (values: (number | null)[]) => {
			const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
			return known.length ? known[Math.floor(known.length / 2)] : null;
		};
		return { url, runs, medianFirstChartMs: median(runs.map((r) => r.firstChartMs)), medianAllTilesMs: median(runs.map((r) => r.allTilesMs)) };
	} finally {
		await browser.close();
	}
}
