import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { OborotPaths } from '../config/paths.ts';
import { plainValueConverter, type SqlValue } from '../warehouse/index.ts';
import { decideOrderOverFile, describeOrder } from './date-order.ts';
import type { Evidence } from './detect-evidence.ts';
import { detectFile } from './detect-file.ts';
import { runnerUpNote, type EntityCandidate, type RunnerUp } from './entity-detect.ts';
import { isNeeded } from './header-match.ts';
import { loadJobs } from './job-spec.ts';
import { mappingNote, type AppliedMapping } from './mapping-choice.ts';
import type { FilePlan } from './plan.ts';
import { wrongFieldCount } from './reason-sql.ts';
import type { SkipKind } from './report-rows.ts';
import { readingFor, type HandMapping } from './saved-mappings.ts';
import { readIngestLimits, type IngestLimits } from './ingest-limits.ts';
import { prepareText, tempPath } from './text-file.ts';
import { readCsvSql, rowSource, typedTableSql } from './typed-select.ts';
import type { ColumnType, Dialect, DialectOverride, JobSpec } from './types.ts';
import { VALUE_MACROS_SQL } from './value-sql.ts';

export interface PreviewColumn {
	column: string;
	/** What people call it; null when nobody titled the column. */
	title: { ru: string; en: string } | null;
	type: ColumnType;
	/** The load needs it: required, or a key part nothing fills in. */
	required: boolean;
	header: string | null;
	via: 'mapping' | 'alias' | 'prefix' | null;
}

export interface PreviewRow {
	rowNo: number;
	/** canonical column → typed value as it would land */
	values: Record<string, SqlValue>;
	/** Why the row would be quarantined, or null; reasonRu says it in Russian. */
	reason: string | null;
	reasonRu: string | null;
	/** A report's total line or group row: neither loaded nor rejected. */
	skipped: SkipKind | null;
}

export interface FilePreview {
	name: string;
	kind: FilePlan['kind'];
	family: string;
	entity: string;
	title: { ru: string; en: string };
	dialect: Dialect;
	headers: string[];
	/** Per header, the first value under it in the first rows (what the mapping by hand shows beside it). */
	examples: string[];
	columns: PreviewColumn[];
	/** Headers no column claimed (kept in _extra or ignored). */
	unmapped: string[];
	notes: string[];
	notesRu: string[];
	/** Why this entity: headers matched plus content evidence; every entity that claims a header, best first; the runner-up and why it lost. */
	score: number;
	evidence: Evidence[];
	candidates: EntityCandidate[];
	runnerUp: RunnerUp | null;
	/** The report's title lines above the header, and the date they state when a column takes it (YYYY-MM-DD). */
	titleLines: string[];
	titleDate: string | null;
	/** The saved or hand mapping that read the file; null when detection did. */
	mapping: AppliedMapping | null;
	/** Columns the load needs that no header is mapped to (only a hand mapping previews with some). */
	missing: string[];
	/** The first rows, typed. */
	rows: PreviewRow[];
	/** Rows of the head of the file that would be rejected, with reasons (the first REJECTED_SHOWN). */
	rejectedRows: PreviewRow[];
	/** How many rows of the head were checked, and how many of them would be rejected. */
	checked: { rows: number; rejected: number };
}

/** Rows of the head checked for the preview (the head is the first 256 KB), and rejected ones shown. */
const CHECKED_ROWS = 5000;
const REJECTED_SHOWN = 50;

function csvField(text: string, delimiter: string): string {
	return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Casts the first rows with the same SQL the load uses, in a throwaway in-memory DuckDB. */
async function typedRows(plan: FilePlan, tempDir: string, limit: number): Promise<PreviewRow[]> {
	const lead = plan.sheetRowField ? 1 : 0;
	const records = plan.sample.slice(0, limit);
	const header = plan.sheetRowField ? ['0', ...plan.headers] : plan.headers;
	const lines = [header, ...records.map((r) => r.fields)].map((fields) => fields.map((f) => csvField(f, plan.dialect.delimiter)).join(plan.dialect.delimiter));
	const file = tempPath(tempDir, '.csv');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		await connection.run(VALUE_MACROS_SQL);
		const small: FilePlan = { ...plan, headerLine: 1 };
		const rows = rowSource(small, readCsvSql(small, file, 'preview_rejects', 'preview_scans'));
		for (const statement of rows.setup) await connection.run(statement);
		await connection.run(typedTableSql(small, 'preview_rows', rows.source, { fileId: 0, loadedAt: '2000-01-01 00:00:00' }, true));
		const reader = await connection.runAndReadAll('select rowid - (select min(rowid) from preview_rows) as k, * from preview_rows order by k');
		const out = reader.convertRowObjects(plainValueConverter);
		const byRecord = new Map(out.map((row) => [Number(row.k), row]));
		// DuckDB leaves out records with a wrong field count; the others keep file order.
		let good = 0;
		return records.map((record) => {
			const fits = lead ? record.fields.length <= plan.width + lead : record.fields.length === plan.width;
			const row = fits ? byRecord.get(good++) : undefined;
			const rowNo = lead ? Number(record.fields[0]) : record.line;
			const values = Object.fromEntries(plan.entity.columns.map((c) => [c.name, row ? (row[c.name] ?? null) : null]));
			const reason = row ? { en: (row._reason as string | null) ?? null, ru: (row._reason_ru as string | null) ?? null } : wrongFieldCount(record.fields.length - lead, plan.width);
			return { rowNo, values, reason: reason.en, reasonRu: reason.ru, skipped: ((row?._skip as SkipKind | null) ?? null) };
		});
	} finally {
		connection.closeSync();
		instance.closeSync();
		fs.rmSync(file, { force: true });
	}
}

