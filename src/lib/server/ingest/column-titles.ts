import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ColumnSpec, JobSpec } from './types.ts';

/**
 * Titles of canonical columns for people (the upload page's mapping, notes about a file):
 * one shared list in ingest/titles/columns.yml, so `doc_no` is «Номер документа» in every
 * entity that has it, with per-entity exceptions. A job file may title a column itself
 * (`title:` beside `type:`), which wins. Kept out of the job files so the families' aliases
 * and the app's wording change apart.
 */
export const COLUMN_TITLES_FILE = path.join('titles', 'columns.yml');

export interface Title {
	ru: string;
	en: string;
}

const title = z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict();
const titlesSchema = z
	.object({
		columns: z.record(z.string(), title).optional(),
		entities: z.record(z.string(), z.record(z.string(), title)).optional()
	})
	.strict();

/** Reads the titles file of an ingest folder and gives each column without a title of its own one. */
export function attachColumnTitles(dir: string, jobs: JobSpec[], fail: (message: string) => Error): void {
	const file = path.join(dir, COLUMN_TITLES_FILE);
	if (!fs.existsSync(file)) return;
	const label = path.join(path.basename(dir), COLUMN_TITLES_FILE);
	let raw: unknown;
	try {
		raw = parseYaml(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		throw fail(`${label}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
	}
	const parsed = titlesSchema.safeParse(raw);
	if (!parsed.success) {
		throw fail(`${label}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
	}
	const shared = parsed.data.columns ?? {};
	const perEntity = parsed.data.entities ?? {};
	// an exception for an entity or column that does not exist is a typo: say so
	for (const [name, columns] of Object.entries(perEntity)) {
		const [family, entityName] = name.split('.');
		const entity = jobs.find((j) => j.family === family)?.entities.find((e) => e.name === entityName);
		if (!entity) throw fail(`${label}: entities.${name}: no such entity in the ingest jobs`);
		for (const column of Object.keys(columns)) {
			if (!entity.columns.some((c) => c.name === column)) throw fail(`${label}: entities.${name}.${column}: not a column of ${name}`);
		}
	}
	for (const job of jobs) {
		for (const entity of job.entities) {
			const exceptions = perEntity[`${job.family}.${entity.name}`] ?? {};
			for (const column of entity.columns) column.title ??= exceptions[column.name] ?? shared[column.name];
		}
	}
}

/** The column as the reader calls it; its canonical name only when nobody titled it. */
export function columnTitle(column: ColumnSpec, locale: 'ru' | 'en'): string {
	return column.title?.[locale] ?? column.name;
}
