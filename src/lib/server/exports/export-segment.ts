import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { systemClock, type Clock } from '../auth/clock.ts';
import { ensureMarts, getSegment, type ExportChannel, type Locale, type SavedSegment } from '../segments/index.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { contactRanking, type ContactRanking } from './best-contact.ts';
import type { ExportColumn } from './columns.ts';
import { csvWriter, type CsvDelimiter } from './csv-writer.ts';
import { exportQuery } from './export-query.ts';
import { logExport, logFailedExport } from './export-log.ts';
import { exportFileName } from './file-name.ts';
import { streamRows } from './stream-rows.ts';
import type { RowWriter } from './writer.ts';
import { xlsxWriter } from './xlsx-writer.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
	segment: string;
	format: ExportFormat;
	channel: ExportChannel;
	locale: Locale;
	/** CSV only; `;` also switches numbers to decimal commas (Russian Excel). */
	delimiter?: CsvDelimiter;
	username: string;
	via: 'web' | 'cli';
	ip?: string | null;
	clock?: Clock;
}

/** An export checked and ready to write: run(sink) streams it and logs it. */
export interface PreparedExport {
	segment: SavedSegment;
	columns: ExportColumn[];
	fileName: string;
	contentType: string;
	/** How the best phone/e-mail was chosen (best-contact.ts). */
	ranking: ContactRanking;
	/** Streams the file into the sink (ends it), logs the export; resolves to the row count. */
	run(sink: Writable): Promise<number>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/**
 * Everything that can fail before the first byte — no such segment, marts not built,
 * a definition that no longer validates — fails here, so the web answers a JSON error
 * instead of a broken download. The query runs when run() is called.
 */
export async function prepareSegmentExport(warehouse: Warehouse, request: ExportRequest): Promise<PreparedExport> {
	const clock = request.clock ?? systemClock;
	const segment = await getSegment(warehouse, request.segment);
	const ranking = await contactRanking(warehouse);
	const today = clock();
	const { query, marts, columns } = exportQuery(segment.definition, { today, channel: request.channel, locale: request.locale, ranking });
	await ensureMarts(warehouse, marts);
	const record = { username: request.username, segment: segment.name, format: request.format, channel: request.channel, via: request.via, ip: request.ip };
	return {
		segment,
		columns,
		ranking,
		fileName: exportFileName(segment.name, request.channel, request.format, today),
		contentType: CONTENT_TYPES[request.format],
		async run(sink) {
			const writer: RowWriter =
				request.format === 'xlsx'
					? xlsxWriter(sink, columns, { locale: request.locale, sheetName: segment.name })
					: csvWriter(sink, columns, { locale: request.locale, delimiter: request.delimiter ?? ',' });
			let rows: number;
			try {
				rows = await streamRows(warehouse, query, (batch) => writer.write(batch));
				await writer.finish();
				// logged once the reader has every byte (a browser that gave up is not an export)
				await finished(sink);
			} catch (error) {
				sink.destroy(error instanceof Error ? error : new Error(String(error)));
				await logFailedExport(warehouse, { ...record, reason: error instanceof Error ? error.message : String(error) }, clock).catch(() => undefined);
				throw error;
			}
			await logExport(warehouse, { ...record, rowCount: rows }, clock);
			return rows;
		}
	};
}
