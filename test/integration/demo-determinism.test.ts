import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { generateDemo } from '../../src/lib/server/demo/generate.ts';
import { ROOT, readManifest, tempDir } from './demo-fixtures.ts';

/** path → sha256 of every file under dir. */
function hashes(dir: string): Map<string, string> {
	const out = new Map<string, string>();
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const full = path.join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else out.set(path.relative(dir, full), crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
		}
	};
	walk(dir);
	return out;
}

const options = (seed: number, outDir: string, years = 1) => ({ seed, scale: 0.2, years, endDay: parseIsoDay('2025-06-30'), outDir });

describe('demo determinism', () => {
	it('writes byte-identical files for the same seed and end date, different ones for another seed', async () => {
		const [a, b, c] = [tempDir('oborot-demo-a-'), tempDir('oborot-demo-b-'), tempDir('oborot-demo-c-')];
		await generateDemo(options(11, a));
		// A pause so wall-clock stamps (XLSX entry times) would differ if they leaked in.
		await new Promise((resolve) => setTimeout(resolve, 2100));
		await generateDemo(options(11, b));
		await generateDemo(options(12, c));
		const [ha, hb, hc] = [hashes(a), hashes(b), hashes(c)];
		expect(ha.size).toBeGreaterThan(15);
		expect([...hb.keys()].sort()).toEqual([...ha.keys()].sort());
		for (const [file, hash] of ha) expect(hb.get(file), file).toBe(hash);
		// Another seed: other customers, prices and sales; only the list of files stays.
		expect([...hc.keys()].sort()).toEqual([...ha.keys()].sort());
		const same = [...ha].filter(([file, hash]) => hc.get(file) === hash).map(([file]) => file);
		expect(same).toEqual([]);
	});

	it('makes the end date part of the result', async () => {
		const [a, b] = [tempDir('oborot-demo-end-a-'), tempDir('oborot-demo-end-b-')];
		await generateDemo(options(5, a));
		await generateDemo({ ...options(5, b), endDay: parseIsoDay('2025-07-31') });
		expect(readManifest(a).generator.end_date).toBe('2025-06-30');
		expect(readManifest(b).generator.end_date).toBe('2025-07-31');
		expect(hashes(a).get('accounting/sales_2025.csv')).not.toBe(hashes(b).get('accounting/sales_2025.csv'));
	});

	it('removes the files of a previous run listed in its manifest, and nothing else', async () => {
		const dir = tempDir('oborot-demo-rerun-');
		await generateDemo(options(3, dir, 3));
		fs.writeFileSync(path.join(dir, 'accounting', 'my-notes.txt'), 'keep me');
		expect(fs.existsSync(path.join(dir, 'accounting', 'sales_2022.csv'))).toBe(true);
		await generateDemo(options(3, dir, 1));
		expect(fs.existsSync(path.join(dir, 'accounting', 'sales_2022.csv'))).toBe(false);
		expect(fs.readFileSync(path.join(dir, 'accounting', 'my-notes.txt'), 'utf8')).toBe('keep me');
		const listed = readManifest(dir).files.map((f) => f.path);
		for (const file of hashes(dir).keys()) if (file !== 'demo-manifest.json' && file !== path.join('accounting', 'my-notes.txt')) expect(listed).toContain(file.split(path.sep).join('/'));
	});

	it('runs as `oborot demo` into OBOROT_HOME/inbox and rejects bad arguments', () => {
		const home = tempDir('oborot-demo-cli-');
		const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/oborot.js'), 'demo', ...args], { cwd: ROOT, env: { ...process.env, OBOROT_HOME: home }, encoding: 'utf8' });
		const ok = run(['--seed', '4', '--scale', '0.1', '--years', '1', '--end-date', '2024-12-31']);
		expect(ok.status, ok.stderr).toBe(0);
		expect(ok.stdout).toMatch(/sales lines/);
		expect(readManifest(path.join(home, 'inbox')).generator).toMatchObject({ seed: 4, end_date: '2024-12-31' });
		const bad = run(['--end-date', '2024-02-31']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/end-date/);
		expect(run(['--scale', 'lots']).status).toBe(2);
	});
});
