import type { DuckDBConnection } from '@duckdb/node-api';
import type { FilePlan } from './plan.ts';

/**
 * Row numbers users see (header line = 1 for a plain CSV, sheet rows for XLSX).
 * DuckDB keeps the good records of a CSV in file order (rowid k = k-th good record),
 * and leaves out rejected records and blank lines; both are "gaps" with known line
 * numbers. Good record k sits on line first + k + (gaps before it), found set-based
 * with an ASOF join against the running gap count.
 */
export class RowNumbering {
	private constructor(
		private readonly plan: FilePlan,
		private readonly hasGaps: boolean
	) {}

	static async prepare(connection: DuckDBConnection, plan: FilePlan, badTable: string, blankLines: number[]): Promise<RowNumbering> {
		if (plan.sheetRowField) return new RowNumbering(plan, false);
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
		const reader = await connection.runAndReadAll('select count(*) from _ingest_gap_counts');
		return new RowNumbering(plan, Number(reader.getRows()[0][0]) > 0);
	}

	/** `source` has a column k (rowid of the typed table); adds row_no. */
	numbered(source: string): string {
		if (this.plan.sheetRowField) return `(select s.*, s._src_row as row_no from (${source}) s)`;
		const first = this.plan.headerLine + 1;
		if (!this.hasGaps) return `(select s.*, ${first} + s.k as row_no from (${source}) s)`;
		return `(select s.*, ${first} + s.k + coalesce(g.j, 0) as row_no from (${source}) s asof left join _ingest_gap_counts g on s.k >= g.t)`;
	}

	/** Row number of a DuckDB rejects entry (its line, or the sheet row it carries). */
	rejectRowNo(lineSql: string, csvLineSql: string): string {
		if (this.plan.sheetRowField) return `try_cast(split_part(ltrim(${csvLineSql}, chr(10) || chr(13)), ',', 1) as BIGINT)`;
		return lineSql;
	}
}
