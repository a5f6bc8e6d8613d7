import type { FilePreview } from './upload-client.ts';

/** header in the file → canonical column, as the page edits it */
export type ColumnChoice = Record<string, string>;

/** What the preview reads each header as (headers no column claimed are left out). */
export function currentChoice(preview: FilePreview): ColumnChoice {
	const choice: ColumnChoice = {};
	for (const column of preview.columns) if (column.header !== null) choice[column.header] = column.column;
	return choice;
}

/**
 * The choice with `header` read as `column` (null: not loaded). A column belongs to one
 * header: choosing it for another takes it from the one that had it.
 */
export function assignColumn(choice: ColumnChoice, header: string, column: string | null): ColumnChoice {
	const next: ColumnChoice = {};
	for (const [h, c] of Object.entries(choice)) if (h !== header && c !== column) next[h] = c;
	if (column) next[header] = column;
	return next;
}

/** The headers detection left unused: the page asks the reader to check it read the file right (none when a mapping decided). */
export function doubts(preview: FilePreview): string[] {
	if (preview.mapping) return [];
	return preview.unmapped.filter((h) => h.trim() !== '');
}
