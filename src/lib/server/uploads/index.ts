/** Browser uploads of export files: stored, previewed, loaded with the ingest engine, rebuilt. */
export { receiveUpload, readUpload, removeUpload, removeStaleUploads, uploadsDir, DEFAULT_MAX_UPLOAD_BYTES, formatMegabytes, type StoredUpload } from './upload-store.ts';
export { previewUpload, ingestUpload, previousLoad, type UploadPreview, type UploadResult, type PreviousLoad, type UploadReading } from './upload-service.ts';
export { uploadSources, savedMappingList, saveUploadMapping, deleteUploadMapping, type SourceFamily, type SourceEntity, type MappingSummary, type MappingList } from './upload-mappings.ts';
export { rejectedRowsOf, type RejectedRow } from './rejected-rows.ts';
export { rebuildModels, type RebuildSummary } from './rebuild.ts';
export { publishHolds, confirmHolds, type PublishHold } from './publish-holds.ts';
export { UPLOAD_EXTENSIONS, checkUploadName } from './file-types.ts';
