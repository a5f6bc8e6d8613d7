import fs from 'node:fs';
import path from 'node:path';
import { writeCrm } from './crm-writer.ts';
import { StreamingFiles } from './demo-files.ts';
import { buildManifest, MANIFEST_FILE, type DemoManifest } from './manifest.ts';
import { buildSpendTable, scheduleSpendPayments, writeMarketingSpend } from './marketing.ts';
import type { FileEntry } from './outputs.ts';
import { plantedFacts } from './planted-facts.ts';
import { writeSalesPlan } from './sales-plan.ts';
import { simulate } from './simulation.ts';
import { SNAPSHOT_MONTHS, writeBalanceSnapshot, writeSkuCards } from './stock-files.ts';
import { World, type DemoOptions } from './world.ts';

export type { DemoOptions } from './world.ts';
export type { DemoManifest } from './manifest.ts';

export const FAMILIES = ['crm', 'payments', 'stock', 'accounting'] as const;

export function validateOptions(options: DemoOptions): void {
	if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
	if (!(options.scale >= 0.05 && options.scale <= 1000)) throw new Error(`scale must be between 0.05 and 1000, got ${options.scale}`);
	if (!Number.isInteger(options.years) || options.years < 1 || options.years > 10) throw new Error(`years must be a whole number from 1 to 10, got ${options.years}`);
}

/**
 * Files a previous run listed in its manifest are removed first, so a run with other
 * years or scale leaves no stale yearly files behind; nothing else in the folder is touched.
 */
function removePreviousRun(outDir: string): void {
	const manifestPath = path.join(outDir, MANIFEST_FILE);
	if (!fs.existsSync(manifestPath)) return;
	const previous = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { files?: { path?: unknown }[] };
	for (const file of previous.files ?? []) {
		if (typeof file.path !== 'string') continue;
		const target = path.resolve(outDir, file.path);
		if (target.startsWith(path.resolve(outDir) + path.sep)) fs.rmSync(target, { force: true });
	}
	fs.rmSync(manifestPath, { force: true });
}

export interface GenerateProgress {
	/** Days simulated so far out of the total. */
	(done: number, total: number): void;
}

/**
 * Writes the demo company's exports into `<outDir>/<family>/` and the manifest into
 * `<outDir>/demo-manifest.json`. Same options → byte-identical files.
 */
export async function generateDemo(options: DemoOptions, progress?: GenerateProgress, note?: (message: string) => void): Promise<DemoManifest> {
	validateOptions(options);
	fs.mkdirSync(options.outDir, { recursive: true });
	removePreviousRun(options.outDir);
	for (const family of FAMILIES) fs.mkdirSync(path.join(options.outDir, family), { recursive: true });

	const w = new World(options);
	const entries: FileEntry[] = [];
	const files = new StreamingFiles(w);
	const spend = buildSpendTable(w);
	entries.push(writeMarketingSpend(w, spend));
	scheduleSpendPayments(w, spend);
	const lastMonth = w.days.monthNumber(w.end);
	const totalDays = w.end - w.start + 1;
	await simulate(w, files, {
		endOfDay(day) {
			const monthEnd = w.days.dayOfMonth(day + 1) === 1;
			if ((monthEnd && lastMonth - w.days.monthNumber(day) < SNAPSHOT_MONTHS) || (day === w.end && !monthEnd)) entries.push(writeBalanceSnapshot(w, day));
			progress?.(day - w.start + 1, totalDays);
		}
	});
	entries.push(...(await files.close()));
	note?.(`writing ${w.store.count.toLocaleString('en-US')} counterparties and their contacts`);
	const crm = writeCrm(w);
	entries.push(...crm.entries);
	entries.push(writeSkuCards(w));
	entries.push(await writeSalesPlan(w));
	note?.('writing the manifest');
	const facts = plantedFacts(w, crm.spoiled, crm.contactDuplicates, crm.contactOptOuts);
	const manifest = buildManifest(w, entries, facts, w.store.count - crm.spoiled.size);
	fs.writeFileSync(path.join(options.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
	return manifest;
}
