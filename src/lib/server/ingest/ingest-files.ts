import fs from 'node:fs';
import path from 'node:path';
import type { OborotPaths } from '../config/paths.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { findPreviousLoad, recordFailure, rejectSamples, type RejectSample } from './audit.ts';
import { findBlankLines } from './blank-lines.ts';
import { detectFile, isSpreadsheet } from './detect-file.ts';
import { IngestLimitError, longLineReject, readIngestLimits, type IngestLimits } from './ingest-limits.ts';
import { loadJobs } from './job-spec.ts';
import { expandPaths } from './list-files.ts';
import type { Evidence } from './detect-evidence.ts';
import type { RunnerUp } from './entity-detect.ts';
import { loadPlan, type SkippedRow } from './load-file.ts';
import type { AppliedMapping } from './mapping-choice.ts';
import type { FilePlan } from './plan.ts';
import { ensureRawTables } from './raw-tables.ts';
import { readingFor, type HandMapping, type Reading } from './saved-mappings.ts';
import { hashFile, prepareText, removeStaleTemps } from './text-file.ts';
import type { Dialect, DialectOverride, JobSpec, ProgressCallback, Stage } from './types.ts';

export interface IngestOptions {
	/** --source: only this family's entities. */
	family?: string;
	/** --entity: "entity" or "family.entity". */
	entity?: string;
	/** CLI dialect flags (win over job files and detection). */
	overrides?: DialectOverride;
	/** Who loads (audit.files.loaded_by). */
	actor?: string;
	/** Jobs already loaded by the caller; read from paths.ingestJobs otherwise. */
	jobs?: JobSpec[];
	/** The browser's mapping (entity and columns): wins over detection and saved mappings. */
	mapping?: HandMapping;
	/** What one file may cost; oborot.yml `limits:` (or the defaults) otherwise. */
	limits?: IngestLimits;
}

export interface FileResult {
	file: string;
	name: string;
	status: 'loaded' | 'skipped' | 'failed';
	message?: string;
	family?: string;
	entity?: string;
	fileId?: number;
	dialect?: Dialect;
	/** canonical column → header in the file */
	mapping?: Record<string, string>;
	/** The saved or hand mapping that read the file (not detection). */
	appliedMapping?: AppliedMapping;
	notes: string[];
	read: number;
	loaded: number;
	rejected: number;
	replaced: number;
	emptyRows: number;
	/** A report's total lines and group rows, not read as data (count, and the first few). */
	skippedRows: number;
	skipped: SkippedRow[];
	/** The file was refused for what reading it would cost (message in English, `ru` in Russian). */
	limit?: { code: IngestLimitError['code']; kind: IngestLimitError['kind']; ru: string };
	/** Why this entity: its score and evidence, and the runner-up with why it lost. */
	detection?: { score: number; evidence: Evidence[]; runnerUp?: RunnerUp };
	samples: RejectSample[];
	seconds: number;
	/** Seconds per stage: decode, read_and_type, checks, merge, quarantine_and_audit. */
	timings: Record<string, number>;
}

function tempDirOf(paths: OborotPaths): string {
	return path.join(paths.home, 'tmp');
}

function emptyResult(file: string): FileResult {
	return {
		file,
		name: path.basename(file),
		status: 'failed',
		notes: [],
		read: 0,
		loaded: 0,
		rejected: 0,
		replaced: 0,
		emptyRows: 0,
		skippedRows: 0,
		skipped: [],
		samples: [],
		seconds: 0,
		timings: {}
	};
}

