import type { DuckDBConnection } from '@duckdb/node-api';
import type { FilePlan } from './plan.ts';

/**
 * Fills _row_no of a CSV's staging table with the numbers users see (header line = 1
 * for a plain CSV). DuckDB keeps the good records in file order (row ids from `base`
 * up, one per record) and leaves out rejected records and blank lines; both are gaps
 * with known line numbers. Record k sits on line first + k + (gaps before it), set-based
 * with an ASOF join against the running gap count. XLSX rows carry their sheet row.
 */
export async function fillRowNumbers(
	connection: DuckDBConnection,
	plan: FilePlan,
	staging: string,
	base: bigint,
	badTable: string,
	blankLines: number[]
): Promise<void> {
	if (plan.sheetRowField) return;
	await connection.run('create temp table _ingest_gaps (line BIGINT)');
	if (blankLines.length) {
		const appender = await connection.createAppender('_ingest_gaps', 'main', 'temp');
		for (const line of blankLines) {
			appender.appendBigInt(BigInt(line));
			appender.endRow();
		}
		appender.closeSync();
	}
	await connection.run(`insert into _ingest_gaps select line from ${badTable}`);
	const first = plan.headerLine + 1;
	await connection.run(`create temp table _ingest_gap_counts as
		select t, max(j) as j from (
			select line - ${first} - (row_number() over (order by line) - 1) as t, row_number() over (order by line) as j
			from (select distinct line from _ingest_gaps where line >= ${first})
		) group by t`);
	const gaps = Number((await connection.runAndReadAll('select count(*) from _ingest_gap_counts')).getRows()[0][0]);
	if (gaps === 0) {
		await connection.run(`update ${staging} set _row_no = ${first} + (rowid - ${base})`);
		return;
	}
	await connection.run(`update ${staging} set _row_no = n.row_no
		from (select s.rowid as rid, ${first} + (s.rowid - ${base}) + coalesce(g.j, 0) as row_no
			from ${staging} s asof left join _ingest_gap_counts g on (s.rowid - ${base}) >= g.t) n
		where ${staging}.rowid = n.rid`);
}

/** Row number of a DuckDB rejects entry: its line, or the sheet row the line carries. */
export function rejectRowNo(plan: FilePlan, lineSql: string, csvLineSql: string): string {
	if (plan.sheetRowField) return `try_cast(split_part(ltrim(${csvLineSql}, chr(10) || chr(13)), ',', 1) as BIGINT)`;
	return lineSql;
}
