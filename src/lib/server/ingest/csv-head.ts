/**
 * A small quote-aware CSV reader for the head of a file (detection and preview only;
 * the load itself is DuckDB's read_csv). Line numbers follow DuckDB's count: a record
 * spanning several physical lines is one line, a blank line is a line without a record.
 */
export interface HeadRecord {
	/** 1-based line as DuckDB counts it (records and blank lines). */
	line: number;
	fields: string[];
}

export interface ParsedHead {
	records: HeadRecord[];
	/** True when the head ended inside the last record (it is left out). */
	truncated: boolean;
}

export function parseHead(text: string, delimiter: string, complete = false): ParsedHead {
	const records: HeadRecord[] = [];
	let line = 0;
	let fields: string[] = [];
	let field = '';
	let inQuotes = false;
	let quotedField = false;
	let recordStarted = false;
	let i = 0;
	const n = text.length;
	const endRecord = () => {
		line += 1;
		fields.push(field);
		if (recordStarted || fields.length > 1 || field !== '') records.push({ line, fields });
		fields = [];
		field = '';
		quotedField = false;
		recordStarted = false;
	};
	while (i < n) {
		const ch = text[i];
		if (inQuotes) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				inQuotes = false;
			} else field += ch;
			i += 1;
			continue;
		}
		if (ch === '"' && field === '' && !quotedField) {
			inQuotes = true;
			quotedField = true;
			recordStarted = true;
		} else if (text.startsWith(delimiter, i)) {
			fields.push(field);
			field = '';
			quotedField = false;
			recordStarted = true;
			i += delimiter.length;
			continue;
		} else if (ch === '\n' || ch === '\r') {
			endRecord();
			if (ch === '\r' && text[i + 1] === '\n') i += 1;
		} else {
			field += ch;
			recordStarted = true;
		}
		i += 1;
	}
	const pending = recordStarted || field !== '' || fields.length > 0 || inQuotes;
	if (pending && complete) {
		endRecord();
		return { records, truncated: false };
	}
	return { records, truncated: pending };
}

