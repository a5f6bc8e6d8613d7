import type { Warehouse } from '../warehouse/index.ts';

export interface RejectedRow {
	rowNo: number;
	reason: string;
	/** The reason in Russian; null for rows rejected before reasons were kept in both languages. */
	reasonRu: string | null;
	column: string | null;
	rawLine: string | null;
}

/** The quarantined rows of one loaded file, in file order (the first `limit`), and their number. */
export async function rejectedRowsOf(warehouse: Warehouse, fileId: number, limit = 200): Promise<{ rows: RejectedRow[]; total: number }> {
	const [rows, total] = await Promise.all([
		warehouse.query<{ row_no: number; reason: string; reason_ru: string | null; column_name: string | null; raw_line: string | null }>(
			`select row_no, reason, reason_ru, column_name, raw_line from audit.rejected_rows where file_id = $1 order by row_no limit ${Math.max(1, Math.floor(limit))}`,
			[fileId]
		),
		warehouse.query<{ n: number }>('select count(*) as n from audit.rejected_rows where file_id = $1', [fileId])
	]);
	return {
		rows: rows.map((row) => ({ rowNo: row.row_no, reason: row.reason, reasonRu: row.reason_ru, column: row.column_name, rawLine: row.raw_line })),
		total: total[0]?.n ?? 0
	};
}
