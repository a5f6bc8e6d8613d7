import path from 'node:path';
import { DomainError } from '../errors.ts';
import { looksLikeHtmlTable } from '../ingest/html-table-to-csv.ts';

/**
 * What the ingest engine reads (ingest/list-files.ts): text exports, Excel 2007+ workbooks,
 * and .xls files that are HTML tables (Bitrix24's «Excel» export).
 */
export const UPLOAD_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xls'] as const;

/** The file's own name, without any folder a browser might send; a clear error for types ingest cannot read. */
export function checkUploadName(raw: string): string {
	const name = path.basename(raw.replaceAll('\\', '/')).replace(/\p{Cc}/gu, '').trim();
	if (!name || name === '.' || name === '..') throw new DomainError('bad_input', 'no_file_name', 'the upload has no file name');
	const extension = path.extname(name).toLowerCase();
	if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(extension)) {
		throw new DomainError('unsupported', 'unsupported_type', `«${name}» is not an export oborot reads: upload a CSV, TSV, TXT or XLSX file`);
	}
	return name;
}

/**
 * The first bytes must agree with the extension: an .xlsx is a zip (PK\x03\x04), an .xls
 * an HTML table (a binary Excel 97–2003 workbook is refused), a text export has no NUL
 * bytes unless it is UTF-16 with a byte order mark.
 */
export function sniffContent(name: string, head: Buffer): void {
	const extension = path.extname(name).toLowerCase();
	if (extension === '.xls') {
		if (!looksLikeHtmlTable(head)) {
			throw new DomainError('unsupported', 'unsupported_type', `«${name}» is an old Excel .xls workbook (Excel 97–2003): open it in Excel or LibreOffice, save it as .xlsx or CSV and upload that`);
		}
		return;
	}
	if (extension === '.xlsx') {
		if (!(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) {
			throw new DomainError('unsupported', 'unsupported_type', `«${name}» is not an Excel workbook inside: save it again as .xlsx, or upload a CSV`);
		}
		return;
	}
	const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
	if (!utf16 && head.includes(0)) {
		throw new DomainError('unsupported', 'unsupported_type', `«${name}» looks like a binary file, not a text export: upload a CSV, TSV, TXT or XLSX file`);
	}
}
