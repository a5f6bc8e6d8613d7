import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteLiteral, type Warehouse } from '../warehouse/index.ts';
import { quarantineFormatRejects } from './format-rejects.ts';
import { DEFAULT_INGEST_LIMITS } from './ingest-limits.ts';
import { decideOrderOverFile } from './date-order.ts';
import { mergeIntoRaw } from './merge-rows.ts';
import type { FilePlan } from './plan.ts';
import { csvRejectReason, type ReasonSql } from './reason-sql.ts';
import { totalRowSql, type SkipKind } from './report-rows.ts';
import { fillRowNumbers, rejectRowNo } from './row-numbers.ts';
import { readCsvSql, rowSource, typedTableSql } from './typed-select.ts';
import type { Stage } from './types.ts';
import { VALUE_MACROS_SQL } from './value-sql.ts';

export interface LoadCounts {
	read: number;
	loaded: number;
	rejected: number;
	/** Rows with every field empty: not data, not counted as read. */
	emptyRows: number;
	/** Loaded rows that replaced rows loaded before (same key). */
	replaced: number;
	/** A report's total lines and group rows: not data, not counted as read. */
	skippedRows: number;
	/** The first of them (row, kind, first cell). */
	skipped: SkippedRow[];
}

export interface SkippedRow {
	rowNo: number;
	kind: SkipKind;
	text: string;
}

/** How many skipped rows are listed (the count covers all). */
const SKIPPED_LISTED = 20;

export interface LoadOutcome extends LoadCounts {
	fileId: number;
	timings: Record<string, number>;
}

export interface LoadContext {
	blankLines: number[];
	actor: string;
	startedAt: Date;
	onStage: (stage: Stage) => void;
}

const REJECTS = '_ingest_rejects';
const BAD = '_ingest_bad';

export async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
	const reader = await connection.runAndReadAll(sql);
	return Number(reader.getRows()[0][0] ?? 0);
}

/** Fields in a rejected line: delimiters outside quoted values, plus one. */
function fieldCountSql(delimiter: string): string {
	const unquoted = `regexp_replace(csv_line, '"([^"]|"")*"', '', 'g')`;
	return `(length(${unquoted}) - length(replace(${unquoted}, ${quoteLiteral(delimiter)}, '')) + 1)`;
}

function lineRejectReason(plan: FilePlan): ReasonSql {
	return csvRejectReason(`(${fieldCountSql(plan.dialect.delimiter)} - ${plan.sheetRowField ? 1 : 0})`, plan.width, plan.maxLineBytes ?? DEFAULT_INGEST_LIMITS.maxLineBytes);
}

export function iso(date: Date): string {
	return date.toISOString().replace('T', ' ').replace('Z', '');
}

async function columnList(connection: DuckDBConnection, schema: string, table: string): Promise<string> {
	const reader = await connection.runAndReadAll(
		`select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) from information_schema.columns
		where table_schema = ${quoteLiteral(schema)} and table_name = ${quoteLiteral(table)}`
	);
	return String(reader.getRows()[0][0] ?? '');
}

/**
 * Loads one detected, decoded file in one transaction: the typed read into a staging
 * table, row numbers, quarantine of every row that fails a check (with its reason and
 * row number), the merge into raw.<family>_<entity> by key (version-aware), and the
 * audit.files row. Any error rolls everything back. rows read = loaded + rejected is
 * checked before commit.
 */
