#!/usr/bin/env node
// `npm test`: makes sure Chromium is there for the browser tests, builds the app the
// end-to-end tests run against, then runs every vitest suite. Never skips silently.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.OBOROT_CHROMIUM ?? '/usr/bin/chromium';

function ensureChromium() {
	// chromium-l10n: the browser tests run Chromium in Russian (date fields as dd.mm.yyyy)
	if (fs.existsSync(CHROMIUM) && (process.env.OBOROT_CHROMIUM || fs.existsSync('/usr/lib/chromium/locales/ru.pak'))) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		console.error(
			`The browser tests need Chromium at ${CHROMIUM}.\n` +
				'Install it with:  sudo apt-get install -y chromium chromium-l10n   (or set OBOROT_CHROMIUM to its path), then run npm test again.'
		);
		process.exit(1);
	}
	console.log('Installing Chromium for the browser tests (apt-get install -y chromium chromium-l10n)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-l10n'], { stdio: 'inherit', env });
}

/** @param {string} command @param {string[]} args */
function run(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureChromium();
run('npx', ['svelte-kit', 'sync']);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
