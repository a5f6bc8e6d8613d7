import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../warehouse/index.ts';
import type { FilePlan } from './plan.ts';
import { duplicateReason, olderVersionReason } from './reason-sql.ts';
import { HELPER_COLUMNS } from './typed-select.ts';

export interface MergeTarget {
	/** Staging table (typed rows with helper columns and _row_no filled). */
	staging: string;
	/** raw.<family>_<entity> */
	table: string;
	fileId: number;
	/** raw is empty and has the staged shape: the staging table becomes it. */
	swap: boolean;
}

export interface MergeResult {
	/** Rows that are data: not blank, not a report's total line or group row. */
	nonBlank: number;
	loaded: number;
	/** Rows quarantined here: failed checks, earlier duplicates, older versions. */
	rejected: number;
	emptyRows: number;
	replaced: number;
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
	return Number((await connection.runAndReadAll(sql)).getRows()[0][0] ?? 0);
}

/**
 * Quarantines staged rows that fail (checks, duplicate keys within the file, versions
 * older than what raw holds) and moves the rest into raw: replacing rows with the same
 * key, or — for the first load of an entity — turning the staging table into the raw table.
 */
export async function mergeIntoRaw(connection: DuckDBConnection, plan: FilePlan, target: MergeTarget): Promise<MergeResult> {
	const { entity } = plan;
	const { staging, table, fileId } = target;
	const mapped = new Set(plan.match.mapped.map((m) => m.column.name));
	const ordinal = entity.columns.filter((c) => c.ordinalInKey && !mapped.has(c.name));
	// numbered only where the file has the column that makes lines (ordinal_with); else line 1
	const numbered = ordinal.filter((c) => !c.ordinalWith || mapped.has(c.ordinalWith));
	const keyNames = entity.key.filter((k) => !ordinal.some((c) => c.name === k));
	const mergeKeys = keyNames.map(quoteIdent);
	const partition = mergeKeys.length ? mergeKeys.join(', ') : '1';
	const excluded: string[] = [];
	const good = (alias = '') =>
		[`${alias}_reason is null`, `not ${alias}_blank`, `${alias}_skip is null`, ...excluded.map((t) => `${alias}rowid not in (select rid from ${t})`)].join(' and ');

	for (const column of ordinal) {
		if (!numbered.includes(column)) {
			await connection.run(`update ${staging} set ${quoteIdent(column.name)} = 1`);
			continue;
		}
		await connection.run(`update ${staging} set ${quoteIdent(column.name)} = o.n
			from (select rowid as rid, row_number() over (partition by ${partition} order by rowid) as n from ${staging} where ${good()}) o
			where ${staging}.rowid = o.rid`);
	}

	await connection.run('create temp table _ingest_dups (rid BIGINT, row_no BIGINT, last_row_no BIGINT)');
	if (numbered.length === 0) {
		await connection.run(`insert into _ingest_dups
			with rows as (select rowid as rid, _row_no, ${mergeKeys.join(', ')} from ${staging} where ${good()}),
			last as (select ${mergeKeys.join(', ')}, max(rid) as last_rid, arg_max(_row_no, rid) as last_row_no
				from rows group by ${mergeKeys.join(', ')} having count(*) > 1)
			select r.rid, r._row_no, l.last_row_no from rows r join last l using (${mergeKeys.join(', ')}) where r.rid < l.last_rid`);
	}
	const dups = await scalar(connection, 'select count(*) from _ingest_dups');
	if (dups) excluded.push('_ingest_dups');

	await connection.run('create temp table _ingest_older (rid BIGINT, row_no BIGINT, new_version VARCHAR, kept_version VARCHAR)');
	const version = entity.version && mapped.has(entity.version) ? quoteIdent(entity.version) : undefined;
	if (version && !target.swap) {
		await connection.run(`insert into _ingest_older
			select n.rowid, n._row_no, n.${version}::VARCHAR, r.${version}::VARCHAR
			from ${staging} n join ${table} r on ${mergeKeys.map((k) => `r.${k} = n.${k}`).join(' and ')}
			where ${good('n.')} and n.${version} < r.${version}`);
	}
	const older = await scalar(connection, 'select count(*) from _ingest_older');
	if (older) excluded.push('_ingest_older');

	const delimiter = quoteLiteral(plan.dialect.delimiter);
	const canonicalLine = `array_to_string([${entity.columns.map((c) => `coalesce(s.${quoteIdent(c.name)}::VARCHAR, '')`).join(', ')}], ${delimiter})`;
	const quarantine = [`select ${fileId}, _row_no, _raw_line, _reason, _reason_ru, _failed_columns from ${staging} where _reason is not null`];
	if (dups) {
		const reason = duplicateReason('d.last_row_no', keyNames);
		quarantine.push(`select ${fileId}, d.row_no, ${canonicalLine}, ${reason.en}, ${reason.ru}, ${quoteLiteral(keyNames.join(', '))}
			from ${staging} s join _ingest_dups d on s.rowid = d.rid`);
	}
	if (older) {
		const reason = olderVersionReason('o.new_version', 'o.kept_version');
		quarantine.push(`select ${fileId}, o.row_no, ${canonicalLine}, ${reason.en}, ${reason.ru}, ${quoteLiteral(entity.version ?? '')}
			from ${staging} s join _ingest_older o on s.rowid = o.rid`);
	}
	await connection.run(`insert into audit.rejected_rows (file_id, row_no, raw_line, reason, reason_ru, column_name) ${quarantine.join('\nunion all\n')}`);

	const [nonBlank, failed, emptyRows] = (
		await connection.runAndReadAll(
			`select count(*) filter (where not _blank and _skip is null), count(*) filter (where _reason is not null), count(*) filter (where _blank) from ${staging}`
		)
	)
		.getRows()[0]
		.map(Number);
	const rejected = failed + dups + older;

	if (target.swap) {
		await connection.run(`delete from ${staging} where not (${good()})`);
		for (const helper of HELPER_COLUMNS) await connection.run(`alter table ${staging} drop column ${helper}`);
		const loaded = await scalar(connection, `select count(*) from ${staging}`);
		const name = table.split('.').pop() ?? table;
		await connection.run(`drop table ${table}`);
		await connection.run(`alter table ${staging} rename to ${name}`);
		return { nonBlank, loaded, rejected, emptyRows, replaced: 0 };
	}

	const keysOf = `select distinct ${mergeKeys.join(', ')} from ${staging} where ${good()}`;
	const replaced = await scalar(connection, `select count(*) from ${table} r semi join (${keysOf}) g on ${mergeKeys.map((k) => `r.${k} = g.${k}`).join(' and ')}`);
	if (replaced) {
		await connection.run(`delete from ${table} as r using (${keysOf}) g where ${mergeKeys.map((k) => `r.${k} = g.${k}`).join(' and ')}`);
	}
	const columns = [...entity.columns.map((c) => quoteIdent(c.name)), '_file_id', '_row_no', '_loaded_at', ...(entity.keepUnmapped ? ['_extra'] : [])];
	const inserted = await connection.run(`insert into ${table} (${columns.join(', ')}) select ${columns.join(', ')} from ${staging} where ${good()}`);
	return { nonBlank, loaded: Number(inserted.rowsChanged), rejected, emptyRows, replaced };
}