export async function loadPlan(warehouse: Warehouse, plan: FilePlan, context: LoadContext): Promise<LoadOutcome> {
	const text = plan.text;
	if (!text) throw new Error('loadPlan needs the decoded text (materialize the plan first)');
	const { entity } = plan;
	const table = qualified('raw', entity.table);
	const timings: Record<string, number> = {};
	// Wall seconds per stage, and CPU seconds of the whole process (DuckDB's threads included)
	// as `<stage>_cpu`: on a busy machine the CPU figures are the ones that compare.
	let mark = performance.now();
	let cpuMark = process.cpuUsage();
	const lap = (name: string) => {
		const now = performance.now();
		const cpu = process.cpuUsage(cpuMark);
		timings[name] = Math.round(now - mark) / 1000;
		timings[`${name}_cpu`] = Math.round((cpu.user + cpu.system) / 1000) / 1000;
		mark = now;
		cpuMark = process.cpuUsage();
	};
	return warehouse.transaction(async (connection) => {
		await connection.run(VALUE_MACROS_SQL);
		const fileId = await scalar(connection, `select nextval('audit.file_id_seq')`);
		// A first load of an entity lands straight in a new raw table (one write instead of two).
		const swap = (await scalar(connection, `select count(*) from (select 1 from ${table} limit 1)`)) === 0;
		const stagingName = `_loading_${entity.table}`;
		const staging = swap ? qualified('raw', stagingName) : '_ingest_rows';
		context.onStage('loading');
		const lineage = { fileId, loadedAt: iso(context.startedAt) };
		const rows = rowSource(plan, readCsvSql(plan, text.textFile, REJECTS, '_ingest_scans'));
		for (const statement of rows.setup) await connection.run(statement);
		if (plan.slashColumns.length) await decideOrderOverFile(connection, plan, rows.setup.length ? '_ingest_text' : readCsvSql(plan, text.textFile));
		await connection.run(typedTableSql(plan, staging, rows.source, lineage, !swap));
		await connection.run(`create temp table ${BAD} as
			select line, arg_min(error_type, coalesce(column_idx, 0)) as error_type, arg_min(error_message, coalesce(column_idx, 0)) as error_message,
				ltrim(arg_min(csv_line, coalesce(column_idx, 0)), chr(10) || chr(13)) as csv_line
			from ${REJECTS} group by line`);
		lap('read_and_type');

		context.onStage('merging');
		// Rows of a table created in this transaction get row ids from a high base, in file order.
		const [base, span, total] = (await connection.runAndReadAll(`select min(rowid), max(rowid) - min(rowid) + 1, count(*) from ${staging}`))
			.getRows()[0]
			.map((v) => (v === null ? 0n : BigInt(v as bigint)));
		if (span !== total) throw new Error('internal check failed: staged rows are not contiguous; nothing was loaded');
		await fillRowNumbers(connection, plan, staging, base, BAD, context.blankLines);
		const skipped = await takeSkipped(connection, plan, staging);
		lap('row_numbers');

		// Swapping needs the staged columns to be exactly raw's (a table altered since keeps its order).
		const sameShape = swap && (await columnList(connection, 'raw', stagingName)).startsWith(`${await columnList(connection, 'raw', entity.table)}, `);
		const merged = await mergeIntoRaw(connection, plan, { staging, table, fileId, swap: sameShape });
		lap('checks_and_merge');

		const lineReason = lineRejectReason(plan);
		await connection.run(`insert into audit.rejected_rows (file_id, row_no, raw_line, reason, reason_ru, column_name)
			select ${fileId}, ${rejectRowNo(plan, 'line', 'csv_line')}, csv_line, ${lineReason.en}, ${lineReason.ru}, null from ${BAD}`);
		const csvRejected = await scalar(connection, `select count(*) from ${BAD}`);
		const formatRejected = await quarantineFormatRejects(connection, fileId, plan.formatRejects ?? []);
		const read = merged.nonBlank + csvRejected + formatRejected;
		const detection = {
			entity: `${entity.family}.${entity.name}`,
			score: plan.score,
			evidence: plan.evidence.map((e) => ({ points: e.points, reason: e.en })),
			runnerUp: plan.runnerUp ? { entity: plan.runnerUp.entity, score: plan.runnerUp.score, why: plan.runnerUp.en } : null
		};
		const rejected = merged.rejected + csvRejected + formatRejected;
		if (read !== merged.loaded + rejected) {
			throw new Error(`internal check failed: rows read ${read} ≠ loaded ${merged.loaded} + rejected ${rejected}; nothing was loaded`);
		}
		await connection.run(
			`insert into audit.files (file_id, hash, name, path, size_bytes, family, entity, encoding, dialect, rows_read, rows_loaded, rows_rejected, status, message, started_at, finished_at, loaded_by)
			values ($1, $2, $3, $4, $5, $6, $7, $8, $9::JSON, $10, $11, $12, 'loaded', $13, $14::TIMESTAMP, $15::TIMESTAMP, $16)`,
			[
				fileId,
				text.hash,
				plan.name,
				plan.file,
				text.sizeBytes,
				entity.family,
				entity.name,
				plan.dialect.encoding,
				JSON.stringify({
					...plan.dialect,
					mapping: Object.fromEntries(plan.match.mapped.map((m) => [m.column.name, m.header])),
					notes: plan.notes,
					detection,
					title: plan.title,
					...(plan.titleDate ? { titleDate: plan.titleDate.iso } : {}),
					skipped: { rows: skipped.count, first: skipped.rows }
				}),
				read,
				merged.loaded,
				rejected,
				merged.replaced ? `replaced ${merged.replaced} rows loaded before` : null,
				iso(context.startedAt),
				iso(new Date()),
				context.actor
			]
		);
		lap('audit');
		return { fileId, read, loaded: merged.loaded, rejected, emptyRows: merged.emptyRows, replaced: merged.replaced, skippedRows: skipped.count, skipped: skipped.rows, timings };
	});
}

/**
 * A report's total lines and group rows: those the typed select flagged, and total lines
 * DuckDB's reader refused for their field count (a shorter «Итого» line). They leave the
 * rejects; all are listed (the first few) and counted, never loaded.
 */
async function takeSkipped(connection: DuckDBConnection, plan: FilePlan, staging: string): Promise<{ count: number; rows: SkippedRow[] }> {
	const lead = plan.sheetRowField ? 1 : 0;
	const fields = Array.from({ length: 4 }, (_, i) => `trim(split_part(csv_line, ${quoteLiteral(plan.dialect.delimiter)}, ${i + 1 + lead}), '" ')`);
	await connection.run(`create temp table _ingest_bad_totals as
		select line, ${rejectRowNo(plan, 'line', 'csv_line')} as row_no, left(coalesce(${fields.map((f) => `nullif(${f}, '')`).join(', ')}), 60) as label
		from ${BAD} where ${totalRowSql(fields)}`);
	await connection.run(`delete from ${BAD} where line in (select line from _ingest_bad_totals)`);
	const all = `select _row_no as row_no, _skip as kind, _skip_label as label from ${staging} where _skip is not null
		union all select row_no, 'total', label from _ingest_bad_totals`;
	const count = await scalar(connection, `select count(*) from (${all})`);
	if (count === 0) return { count, rows: [] };
	const reader = await connection.runAndReadAll(`select row_no, kind, label from (${all}) order by row_no limit ${SKIPPED_LISTED}`);
	return { count, rows: reader.getRows().map(([rowNo, kind, label]) => ({ rowNo: Number(rowNo), kind: kind as SkipKind, text: String(label ?? '') })) };
}

