import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import exportCommand from '../../src/lib/server/jobs/export.ts';
import { bufferedOutput } from '../../src/lib/server/jobs/output.ts';
import { runCommandHere } from '../../src/lib/server/jobs/run-command.ts';
import { resolvePaths } from '../../src/lib/server/config/paths.ts';
import { ingestInbox } from '../../src/lib/server/ingest/inbox.ts';
import { createSegment } from '../../src/lib/server/segments/index.ts';
import { receiveUpload } from '../../src/lib/server/uploads/upload-store.ts';
import { Warehouse } from '../../src/lib/server/warehouse/index.ts';
import { loadSegmentMarts } from '../fixtures/segments/fixture.ts';
import { repoRoot } from '../helpers/mart-fixture.ts';

/**
 * The warehouse holds password hashes and customers' personal data: what oborot writes
 * must be readable by its own user only, whatever the umask (022 makes files 0644).
 */
let previousUmask: number;
let root: string;
beforeAll(() => {
	previousUmask = process.umask(0o022);
});
afterAll(() => {
	process.umask(previousUmask);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every folder and file under `dir` with its permission bits, e.g. { 'uploads': '700', 'warehouse.duckdb': '600' }. */
function modes(dir: string, skip: string[] = []): Record<string, string> {
	const found: Record<string, string> = {};
	const walk = (at: string) => {
		for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
			const full = path.join(at, entry.name);
			const relative = path.relative(dir, full);
			if (skip.includes(relative)) continue;
			found[relative] = (fs.statSync(full).mode & 0o777).toString(8);
			if (entry.isDirectory()) walk(full);
		}
	};
	found['.'] = (fs.statSync(dir).mode & 0o777).toString(8);
	walk(dir);
	return found;
}

const SALES = 'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Сумма\nР-1;1;01.02.2024;ООО «Альфа»;7707083893;A1;2;2 001,00\n';

describe('files private by default', () => {
	it('the warehouse, uploads, the archive and temp files are 0600 in 0700 folders under umask 022', async () => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-private-'));
		const paths = resolvePaths({ OBOROT_HOME: path.join(root, 'home'), OBOROT_PROJECT: repoRoot });
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			await receiveUpload(paths, { name: 'продажи.csv', body: Readable.from([Buffer.from(SALES)]), declaredSize: null, actor: 'admin' }, { maxBytes: 1 << 20 });
			// A file someone dropped in the inbox (their folder, their mode) is archived private.
			const inbox = path.join(paths.inbox, 'accounting');
			fs.mkdirSync(inbox, { recursive: true });
			fs.writeFileSync(path.join(inbox, 'продажи.csv'), SALES);
			const [loaded] = await ingestInbox(warehouse, paths, 'accounting', { minAgeMs: 0 });
			expect(loaded.status).toBe('loaded');
		} finally {
			warehouse.close();
		}
		const found = modes(paths.home, ['inbox']);
		expect(Object.keys(found)).toEqual(expect.arrayContaining(['.', 'warehouse.duckdb', 'uploads', 'archive', 'archive/accounting', 'archive/accounting/продажи.csv']));
		const uploadId = fs.readdirSync(path.join(paths.home, 'uploads'))[0];
		expect(found[`uploads/${uploadId}/продажи.csv`]).toBe('600');
		expect(found[`uploads/${uploadId}/upload.json`]).toBe('600');
		for (const [entry, mode] of Object.entries(found)) {
			const isDir = fs.statSync(path.join(paths.home, entry)).isDirectory();
			expect(mode, entry).toBe(isDir ? '700' : '600');
		}
	});

	it('makes an existing warehouse and its folder private when it opens them', async () => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-private-'));
		const file = path.join(root, 'home', 'warehouse.duckdb');
		(await Warehouse.open(file)).close();
		// As an older version left them.
		fs.chmodSync(file, 0o644);
		fs.chmodSync(path.dirname(file), 0o755);
		(await Warehouse.open(file)).close();
		expect(modes(path.dirname(file))).toEqual({ '.': '700', 'warehouse.duckdb': '600' });
	});

	it('writes an export file 0600', async () => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-private-'));
		const paths = resolvePaths({ OBOROT_HOME: path.join(root, 'home'), OBOROT_PROJECT: root });
		const warehouse = await Warehouse.open(paths.warehouse);
		try {
			await loadSegmentMarts(warehouse);
			await createSegment(warehouse, { name: 'Все', definition: { conditions: [] } }, 'marina');
			const out = bufferedOutput(() => undefined);
			const code = await runCommandHere(exportCommand, ['segment', 'Все', '--out', path.join(root, 'exports', 'все.csv')], { paths, out, warehouse: async () => warehouse });
			expect(code).toBe(0);
		} finally {
			warehouse.close();
		}
		expect(modes(path.join(root, 'exports'))).toEqual({ '.': '700', 'все.csv': '600' });
	});
});
