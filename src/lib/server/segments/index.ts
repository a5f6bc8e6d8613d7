/** Segments: definitions compiled to one parameterised query over the marts, saved in app.segments. */
export { parseDefinition, DefinitionError, RFM_SEGMENT_CODES, CONTACT_CHANNELS, type SegmentDefinition, type Condition, type ConditionGroup, type ConditionType, type ContactChannel } from './definition.ts';
export { compilePredicate, type CompileContext } from './compile.ts';
export { segmentSource, countQuery, sampleQuery, CUSTOMER_ORDER, type SegmentCounts, type SegmentSource, type Locale } from './segment-sql.ts';
export { previewSegment, countSegment, type SegmentPreview, type SegmentSampleRow } from './preview.ts';
export { segmentChoices, type SegmentChoices, type Choice } from './choices.ts';
export { listSegments, findSegment, getSegment, createSegment, updateSegment, deleteSegment, segmentInputSchema, segmentNameSchema, type SavedSegment, type SegmentInput } from './store.ts';
export { ensureMarts, missingMartColumns, MART, type MartName } from './marts.ts';
export { EXPORT_CHANNELS, REACH_SQL, exportRowSql, phoneAllowedSql, emailAllowedSql, exportHasEmail, exportHasPhone, type ExportChannel } from './reach.ts';
export { runBound } from './run-bound.ts';
export { SqlParams, type BoundQuery } from './sql-params.ts';
