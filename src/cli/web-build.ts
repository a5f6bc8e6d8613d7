import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Output } from '../lib/server/jobs/command.ts';

/** The folder of the oborot package (holds src/, build/, vite.config.ts). */
export const packageRoot = path.resolve(import.meta.dirname, '..', '..');

function newestMtime(target: string): number {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

/** Builds the web app (vite build) when build/ is missing or older than its sources. */
export function ensureWebBuild(out: Output, force = false): void {
	const entry = path.join(packageRoot, 'build', 'handler.js');
	const builtAt = fs.statSync(entry, { throwIfNoEntry: false })?.mtimeMs ?? 0;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => path.join(packageRoot, p));
	if (!force && builtAt > 0 && Math.max(...sources.map(newestMtime)) <= builtAt) return;
	out.info(builtAt ? 'Sources changed: rebuilding the web app (vite build)…' : 'Building the web app (vite build, once)…');
	const vite = path.join(packageRoot, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: packageRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('vite build failed; see the output above');
}
