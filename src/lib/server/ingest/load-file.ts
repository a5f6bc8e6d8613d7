import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent, quoteLiteral, type Warehouse } from '../warehouse/index.ts';
import type { FilePlan } from './plan.ts';
import { RowNumbering } from './row-numbers.ts';
import { readCsvSql, typedTableSql, valueColumn } from './typed-select.ts';
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
}

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

const ROWS = '_ingest_rows';
const REJECTS = '_ingest_rejects';
const BAD = '_ingest_bad';

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
	const reader = await connection.runAndReadAll(sql);
	return Number(reader.getRows()[0][0] ?? 0);
}

/** Fields in a rejected line: delimiters outside quoted values, plus one. */
function fieldCountSql(delimiter: string): string {
	const unquoted = `regexp_replace(csv_line, '"([^"]|"")*"', '', 'g')`;
	return `(length(${unquoted}) - length(replace(${unquoted}, ${quoteLiteral(delimiter)}, '')) + 1)`;
}

function csvRejectReason(plan: FilePlan): string {
	return `case
		when error_type in ('TOO MANY COLUMNS', 'MISSING COLUMNS') then 'wrong number of fields: ' ||
			${fieldCountSql(plan.dialect.delimiter)} - ${plan.sheetRowField ? 1 : 0} || ' instead of ' || ${plan.width}
		when error_type = 'UNQUOTED VALUE' then 'unbalanced quotes'
		when error_type = 'LINE SIZE OVER MAXIMUM' then 'line too long'
		when error_type like 'INVALID%' then 'characters not valid in the file encoding'
		else lower(error_type) || ': ' || error_message end`;
}

