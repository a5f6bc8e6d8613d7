import type { FileKind } from './converters.ts';
import type { Evidence } from './detect-evidence.ts';
import type { EntityCandidate, RunnerUp } from './entity-detect.ts';
import type { FormatReject } from './format-rejects.ts';
import type { HeadRecord } from './csv-head.ts';
import type { HeaderMatch } from './header-match.ts';
import type { AppliedMapping } from './mapping-choice.ts';
import type { PreparedText } from './text-file.ts';
import type { TitleDate } from './title-block.ts';
import type { Dialect, EntitySpec } from './types.ts';

/** Everything detection decided about one file: what the loader and the preview use. */
export interface FilePlan {
	file: string;
	name: string;
	kind: FileKind;
	entity: EntitySpec;
	match: HeaderMatch;
	/** Header cells of the file (without the source-row field of a converted file). */
	headers: string[];
	/** Data fields per row DuckDB reads (c0..c{width-1}). */
	width: number;
	/** Converted file (XLSX…): the first field of every line is the source row number. */
	sheetRowField: boolean;
	/** DuckDB line of the header in the text DuckDB reads. */
	headerLine: number;
	dialect: Dialect;
	/** Data records of the head (after the header), as text. */
	sample: HeadRecord[];
	/** Headers matched plus content evidence of the chosen entity; every candidate; the runner-up. */
	score: number;
	evidence: Evidence[];
	candidates: EntityCandidate[];
	runnerUp?: RunnerUp;
	/** Title lines above the header and the date they state. */
	title: string[];
	titleDate?: TitleDate;
	/** Header positions of a grouped report's group columns (see report-rows.ts). */
	groupColumns: number[];
	/** Date columns holding slash dates (3/1/2017): their order is decided over the whole column at load. */
	slashColumns: string[];
	/** The hand or saved mapping that decided entity and columns; null when detection did. */
	mapping: AppliedMapping | null;
	notes: string[];
	/** The same notes in Russian, for the upload page. */
	notesRu: string[];
	/** UTF-8 text for DuckDB; set by materialize (converted files: at detection). */
	text?: PreparedText;
	/** Records the converter could not make a row of (quarantined by the load). */
	formatRejects?: FormatReject[];
	/** Temp files to remove when done. */
	temporary: string[];
	/** A longer line is quarantined (DuckDB's max_line_size); the default limit without it. */
	maxLineBytes?: number;
}
