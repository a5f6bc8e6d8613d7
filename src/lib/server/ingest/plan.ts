import type { EntityCandidate } from './entity-detect.ts';
import type { FormatReject } from './format-rejects.ts';
import type { HeadRecord } from './csv-head.ts';
import type { HeaderMatch } from './header-match.ts';
import type { AppliedMapping } from './mapping-choice.ts';
import type { PreparedText } from './text-file.ts';
import type { Dialect, EntitySpec } from './types.ts';

/** Everything detection decided about one file: what the loader and the preview use. */
export interface FilePlan {
	file: string;
	name: string;
	/** bank-exchange: a 1CClientBankExchange statement, converted to CSV rows at detection. */
	kind: 'csv' | 'xlsx' | 'bank-exchange';
	entity: EntitySpec;
	match: HeaderMatch;
	/** Header cells of the file (without the sheet-row field of converted XLSX). */
	headers: string[];
	/** Data fields per row DuckDB reads (c0..c{width-1}). */
	width: number;
	/** Converted XLSX: the first field of every line is the sheet row number. */
	sheetRowField: boolean;
	/** DuckDB line of the header in the text DuckDB reads. */
	headerLine: number;
	dialect: Dialect;
	/** Data records of the head (after the header), as text. */
	sample: HeadRecord[];
	candidates: EntityCandidate[];
	/** The hand or saved mapping that decided entity and columns; null when detection did. */
	mapping: AppliedMapping | null;
	notes: string[];
	/** The same notes in Russian, for the upload page. */
	notesRu: string[];
	/** UTF-8 text for DuckDB; set by materialize (XLSX: at detection). */
	text?: PreparedText;
	/** Records the converter could not make a row of (quarantined by the load). */
	formatRejects?: FormatReject[];
	/** Temp files to remove when done. */
	temporary: string[];
}
