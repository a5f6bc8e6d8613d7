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
	mappings: MappingSpec[];
}

export interface JobSpec {
	family: string;
	title: { ru: string; en: string };
	schedule?: string;
	file: string;
	entities: EntitySpec[];
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
	/** Day-first vs month-first for slash dates, and why. */
	dayFirst: boolean;
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
