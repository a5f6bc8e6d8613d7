import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { ingestFiles, type FileResult } from '../../src/lib/server/ingest/index.ts';
import { buildAtPaths, type BuildResult } from '../../src/lib/server/transform/index.ts';
import { Warehouse, type Row } from '../../src/lib/server/warehouse/index.ts';

/** The repository root: its ingest/, models/ and oborot.yml are the project the fixture builds. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface MartFixture {
	/** Temporary OBOROT_HOME (warehouse, exports written by the test). */
	home: string;
	paths: OborotPaths;
	warehouse: Warehouse;
	/**
	 * Writes each export (file name → CSV text, or bytes for another encoding) under
	 * home/exports and ingests them with the real ingest engine, in the order given. Throws
	 * when a file fails or rejects rows, so a fixture typo cannot pass silently; pass
	 * { allowRejects: true } to test quarantine.
	 */
	ingest(files: Record<string, string | Uint8Array>, options?: { allowRejects?: boolean }): Promise<FileResult[]>;
	/** Ingests files or folders already on disk (e.g. a generated demo), with the same checks. */
	ingestPaths(paths: string[], options?: { allowRejects?: boolean }): Promise<FileResult[]>;
	/**
	 * Builds the repo's real models (e.g. select ['+dim_customer']) with optional var
	 * overrides. Throws with the runner's message when the build fails.
	 */
	build(select?: string[], vars?: Record<string, unknown>): Promise<BuildResult>;
	query<T = Row>(sql: string): Promise<T[]>;
	close(): void;
}

/** csv`…` helper: trims the common indentation of a template literal so CSVs read naturally in tests. */
export function csv(strings: TemplateStringsArray, ...values: unknown[]): string {
	const text = String.raw({ raw: strings }, ...values);
	const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
	const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length));
	return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

function checked(results: FileResult[], options: { allowRejects?: boolean }): FileResult[] {
	for (const r of results) {
		if (r.status === 'failed') throw new Error(`ingest of ${r.name} failed: ${r.message}`);
		if (r.rejected && !options.allowRejects) {
			throw new Error(`ingest of ${r.name} rejected ${r.rejected} row(s): ${JSON.stringify(r.samples)}`);
		}
	}
	return results;
}

/** A temp warehouse over the repository's project: ingest tiny exports, build, query marts. */
export async function martFixture(): Promise<MartFixture> {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-mart-'));
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: repoRoot });
	const warehouse = await Warehouse.open(paths.warehouse);
	const exportsDir = path.join(home, 'exports');
	fs.mkdirSync(exportsDir, { recursive: true });
	return {
		home,
		paths,
		warehouse,
		async ingest(files, options = {}) {
			const written = Object.entries(files).map(([name, text]) => {
				const file = path.join(exportsDir, name);
				fs.writeFileSync(file, text);
				return file;
			});
			return checked(await ingestFiles(warehouse, paths, written, { actor: 'test' }), options);
		},
		async ingestPaths(files, options = {}) {
			return checked(await ingestFiles(warehouse, paths, files, { actor: 'test' }), options);
		},
		async build(select, vars) {
			const result = await buildAtPaths(paths, warehouse, { select, vars, triggeredBy: 'test' });
			if (result.status !== 'success') throw new Error(`build failed: ${result.message}`);
			return result;
		},
		query: (sql) => warehouse.query(sql),
		close() {
			warehouse.close();
			fs.rmSync(home, { recursive: true, force: true });
		}
	};
}