function iso(date: Date): string {
	return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Loads one detected, decoded file in one transaction: the typed read, quarantine of
 * every row that fails a check (with its reason and row number), the merge into
 * raw.<family>_<entity> by key (version-aware), and the audit.files row. Throws (and
 * so rolls back everything) on any error; rows read = loaded + rejected is checked.
 */
export async function loadPlan(warehouse: Warehouse, plan: FilePlan, context: LoadContext): Promise<LoadOutcome> {
	const text = plan.text;
	if (!text) throw new Error('loadPlan needs the decoded text (materialize the plan first)');
	const { entity } = plan;
	const table = qualified('raw', entity.table);
	const timings: Record<string, number> = {};
	let mark = performance.now();
	const lap = (name: string) => {
		const now = performance.now();
		timings[name] = Math.round(now - mark) / 1000;
		mark = now;
	};
	return warehouse.transaction(async (connection) => {
		await connection.run(VALUE_MACROS_SQL);
		const fileId = await scalar(connection, `select nextval('audit.file_id_seq')`);
		context.onStage('loading');
		await connection.run(typedTableSql(plan, ROWS, readCsvSql(plan, text.textFile, REJECTS, '_ingest_scans')));
		await connection.run(`create temp table ${BAD} as
			select line, arg_min(error_type, column_idx) as error_type, arg_min(error_message, column_idx) as error_message,
				ltrim(arg_min(csv_line, column_idx), chr(10) || chr(13)) as csv_line
			from ${REJECTS} group by line`);
		lap('read_and_type');

		context.onStage('merging');
		const numbering = await RowNumbering.prepare(connection, plan, BAD, context.blankLines);
		const mapped = new Set(plan.match.mapped.map((m) => m.column.name));
		const ordinal = entity.columns.filter((c) => c.ordinalInKey && !mapped.has(c.name));
		const mergeKeys = entity.key.filter((k) => !ordinal.some((c) => c.name === k));
		const keyCols = mergeKeys.map(valueColumn);
		// Rows of a table created in this transaction get row ids from a high base, in file order.
		const [base, span, total] = (await connection.runAndReadAll(`select min(rowid), max(rowid) - min(rowid) + 1, count(*) from ${ROWS}`))
			.getRows()[0]
			.map((v) => (v === null ? 0 : BigInt(v as bigint)));
		if (span !== total) throw new Error('internal check failed: typed rows are not contiguous; nothing was loaded');
		const rows = `select rowid - ${base} as k, * from ${ROWS}`;
		const rawEmpty = (await scalar(connection, `select count(*) from (select 1 from ${table} limit 1)`)) === 0;

		await connection.run(`create temp table _ingest_dups (k BIGINT, row_no BIGINT, last_row_no BIGINT)`);
		if (ordinal.length === 0) {
			await connection.run(`insert into _ingest_dups
				with good as ${numbering.numbered(`${rows} where reason is null and not blank`)},
				last as (select ${keyCols.join(', ')}, max(k) as last_k, arg_max(row_no, k) as last_row_no
					from good group by ${keyCols.join(', ')} having count(*) > 1)
				select g.k, g.row_no, l.last_row_no from good g join last l using (${keyCols.join(', ')}) where g.k < l.last_k`);
		}
		const dups = await scalar(connection, 'select count(*) from _ingest_dups');
		let candidates = `${rows} where reason is null and not blank${dups ? ' and k not in (select k from _ingest_dups)' : ''}`;

		await connection.run(`create temp table _ingest_older (k BIGINT, row_no BIGINT, new_version VARCHAR, kept_version VARCHAR)`);
		const version = entity.version && mapped.has(entity.version) ? entity.version : undefined;
		if (version && !rawEmpty) {
			await connection.run(`insert into _ingest_older
				select n.k, n.row_no, n.${valueColumn(version)}::VARCHAR, r.${quoteIdent(version)}::VARCHAR
				from ${numbering.numbered(candidates)} n join ${table} r
					on ${mergeKeys.map((k) => `r.${quoteIdent(k)} = n.${valueColumn(k)}`).join(' and ')}
				where n.${valueColumn(version)} < r.${quoteIdent(version)}`);
		}
		const older = await scalar(connection, 'select count(*) from _ingest_older');
		if (older) candidates += ' and k not in (select k from _ingest_older)';
		lap('checks');

		let replaced = 0;
		if (!rawEmpty) {
			replaced = await scalar(connection, `select count(*) from ${table} r semi join (select distinct ${keyCols.join(', ')} from (${candidates})) g
				on ${mergeKeys.map((k) => `r.${quoteIdent(k)} = g.${valueColumn(k)}`).join(' and ')}`);
			if (replaced) {
				await connection.run(`delete from ${table} as r using (select distinct ${keyCols.join(', ')} from (${candidates})) g
					where ${mergeKeys.map((k) => `r.${quoteIdent(k)} = g.${valueColumn(k)}`).join(' and ')}`);
			}
		}
		const targetCols = [...entity.columns.map((c) => quoteIdent(c.name)), '_file_id', '_row_no', '_loaded_at', ...(entity.keepUnmapped ? ['_extra'] : [])];
		const values = entity.columns.map((c) =>
			ordinal.includes(c)
				? `row_number() over (partition by ${keyCols.length ? keyCols.join(', ') : '1'} order by k)`
				: valueColumn(c.name)
		);
		const inserted = await connection.run(`insert into ${table} (${targetCols.join(', ')})
			select ${[...values, String(fileId), 'row_no', `TIMESTAMP '${iso(context.startedAt)}'`, ...(entity.keepUnmapped ? ['_extra'] : [])].join(', ')}
			from ${numbering.numbered(candidates)}`);
		const loaded = Number(inserted.rowsChanged);
		lap('merge');

		const canonicalLine = `array_to_string([${entity.columns.map((c) => `coalesce(${valueColumn(c.name)}::VARCHAR, '')`).join(', ')}], ${quoteLiteral(plan.dialect.delimiter)})`;
		const quarantine = [
			`select ${fileId}, row_no, raw_line, reason, failed_columns from ${numbering.numbered(`${rows} where reason is not null`)}`,
			`select ${fileId}, ${numbering.rejectRowNo('line', 'csv_line')}, csv_line, ${csvRejectReason(plan)}, null from ${BAD}`
		];
		if (dups) {
			quarantine.push(`select ${fileId}, d.row_no, ${canonicalLine}, 'duplicate of row ' || d.last_row_no || ' (same ${mergeKeys.join(', ')}; the later row is kept)', ${quoteLiteral(mergeKeys.join(', '))}
				from (${rows}) r join _ingest_dups d on r.k = d.k`);
		}
		if (older) {
			quarantine.push(`select ${fileId}, o.row_no, ${canonicalLine}, 'older than the row already loaded (version ' || o.new_version || ' < ' || o.kept_version || ')', ${quoteLiteral(version ?? '')}
				from (${rows}) r join _ingest_older o on r.k = o.k`);
		}
		await connection.run(`insert into audit.rejected_rows (file_id, row_no, raw_line, reason, column_name) ${quarantine.join('\nunion all\n')}`);
		const counts = await connection.runAndReadAll(`select
			count(*) filter (where not blank), count(*) filter (where reason is not null), count(*) filter (where blank) from ${ROWS}`);
		const [nonBlank, castRejected, emptyRows] = counts.getRows()[0].map(Number);
		const csvRejected = await scalar(connection, `select count(*) from ${BAD}`);
		const read = nonBlank + csvRejected;
		const rejected = castRejected + csvRejected + dups + older;
		if (read !== loaded + rejected) {
			throw new Error(`internal check failed: rows read ${read} ≠ loaded ${loaded} + rejected ${rejected}; nothing was loaded`);
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
				JSON.stringify({ ...plan.dialect, mapping: Object.fromEntries(plan.match.mapped.map((m) => [m.column.name, m.header])), notes: plan.notes }),
				read,
				loaded,
				rejected,
				replaced ? `replaced ${replaced} rows loaded before` : null,
				iso(context.startedAt),
				iso(new Date()),
				context.actor
			]
		);
		lap('quarantine_and_audit');
		return { fileId, read, loaded, rejected, emptyRows, replaced, timings };
	});
}
