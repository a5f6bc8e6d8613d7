import fs from 'node:fs';
import { htmlTableToCsv, looksLikeHtmlTable } from './html-table-to-csv.ts';
import type { IngestLimits } from './ingest-limits.ts';
import type { DialectOverride, TextEncoding } from './types.ts';
import { xlsxToCsv } from './xlsx-to-csv.ts';

/**
 * File formats that are not delimited text are converted to a UTF-8 CSV first and then
 * read like any export. The converted CSV's first field on every line is the row a user
 * sees in the source (an XLSX sheet row), so rejected rows are reported by it. A new
 * format (a bank's exchange file, say) is one more entry in CONVERTERS.
 */

/** bank-exchange: a 1CClientBankExchange statement (its own reader, bank-exchange-plan.ts). */
export type FileKind = 'csv' | 'xlsx' | 'html' | 'bank-exchange';

export interface ConvertedCsv {
	/** UTF-8, comma-separated, first field = source row. */
	csv: string;
	/** Widest row (fields, not counting the source-row field). */
	width: number;
	/** The sheet read (XLSX) and the workbook's sheets. */
	sheet?: string;
	sheets?: string[];
	/** The source's own encoding, for the report (an HTML page's charset); the CSV is UTF-8. */
	encoding?: TextEncoding;
}

export interface Converter {
	kind: Exclude<FileKind, 'csv'>;
	/** Whether this converter reads the file: by its name or its first bytes. */
	accepts(file: string, firstBytes: Buffer): boolean;
	/** Writes `target`; throws a plain Error with a reason a user understands, or an IngestLimitError. */
	convert(file: string, target: string, overrides: DialectOverride, limits: IngestLimits): Promise<Omit<ConvertedCsv, 'csv'>>;
	/** The existing conversion no longer fits the overrides (another sheet asked for). */
	stale?(converted: ConvertedCsv, overrides: DialectOverride): boolean;
}

const xlsx: Converter = {
	kind: 'xlsx',
	accepts: (file) => /\.xls[xm]$/i.test(file),
	async convert(file, target, overrides, limits) {
		const sheet = await xlsxToCsv(file, target, overrides.sheet, limits);
		return { width: sheet.width, sheet: sheet.sheet, sheets: sheet.sheets };
	},
	stale: (converted, overrides) => Boolean(overrides.sheet && overrides.sheet.toLowerCase() !== converted.sheet?.toLowerCase())
};

/** An HTML table saved as .xls (Bitrix24's «Excel» export), told by its first bytes whatever its name. */
const html: Converter = {
	kind: 'html',
	accepts: (_file, firstBytes) => firstBytes.length > 0 && looksLikeHtmlTable(firstBytes),
	async convert(file, target) {
		const table = await htmlTableToCsv(file, target);
		return { width: table.width, encoding: table.encoding };
	}
};

export const CONVERTERS: Converter[] = [xlsx, html];

/** Enough bytes to recognise a format by its start (an HTML page's <table> may follow a long <head>). */
const SNIFF_BYTES = 64 * 1024;

export async function converterFor(file: string): Promise<Converter | undefined> {
	const byName = CONVERTERS.find((c) => c.accepts(file, Buffer.alloc(0)));
	if (byName) return byName;
	const handle = await fs.promises.open(file, 'r');
	try {
		const buffer = Buffer.alloc(SNIFF_BYTES);
		const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
		const first = buffer.subarray(0, bytesRead);
		return CONVERTERS.find((c) => c.accepts(file, first));
	} finally {
		await handle.close();
	}
}

/** By name only (no I/O): XLSX and the like, for a progress label before detection. */
export function convertedByName(file: string): boolean {
	return CONVERTERS.some((c) => c.accepts(file, Buffer.alloc(0)));
}
