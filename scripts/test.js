#!/usr/bin/env node
// `npm test`: makes sure Chromium is there for the browser tests, builds the app the
// end-to-end tests run against, then runs every vitest suite. Never skips silently.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.OBOROT_CHROMIUM ?? '/usr/bin/chromium';

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		console.error(
			`The browser tests need Chromium at ${CHROMIUM}.\n` +
				'Install it with:  sudo apt-get install -y chromium   (or set OBOROT_CHROMIUM to its path), then run npm test again.'
		);
		process.exit(1);
	}
	console.log('Installing Chromium for the browser tests (apt-get install -y chromium)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
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