/**
 * Slash dates: the order over the whole column, as the load will decide it (one scan of
 * the file's text in a throwaway DuckDB), so the preview shows what will land.
 */
async function wholeColumnDateOrder(plan: FilePlan, tempDir: string, limits: IngestLimits): Promise<void> {
	if (plan.slashColumns.length === 0 || !plan.dialect.dateOrder || plan.dialect.dateOrder.by === 'override' || plan.dialect.dateOrder.by === 'mapping') return;
	const text = plan.sheetRowField ? { textFile: plan.temporary[0], temporary: false } : await prepareText(plan.file, plan.dialect.encoding, tempDir, undefined, limits);
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		await decideOrderOverFile(connection, plan, readCsvSql(plan, text.textFile));
	} finally {
		connection.closeSync();
		instance.closeSync();
		if (text.temporary) fs.rmSync(text.textFile, { force: true });
	}
}

/**
 * What a load would do with a file, without loading it: detected dialect, entity and
 * column mapping, why this entity and not the runner-up, and the first rows cast as they
 * would land (with the reason a row would be quarantined, or that it is a report's total
 * line or group row). The browser upload page shows this before the user confirms.
 */
export async function previewFile(
	paths: OborotPaths,
	file: string,
	options: { family?: string; entity?: string; overrides?: DialectOverride; jobs?: JobSpec[]; rows?: number; mapping?: HandMapping; limits?: IngestLimits } = {}
): Promise<FilePreview> {
	const limits = options.limits ?? readIngestLimits(paths.projectConfig);
	const jobs = options.jobs ?? loadJobs(paths.ingestJobs);
	const tempDir = path.join(paths.home, 'tmp');
	// a hand mapping previews even while it misses columns: the page shows which
	const reading = readingFor(paths, jobs, options, true);
	const plan = await detectFile(file, { entities: reading.entities, overrides: options.overrides, tempDir, mappings: reading.mappings, limits });
	try {
		await wholeColumnDateOrder(plan, tempDir, limits);
		const mapped = new Map(plan.match.mapped.map((m) => [m.column.name, m]));
		const typed = await typedRows(plan, tempDir, CHECKED_ROWS);
		// a total line or a group row is skipped, not rejected
		const rejected = typed.filter((row) => row.reason !== null && row.skipped === null);
		// the preview names its mapping in `mapping`, the runner-up in `runnerUp` and the order of slash dates in `dialect.dateOrder`; their notes would say them twice
		const order = plan.dialect.dateOrder;
		const named = [
			plan.mapping ? mappingNote(plan.mapping) : null,
			plan.runnerUp ? runnerUpNote(plan.runnerUp) : null,
			order ? describeOrder(order, plan.dialect.dateFormats[plan.slashColumns[0]] ?? []) : null
		];
		const twice = new Set(named.flatMap((said) => (said ? [said.en, said.ru] : [])));
		return {
			name: plan.name,
			kind: plan.kind,
			family: plan.entity.family,
			entity: plan.entity.name,
			title: plan.entity.title,
			dialect: plan.dialect,
			headers: plan.headers,
			examples: plan.headers.map((_, i) => plan.sample.slice(0, 20).map((r) => (r.fields[i + (plan.sheetRowField ? 1 : 0)] ?? '').trim()).find((v) => v !== '') ?? ''),
			columns: plan.entity.columns.map((c) => ({
				column: c.name,
				title: c.title ?? null,
				type: c.type,
				required: isNeeded(plan.entity, c),
				header: mapped.get(c.name)?.header ?? null,
				via: mapped.get(c.name)?.via ?? null
			})),
			unmapped: plan.match.unmapped.map((i) => plan.headers[i]),
			notes: plan.notes.filter((note) => !twice.has(note)),
			notesRu: plan.notesRu.filter((note) => !twice.has(note)),
			score: plan.score,
			evidence: plan.evidence,
			candidates: plan.candidates,
			runnerUp: plan.runnerUp ?? null,
			titleLines: plan.title,
			titleDate: plan.titleDate?.iso ?? null,
			mapping: plan.mapping,
			missing: plan.match.missing.map((c) => c.name),
			rows: typed.slice(0, options.rows ?? 20),
			rejectedRows: rejected.slice(0, REJECTED_SHOWN),
			checked: { rows: typed.length, rejected: rejected.length }
		};
	} finally {
		for (const temp of plan.temporary) fs.rmSync(temp, { force: true });
	}
}
