import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * A record the converter of a structured format (1CClientBankExchange) could not turn
 * into a row at all — a document section never closed — found before the load. It is
 * quarantined in the load's transaction beside the rows the typed select rejects.
 */
export interface FormatReject {
	rowNo: number;
	rawLine: string;
	reason: string;
	reasonRu: string;
}

/** Writes the rejects to audit.rejected_rows (appender into a temp table, one insert); returns how many. */
export async function quarantineFormatRejects(connection: DuckDBConnection, fileId: number, rejects: FormatReject[]): Promise<number> {
	if (rejects.length === 0) return 0;
	await connection.run('create temp table _ingest_format_rejects (row_no BIGINT, raw_line VARCHAR, reason VARCHAR, reason_ru VARCHAR)');
	const appender = await connection.createAppender('_ingest_format_rejects', 'main', 'temp');
	for (const r of rejects) {
		appender.appendBigInt(BigInt(r.rowNo));
		appender.appendVarchar(r.rawLine);
		appender.appendVarchar(r.reason);
		appender.appendVarchar(r.reasonRu);
		appender.endRow();
	}
	appender.closeSync();
	await connection.run(`insert into audit.rejected_rows (file_id, row_no, raw_line, reason, reason_ru, column_name)
		select ${fileId}, row_no, raw_line, reason, reason_ru, null from _ingest_format_rejects`);
	await connection.run('drop table _ingest_format_rejects');
	return rejects.length;
}
