import fs from 'node:fs';
import { loadJobs } from '../ingest/index.ts';

type Words = { ru: string; en: string };

/** An export family as the ingest job files name it (crm, payments, stock, accounting) and its raw tables. */
export interface SourceFamily {
	family: string;
	title: Words;
	tables: { table: string; title: Words }[];
}

/**
 * The families of ingest/*.yml; none when the folder is missing or a job file is broken
 * (ingest reports that itself — here the families only put words to raw table names).
 */
export function sourceFamilies(ingestJobs: string): SourceFamily[] {
	if (!fs.existsSync(ingestJobs)) return [];
	try {
		return loadJobs(ingestJobs).map((job) => ({
			family: job.family,
			title: job.title,
			tables: job.entities.map((entity) => ({ table: entity.table, title: entity.title }))
		}));
	} catch {
		return [];
	}
}

/** The family a raw table (stock_balances, or raw.stock_balances) is loaded from. */
export function familyOfTable(families: SourceFamily[], table: string): SourceFamily | null {
	const name = table.replace(/^raw\./, '');
	return families.find((f) => f.tables.some((t) => t.table === name)) ?? null;
}

/** "stock", "CRM", "accounting (1C)": a family's English title as it reads inside a sentence. */
export function familyWords(family: SourceFamily): string {
	const title = family.title.en;
	return /^[A-Z][a-z]/.test(title) ? title[0].toLowerCase() + title.slice(1) : title;
}
