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

/**
 * What came as close to detection's pick as the runner-up did (as close as the engine reports
 * without --verbose), best first: the page says detection is unsure and names them. None when
 * a mapping decided. A bare «Дата; Номер; Контрагент; Сумма» ties bank payments and invoices.
 */
export function closeRivals(preview: FilePreview): string[] {
	const runnerUp = preview.runnerUp;
	if (preview.mapping || !runnerUp?.close) return [];
	const pick = `${preview.family}.${preview.entity}`;
	const rivals = preview.candidates.filter((c) => c.entity !== pick && c.missing.length === 0 && c.score >= runnerUp.score).map((c) => c.entity);
	return rivals.length ? rivals : [runnerUp.entity];
}
