import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoManifest } from '../../src/lib/server/demo/generate.ts';
import { parseIsoDay } from '../../src/lib/server/demo/calendar.ts';
import { loadJobEntities, normalizeHeader, readManifest, readTable, tempDir, type JobEntity } from './demo-fixtures.ts';

// Every header row the demo writes must be one the ingest jobs recognise — checked against
// ingest/*.yml directly (the engine that will read them is written in parallel).

const entities = loadJobEntities();
let dir: string;
let manifest: DemoManifest;

beforeAll(async () => {
	dir = tempDir('oborot-demo-headers-');
	await generateDemo({ seed: 3, scale: 0.3, years: 2, endDay: parseIsoDay('2026-10-31'), outDir: dir });
	manifest = readManifest(dir);
});

/** Columns a header names: exact alias matches, and "alias + short unit" prefix matches (as the engine also allows). */
function matches(entity: JobEntity, header: string): { exact: string[]; prefix: string[] } {
	const h = normalizeHeader(header);
	const exact: string[] = [];
	const prefix: string[] = [];
	for (const column of entity.columns) {
		const aliases = [column.name, ...column.aliases].map(normalizeHeader).filter(Boolean);
		if (aliases.includes(h)) exact.push(column.name);
		else if (aliases.some((a) => a.length >= 4 && h.startsWith(a) && h.length - a.length <= 5)) prefix.push(column.name);
	}
	return { exact, prefix };
}

function needed(entity: JobEntity): string[] {
	return entity.columns.filter((c) => c.required || (entity.key.includes(c.name) && c.default === undefined)).map((c) => c.name);
}

function globMatches(name: string, glob: string): boolean {
	const body = glob.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
	return new RegExp(`^${body}$`, 'iu').test(name);
}

describe('demo file headers against ingest/*.yml', () => {
	it('writes a file for every entity of every job', () => {
		const written = new Set(manifest.files.map((f) => `${f.family}.${f.entity}`));
		for (const entity of entities) expect(written, `${entity.family}.${entity.name}`).toContain(`${entity.family}.${entity.name}`);
	});

	it('maps every file to its entity with all required columns, each header to one column', async () => {
		for (const entry of manifest.files) {
			const entity = entities.find((e) => e.family === entry.family && e.name === entry.entity)!;
			expect(entity, entry.path).toBeDefined();
			const { header } = await readTable(dir, entry);
			const claimed = new Map<string, string>();
			for (const h of header) {
				const { exact } = matches(entity, h);
				expect(exact.length, `${entry.path}: «${h}» names ${exact.join(', ')}`).toBeLessThanOrEqual(1);
				if (exact.length === 1) {
					expect(claimed.has(exact[0]), `${entry.path}: ${exact[0]} claimed by «${claimed.get(exact[0])}» and «${h}»`).toBe(false);
					claimed.set(exact[0], h);
				}
			}
			for (const column of needed(entity)) expect(claimed.has(column), `${entry.path} lacks ${column}`).toBe(true);
		}
	});

	it('matches no other entity of the family as well as its own', async () => {
		for (const entry of manifest.files) {
			const { header } = await readTable(dir, entry);
			const score = (entity: JobEntity) => {
				const hits = new Set<string>();
				for (const h of header) {
					const m = matches(entity, h);
					for (const c of [...m.exact, ...m.prefix]) hits.add(c);
				}
				return { hits: hits.size, complete: needed(entity).every((c) => hits.has(c)) };
			};
			const own = score(entities.find((e) => e.family === entry.family && e.name === entry.entity)!);
			for (const other of entities.filter((e) => e.family === entry.family && e.name !== entry.entity)) {
				const s = score(other);
				if (s.complete) expect(s.hits, `${entry.path}: ${other.name} scores ${s.hits} vs own ${own.hits}`).toBeLessThan(own.hits);
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
