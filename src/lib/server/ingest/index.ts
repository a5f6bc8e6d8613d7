/**
 * The ingest engine: what the CLI, the web upload, the server and the scheduler call.
 * ingestFiles and ingestInbox serialise their loads through warehouse.exclusive
 * themselves: do not call them inside warehouse.exclusive (that queue is not re-entrant,
 * the inner call would wait for the outer one forever).
 */
export { loadJobs, parseJobFile, parseMappingFile, allEntities, findEntity, JobSpecError } from './job-spec.ts';
export { ensureRawTables, type RawTablesReport } from './raw-tables.ts';
export { ingestFiles, type FileResult, type IngestOptions } from './ingest-files.ts';
export { previewFile, type FilePreview } from './preview.ts';
export { ingestInbox, type InboxResult, type InboxOptions } from './inbox.ts';
export { IngestFileError } from './entity-detect.ts';
export { IngestLimitError, readIngestLimits, DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest-limits.ts';
export { MappingError, type AppliedMapping, type MappingErrorCode } from './mapping-choice.ts';
export { loadSavedMappings, listSavedMappings, saveMapping, deleteSavedMapping, savedMappingsDir, completeHandMapping, type SavedMapping, type HandMapping } from './saved-mappings.ts';
export { columnTitle, type Title } from './column-titles.ts';
export type { DateOrder, DateOrderDecision, Dialect, DialectOverride, EntitySpec, JobSpec, IngestProgress, ProgressCallback, Stage } from './types.ts';
