import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferedOutput } from '../../src/lib/server/jobs/output.ts';
import { ensureWebBuild, packageRoot } from '../../src/cli/web-build.ts';
import { createUsers } from '../../src/lib/server/auth/users.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { freePort, waitUntilUp } from '../helpers/local-server.ts';

/**
 * Signing in through the built app in Chromium: the redirect to /login and back, the
 * lock-out after five wrong passwords (even the right one is refused), the session
 * cookie's flags, CSRF on a POST, and the English version of the page.
 */
const CHROMIUM = process.env.OBOROT_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(packageRoot, 'test', '.artifacts');

let home: string;
let server: ChildProcess;
let browser: Browser;
let base: string;

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set OBOROT_CHROMIUM)`);
	ensureWebBuild(bufferedOutput((_stream, text) => process.stderr.write(text)));
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-e2e-login-'));
	const warehouse = await Warehouse.open(path.join(home, 'warehouse.duckdb'));
	await createUsers(warehouse, [
		{ username: 'boss', role: 'executive', displayName: 'Ольга Директор', password: 'boss-password' },
		{ username: 'marketer', role: 'marketer', password: 'marketer-password' }
	]);
	warehouse.close();

	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	let log = '';
	server = spawn(process.execPath, [path.join(packageRoot, 'bin', 'oborot.js'), 'serve', '--port', String(port)], {
		cwd: packageRoot,
		env: { ...process.env, OBOROT_HOME: home, OBOROT_PROJECT: packageRoot },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (chunk) => (log += chunk));
	server.stderr?.on('data', (chunk) => (log += chunk));
	await waitUntilUp(base, server, () => log, 60_000);
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
	await browser?.close();
	if (server && server.exitCode === null) {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
	}
	if (home) fs.rmSync(home, { recursive: true, force: true });
});

async function submit(page: Page, username: string, password: string): Promise<void> {
	await page.fill('#username', username);
	await page.fill('#password', password);
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form[method=post] button[type=submit]')]);
}

describe('signing in with a browser', () => {
	it('sends a visitor to /login, locks the username after five wrong passwords, and refuses the right one while locked', async () => {
		const context = await browser.newContext({ locale: 'ru-RU' });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${base}/`);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe('/');
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: path.join(ARTIFACTS, 'login-ru.png') });

		for (let i = 1; i <= 4; i++) {
			await submit(page, 'boss', `wrong-${i}`);
			await expect.poll(() => page.textContent('[role=alert]')).toBe('Неверный логин или пароль.');
		}
		await submit(page, 'boss', 'wrong-5');
		await expect.poll(() => page.textContent('[role=alert]')).toMatch(/^Слишком много неудачных попыток входа\. Попробуйте снова через (1 мин 00|59|60) с\.$/);
		expect(await page.isDisabled('form[method=post] button[type=submit]')).toBe(true);
		await page.screenshot({ path: path.join(ARTIFACTS, 'login-locked.png') });

		await page.goto(`${base}/login`);
		await submit(page, 'boss', 'boss-password');
		await expect.poll(() => page.textContent('[role=alert]')).toMatch(/^Слишком много неудачных попыток/);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('signs in, comes back to the page asked for, with an httpOnly SameSite cookie, and refuses a POST without the CSRF token', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${base}/login?next=${encodeURIComponent('/?from=test')}`);
		await submit(page, 'marketer', 'marketer-password');
		await page.waitForURL(`${base}/?from=test`);
		const [cookie] = (await context.cookies()).filter((c) => c.name === 'oborot_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
		expect(await page.evaluate(() => document.cookie)).not.toContain('oborot_session');

		const status = await page.evaluate(async () => (await fetch('/api/status')).status);
		expect(status).toBe(200);
		const forged = await page.evaluate(async () => {
			const response = await fetch('/logout', { method: 'POST' });
			return { status: response.status, body: await response.text() };
		});
		expect(forged.status).toBe(403);
		expect(forged.body).toContain('"csrf"');
		await context.close();
	});

	it('offers the page in English', async () => {
		const context = await browser.newContext({ locale: 'ru-RU' });
		const page = await context.newPage();
		await page.goto(`${base}/login`);
		expect(await page.textContent('h1')).toBe('Вход');
		await page.click('.language button');
		await expect.poll(() => page.textContent('h1')).toBe('Sign in');
		await page.screenshot({ path: path.join(ARTIFACTS, 'login-en.png') });
		await submit(page, 'nobody', 'whatever-password');
		await expect.poll(() => page.textContent('[role=alert]')).toBe('Wrong username or password.');
		await context.close();
	});
});
