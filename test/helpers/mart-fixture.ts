import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePaths, type OborotPaths } from '../../src/lib/server/config/paths.ts';
import { ingestFiles, type FileResult } from '../../src/lib/server/ingest/index.ts';
import { buildAtPaths, type BuildResult } from '../../src/lib/server/transform/index.ts';
import { Warehouse, type Row } from '../../src/lib/server/warehouse/index.ts';
import { copyProject } from '../fixtures/transform/helpers.ts';

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
	/**
	 * Writes a file of the project (path relative to it, e.g. models/tests/x.sql); only on a
	 * fixture made with { copyProject: true }, whose project is a copy the test may change.
	 */
	writeProjectFile(file: string, text: string): void;
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

/** The parts of the repository that make the project: what a copy of it holds. */
const PROJECT_PARTS = ['models', 'ingest', 'dashboards', 'oborot.yml'];

/**
 * A temp warehouse over the repository's project: ingest tiny exports, build, query marts.
 * With { copyProject: true } the project (models, ingest jobs, dashboards, oborot.yml) is a
 * copy in the temp folder, which the test may change (plant a failing test, say).
 */
export async function martFixture(options: { copyProject?: boolean } = {}): Promise<MartFixture> {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-mart-'));
	const project = options.copyProject ? path.join(home, 'project') : repoRoot;
	if (options.copyProject) {
		for (const part of PROJECT_PARTS) {
			const from = path.join(repoRoot, part);
			if (fs.statSync(from).isDirectory()) {
				fs.mkdirSync(path.join(project, part), { recursive: true });
				copyProject(from, path.join(project, part));
			} else fs.copyFileSync(from, path.join(project, part));
		}
	}
	const paths = resolvePaths({ OBOROT_HOME: home, OBOROT_PROJECT: project });
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
		writeProjectFile(file, text) {
			if (!options.copyProject) throw new Error('writeProjectFile changes the project: make the fixture with { copyProject: true }');
			fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
			fs.writeFileSync(path.join(project, file), text);
		},
		close() {
			warehouse.close();
			fs.rmSync(home, { recursive: true, force: true });
		}
	};
}
