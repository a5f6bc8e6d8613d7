/** Shared shapes of the ingest engine: job specs, dialects, results. */

export const COLUMN_TYPES = ['text', 'integer', 'number', 'money', 'date', 'timestamp', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	required: boolean;
	/** Fills an empty cell (or a column missing from the file). */
	default?: string | number | boolean;
	/** `default: ordinal_in_key`: numbered within the other key columns in file order. */
	ordinalInKey: boolean;
	/** `default: title_date`: a file without the column takes the date its title block states (a 1C report's period end). */
	titleDate: boolean;
	/** `fallback: <column>`: when no header names this column, it reads that column's header too. */
	fallback?: string;
	/**
	 * `ordinal_with: <column>`: rows are numbered only in a file that has that column (a deals
	 * export with its product lines); in any other file every row is line 1 and a repeated key
	 * is a duplicate, as for a key without the ordinal.
	 */
	ordinalWith?: string;
	min?: number;
	aliases: string[];
	/** What people call it (ingest/titles/columns.yml or the job file). */
	title?: { ru: string; en: string };
}

/** `dialect:` in a job file or CLI flags: what detection must not guess. */
export interface DialectOverride {
	encoding?: string;
	delimiter?: string;
	decimal?: '.' | ',';
	thousands?: string;
	/** strptime format(s) for every date/timestamp column. */
	date_format?: string | string[];
	/** Slash dates (3/1/2017) as day/month or month/day, whatever the values say. */
	date_order?: DateOrder;
	sheet?: string;
	/** 1-based line (or sheet row) of the header. */
	header_row?: number;
}

/** A user mapping file (ingest/mappings/*.yml): header in the file → canonical column. */
export interface MappingSpec {
	file: string;
	family: string;
	entity: string;
	files: string[];
	columns: Record<string, string>;
}

/**
 * What says a file is this entity rather than another with similar columns (`detect:` in a
 * job file): header names only this kind of export has, and names of the documents it
 * lists (in a document column or the report's title), matched at the start of a value.
 */
export interface DetectSignals {
	headers: string[];
	documents: string[];
	/** family.entity names this entity wins against when the file fits both equally. */
	preferOver: string[];
}

export interface EntitySpec {
	family: string;
	name: string;
	/** raw.<table> */
	table: string;
	title: { ru: string; en: string };
	files: string[];
	key: string[];
	version?: string;
	keepUnmapped: boolean;
	columns: ColumnSpec[];
	dialect?: DialectOverride;
	detect: DetectSignals;
	mappings: MappingSpec[];
}

export interface JobSpec {
	family: string;
	title: { ru: string; en: string };
	schedule?: string;
	file: string;
	entities: EntitySpec[];
}

export type DateOrder = 'day-first' | 'month-first';

/** How slash dates are read and what decided it. */
export interface DateOrderDecision {
	order: DateOrder;
	/** values: a part above 12 decided; assumed: nothing did (day-first); override: a flag, the upload page or a job file; mapping: the saved mapping that read the file. */
	by: 'values' | 'assumed' | 'override' | 'mapping';
	/** head: the first rows (detection, preview); file: every value of the columns (the load). */
	scope: 'head' | 'file';
	/** Values whose first part is above 12 (only day-first reads them) and whose second part is. */
	firstAbove12: number;
	secondAbove12: number;
	/** Date columns with slash dates. */
	columns: string[];
	/** A value that shows the chosen order (by values), under its header in the file: what the upload page quotes. */
	evidence?: SlashExample;
}

/** One slash date of a file and the header of its column. */
export interface SlashExample {
	header: string;
	value: string;
}

/** ibm866 (cp866) only for 1CClientBankExchange statements that say Кодировка=DOS. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'ibm866';


/** What was detected (or overridden) about a file; stored as audit.files.dialect. */
export interface Dialect {
	encoding: TextEncoding;
	delimiter: string;
	decimal: '.' | ',';
	/** Thousands separators seen in numbers ('' when none). */
	thousands: string[];
	/** 1-based line of the header (sheet row for XLSX). */
	headerRow: number;
	/** Date/timestamp formats per canonical column. */
	dateFormats: Record<string, string[]>;
	/** Day-first vs month-first for slash dates. */
	dayFirst: boolean;
	/** Set when a date column holds slash dates: the order and what decided it. */
	dateOrder?: DateOrderDecision;
	sheet?: string;
	/** A structured format converted to rows, e.g. «1CClientBankExchange 1.03». */
	format?: string;
	/** Which fields came from an override rather than detection. */
	overridden: string[];
}

export type Stage = 'reading' | 'decoding' | 'converting' | 'loading' | 'merging' | 'done';

export interface IngestProgress {
	file: string;
	stage: Stage;
	bytesDone: number;
	bytesTotal: number;
}

export type ProgressCallback = (progress: IngestProgress) => void;
