#!/usr/bin/env node
// The npm registry mirror here lacks some foreign-platform builds (darwin, win32, …) of
// packages that ship native binaries as optional dependencies (@duckdb/node-bindings-*,
// @rollup/rollup-*). `npm install` then leaves them out of package-lock.json, and
// `npm ci` refuses such a lock ("Missing: … from lock file") even though it would skip
// those packages on this platform anyway. This adds an entry with the package's os/cpu
// for every optional dependency the lock lacks, so `npm ci` skips it instead of failing.
// Run it after `npm install` changes the lock: node scripts/complete-lockfile.js
import fs from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'openharmony', 'aix', 'sunos', 'netbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** @param {string} name */
function platformOf(name) {
	const tokens = name.split('/').pop()?.split('-') ?? [];
	const os = OS.find((o) => tokens.includes(o));
	const cpu = CPU.find((c) => tokens.includes(c)) ?? (tokens.includes('eabi') || tokens.includes('gnueabihf') || tokens.includes('musleabihf') ? 'arm' : undefined);
	if (!os || !cpu) return null;
	/** @type {{ os: string[]; cpu: string[]; libc?: string[] }} */
	const platform = { os: [os], cpu: [cpu] };
	if (os === 'linux') {
		if (tokens.some((t) => t.startsWith('musl'))) platform.libc = ['musl'];
		else if (tokens.some((t) => t.startsWith('gnu'))) platform.libc = ['glibc'];
	}
	return platform;
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const added = [];
for (const [where, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const base = where ? `${where}/node_modules/` : 'node_modules/';
		if (lock.packages[`${base}${name}`] || lock.packages[`node_modules/${name}`]) continue;
		const platform = platformOf(name);
		if (!platform) {
			console.error(`cannot tell the platform of ${name}; add its lock entry by hand`);
			process.exitCode = 1;
			continue;
		}
		lock.packages[`node_modules/${name}`] = { version, optional: true, ...platform };
		added.push(`${name}@${version}`);
	}
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} foreign-platform lock entries:\n  ${added.join('\n  ')}` : 'package-lock.json already lists every optional dependency');
