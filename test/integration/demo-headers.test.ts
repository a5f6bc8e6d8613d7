import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoManifest } from '../../src/lib/server/demo/generate.ts';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { detectFile } from '../../src/lib/server/ingest/detect-file.ts';
import { loadJobs } from '../../src/lib/server/ingest/job-spec.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';
import { loadJobEntities, readManifest, tempDir } from './demo-fixtures.ts';

// Every file the demo writes must be one the ingest engine reads as its own entity.

const entities = loadJobEntities();
let dir: string;
let manifest: DemoManifest;

beforeAll(async () => {
	dir = tempDir('oborot-demo-headers-');
	await generateDemo({ seed: 3, scale: 0.3, years: 2, endDay: parseIsoDay('2026-10-31'), outDir: dir });
	manifest = readManifest(dir);
});

function globMatches(name: string, glob: string): boolean {
	const body = glob.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
	return new RegExp(`^${body}$`, 'iu').test(name);
}

describe('demo file headers against ingest/*.yml', () => {
	it('writes a file for every entity of every job', () => {
		const written = new Set(manifest.files.map((f) => `${f.family}.${f.entity}`));
		for (const entity of entities) expect(written, `${entity.family}.${entity.name}`).toContain(`${entity.family}.${entity.name}`);
	});

	it('is read by the ingest engine as its own entity, with every needed column and a clear lead over the runner-up', async () => {
		const jobs = loadJobs(path.join(repoRoot, 'ingest'));
		const all = jobs.flatMap((job) => job.entities);
		const tempDirectory = tempDir('oborot-demo-headers-detect-');
		for (const entry of manifest.files) {
			// the whole file against every entity of every family, as `oborot ingest` with no --source
			const plan = await detectFile(path.join(dir, entry.path), { entities: all, tempDir: tempDirectory });
			try {
				expect(`${plan.entity.family}.${plan.entity.name}`, entry.path).toBe(`${entry.family}.${entry.entity}`);
				expect(plan.match.missing.map((c) => c.name), entry.path).toEqual([]);
				if (plan.runnerUp) expect(plan.score - plan.runnerUp.score, `${entry.path}: runner-up ${plan.runnerUp.entity}`).toBeGreaterThan(0);
			} finally {
				for (const temp of plan.temporary) fs.rmSync(temp, { force: true });
			}
		}
	});

	it('names files so that only their own entity\'s globs match', () => {
		for (const entry of manifest.files) {
			const name = path.basename(entry.path);
			for (const entity of entities.filter((e) => e.family === entry.family)) {
				const hit = entity.files.some((g) => globMatches(name, g));
				expect(hit, `${name} vs ${entity.name} globs`).toBe(entity.name === entry.entity);
			}
		}
	});

	it('uses the encodings and dialects the manifest states', async () => {
		const encodings = new Set<string>();
		for (const entry of manifest.files) {
			const bytes = fs.readFileSync(path.join(dir, entry.path));
			if (entry.format === 'xlsx') {
				expect(bytes.subarray(0, 2).toString('latin1'), entry.path).toBe('PK');
				continue;
			}
			encodings.add(`${entry.encoding}|${entry.delimiter}`);
			const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
			expect(bom, entry.path).toBe(entry.encoding === 'utf-8-bom');
			if (entry.encoding === 'windows-1251') {
				// Not valid UTF-8, and Cyrillic once decoded as cp1251.
				expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), entry.path).toThrow();
				expect(/[а-яА-ЯіїєІЇЄ]/.test(new TextDecoder('windows-1251').decode(bytes.subarray(0, 400))), entry.path).toBe(true);
			}
		}
		// cp1251 `;`, UTF-8 with BOM `;`, UTF-8 `,`, UTF-8 tab, UTF-8 `;`, plus XLSX.
		expect([...encodings].sort()).toEqual(['utf-8-bom|;', 'utf-8|\t', 'utf-8|,', 'utf-8|;', 'windows-1251|;']);
		expect(manifest.files.some((f) => f.format === 'xlsx')).toBe(true);
	});

	it('puts a title line before the bank statement header', async () => {
		const statement = manifest.files.find((f) => f.path.startsWith('payments/bank_statement_'))!;
		expect(statement.header_line).toBe(2);
		const text = new TextDecoder('windows-1251').decode(fs.readFileSync(path.join(dir, statement.path)));
		expect(text.split('\r\n')[0]).toMatch(/^Выписка по расчетному счету \d{20}/);
	});
});
