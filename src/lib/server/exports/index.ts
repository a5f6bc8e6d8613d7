/** Segment exports: CSV and XLSX streamed from one DuckDB query, escaped and logged. */
export { prepareSegmentExport, CONTENT_TYPES, type ExportFormat, type ExportRequest, type PreparedExport } from './export-segment.ts';
export { recentExports, logExport, type ExportHistoryRow, type ExportRecord } from './export-log.ts';
export { exportColumns, columnHeaders, type ExportColumn } from './columns.ts';
export { escapeFormula, safeCell } from './escape.ts';
export { exportFileName, contentDisposition } from './file-name.ts';
export { contactRanking, type ContactRanking } from './best-contact.ts';
export { SinkClosedError } from './sink.ts';
export type { CsvDelimiter } from './csv-writer.ts';
