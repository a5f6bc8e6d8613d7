import fs from 'node:fs';
import path from 'node:path';
import type { OborotPaths } from '../config/paths.ts';
import { privateDir, privateFile } from '../config/private-files.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { ingestFiles, type FileResult } from './ingest-files.ts';
import { loadJobs } from './job-spec.ts';
import { expandPaths } from './list-files.ts';
import type { JobSpec, ProgressCallback } from './types.ts';

export interface InboxOptions {
	/** Files younger than this may still be being copied in: left for the next run. Default 5 s. */
	minAgeMs?: number;
	actor?: string;
	jobs?: JobSpec[];
	onProgress?: ProgressCallback;
}

export interface InboxResult extends FileResult {
	/** Where the file was moved (archive/<family>/, or archive/<family>/failed/). */
	archivedTo: string;
}

/** archive/<family>/name, or name-2.ext, name-3.ext … when that is taken. */
function freeName(dir: string, name: string): string {
	privateDir(dir);
	const ext = path.extname(name);
	const stem = name.slice(0, name.length - ext.length);
	let candidate = path.join(dir, name);
	for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${stem}-${n}${ext}`);
	return candidate;
}

function move(from: string, to: string): void {
	try {
		fs.renameSync(from, to);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
		fs.copyFileSync(from, to);
		fs.rmSync(from);
	}
	// the file keeps the mode of whoever dropped it in the inbox: archived, it is private
	privateFile(to);
}

/**
 * Loads every new file under inbox/<family>/ (each family of the jobs, or the one
 * given) as that family, and moves it out of the inbox: loaded and already-loaded files
 * to archive/<family>/, files that could not be loaded to archive/<family>/failed/ (so
 * they are not retried on every tick; audit.files has the reason, and a fixed file
 * dropped in the inbox again is a new file). The scheduler calls this on each job's
 * schedule; the web upload may too.
 */
export async function ingestInbox(warehouse: Warehouse, paths: OborotPaths, family?: string, options: InboxOptions = {}): Promise<InboxResult[]> {
	const jobs = options.jobs ?? loadJobs(paths.ingestJobs);
	const families = family ? [family] : jobs.map((j) => j.family);
	const minAge = options.minAgeMs ?? 5000;
	const results: InboxResult[] = [];
	for (const name of families) {
		const dir = path.join(paths.inbox, name);
		if (!fs.existsSync(dir)) continue;
		const now = Date.now();
		const files = expandPaths([dir]).filter((file) => now - fs.statSync(file).mtimeMs >= minAge);
		for (const file of files) {
			const [result] = await ingestFiles(warehouse, paths, [file], { family: name, actor: options.actor ?? 'inbox', jobs }, options.onProgress);
			const target = freeName(path.join(paths.archive, name, ...(result.status === 'failed' ? ['failed'] : [])), path.basename(file));
			move(file, target);
			results.push({ ...result, archivedTo: target });
		}
	}
	return results;
}