async function ingestOne(
	warehouse: Warehouse,
	paths: OborotPaths,
	file: string,
	reading: Reading,
	options: IngestOptions & { limits: IngestLimits },
	onProgress: ProgressCallback
): Promise<FileResult> {
	const { limits } = options;
	const startedAt = new Date();
	const result = emptyResult(file);
	const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
	const stage = (s: Stage, done = 0) => onProgress({ file, stage: s, bytesDone: done, bytesTotal: size });
	const actor = options.actor ?? 'oborot';
	let plan: FilePlan | undefined;
	let hash: string | undefined;
	try {
		// An XLSX sheet is converted to CSV during detection: say so, it can take a while.
		stage(isSpreadsheet(file) ? 'converting' : 'reading');
		const detectStarted = performance.now();
		plan = await detectFile(file, { entities: reading.entities, overrides: options.overrides, tempDir: tempDirOf(paths), mappings: reading.mappings, limits });
		Object.assign(result, {
			family: plan.entity.family,
			entity: plan.entity.name,
			dialect: plan.dialect,
			mapping: Object.fromEntries(plan.match.mapped.map((m) => [m.column.name, m.header])),
			appliedMapping: plan.mapping ?? undefined,
			notes: plan.notes,
			detection: { score: plan.score, evidence: plan.evidence, runnerUp: plan.runnerUp }
		});
		result.timings.detect = Math.round(performance.now() - detectStarted) / 1000;
		const decodeStarted = performance.now();
		const decodeCpu = process.cpuUsage();
		if (!plan.text && plan.kind !== 'csv') {
			const textFile = plan.temporary[0];
			plan.text = { hash: await hashFile(file), sizeBytes: size, encoding: 'utf-8', textFile, temporary: true, hasEmptyLines: false };
		} else if (!plan.text) {
			// (a 1CClientBankExchange statement comes with its text, converted at detection)
			plan.text = await prepareText(file, plan.dialect.encoding, tempDirOf(paths), (done) => stage('decoding', done), limits);
			plan.formatRejects = [...(plan.formatRejects ?? []), ...(plan.text.longLines ?? []).map((long) => longLineReject(long, limits.maxLineBytes))];
			if (plan.text.temporary) plan.temporary.push(plan.text.textFile);
			plan.dialect.encoding = plan.text.encoding;
		}
		hash = plan.text.hash;
		result.timings.decode = Math.round(performance.now() - decodeStarted) / 1000;
		const decodeCpuUsed = process.cpuUsage(decodeCpu);
		result.timings.decode_cpu = Math.round((decodeCpuUsed.user + decodeCpuUsed.system) / 1000) / 1000;
		const blankLines = plan.text.hasEmptyLines ? await findBlankLines(plan.text.textFile, plan.dialect.delimiter, plan.headerLine) : [];
		const current = plan;
		const outcome = await warehouse.exclusive(async () => {
			const previous = await findPreviousLoad(warehouse, current.text!.hash, current.entity.family, current.entity.name);
			if (previous) return { previous };
			const loadStarted = performance.now();
			const loaded = await loadPlan(warehouse, current, { blankLines, actor, startedAt, onStage: (s) => stage(s, size) });
			// What the stages do not cover is mostly the commit (DuckDB writing the new rows).
			const staged = Object.entries(loaded.timings).reduce((sum, [name, t]) => (name.endsWith('_cpu') ? sum : sum + t), 0);
			loaded.timings.commit = Math.round(performance.now() - loadStarted - staged * 1000) / 1000;
			return { loaded };
		});
		if ('previous' in outcome && outcome.previous) {
			result.status = 'skipped';
			result.fileId = outcome.previous.fileId;
			result.message = `already loaded (file #${outcome.previous.fileId} on ${outcome.previous.loadedAt.slice(0, 16)}); nothing changed`;
		} else if (outcome.loaded) {
			const { timings, ...counts } = outcome.loaded;
			Object.assign(result, counts, { status: 'loaded' });
			Object.assign(result.timings, timings);
			result.samples = await rejectSamples(warehouse, counts.fileId);
			if (counts.replaced) result.message = `replaced ${counts.replaced} rows loaded before`;
		}
	} catch (error) {
		result.status = 'failed';
		result.message = error instanceof Error ? error.message : String(error);
		if (error instanceof IngestLimitError) result.limit = { code: error.code, kind: error.kind, ru: error.ru };
		try {
			hash ??= fs.existsSync(file) ? await hashFile(file) : '';
			result.fileId = await warehouse.exclusive(() =>
				recordFailure(warehouse, {
					hash: hash ?? '',
					name: path.basename(file),
					path: file,
					sizeBytes: size || null,
					family: plan?.entity.family ?? options.family ?? null,
					entity: plan?.entity.name ?? null,
					encoding: plan?.dialect.encoding ?? null,
					dialect: plan?.dialect ?? null,
					message: result.message ?? 'failed',
					startedAt,
					actor
				})
			);
		} catch (auditError) {
			result.message += ` (and the failure could not be recorded: ${auditError instanceof Error ? auditError.message : String(auditError)})`;
		}
	} finally {
		for (const temp of plan?.temporary ?? []) fs.rmSync(temp, { force: true });
	}
	result.seconds = Math.round((Date.now() - startedAt.getTime()) / 10) / 100;
	stage('done', size);
	return result;
}

/**
 * Loads files (folders are searched recursively for csv/txt/tsv/xlsx): detect, decode,
 * load in one transaction each, quarantine bad rows. Never throws for a bad file: its
 * result says 'failed' with the reason (and audit.files has it). The web upload, the
 * server and `oborot ingest` all come through here.
 */
export async function ingestFiles(
	warehouse: Warehouse,
	paths: OborotPaths,
	files: string[],
	options: IngestOptions = {},
	onProgress: ProgressCallback = () => {}
): Promise<FileResult[]> {
	const jobs = options.jobs ?? loadJobs(paths.ingestJobs);
	// unknown --source / --entity, a wrong hand mapping or a broken saved one is the caller's mistake: throw before touching anything
	const reading = readingFor(paths, jobs, options);
	const limits = options.limits ?? readIngestLimits(paths.projectConfig);
	await warehouse.exclusive(() => ensureRawTables(warehouse, jobs));
	removeStaleTemps(tempDirOf(paths));
	const results: FileResult[] = [];
	for (const file of expandPaths(files)) results.push(await ingestOne(warehouse, paths, file, reading, { ...options, limits }, onProgress));
	return results;
}
