import fs from 'node:fs';
import { sniffEncoding } from './text-file.ts';
import type { TextEncoding } from './types.ts';
import { CsvLines, csvField } from './csv-lines.ts';

/**
 * An «Excel» export that is an HTML table saved as .xls (Bitrix24's «Экспорт в Excel»
 * writes `<meta … charset=…><table><thead><tr><th>…` and one `<tr>` per row, and many
 * web CRMs do the same), streamed into the CSV shape xlsx-to-csv.ts writes: UTF-8, ',' and
 * the row number Excel shows when it opens the file as the first field of every line.
 * Cells keep their text: tags dropped, <br> as a line break, entities decoded.
 */

export interface HtmlTableCsv {
	/** The charset the page declares (or its bytes show). */
	encoding: TextEncoding;
	rows: number;
	/** Widest row seen (cells, not counting the row-number field). */
	width: number;
}

const CHUNK = 1024 * 1024;

/** True when the head of a file is an HTML page holding a table (whatever its extension says). */
export function looksLikeHtmlTable(head: Uint8Array): boolean {
	const text = new TextDecoder('latin1').decode(head.subarray(0, 64 * 1024));
	const start = text.replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, '').trimStart();
	return /^<(!doctype|html|head|meta|body|table|style|title|\?xml|!--)/i.test(start) && /<table[\s>]/i.test(text);
}

/** The charset a page declares in a <meta>; else what its bytes look like. */
export function htmlEncoding(head: Uint8Array): TextEncoding {
	const declared = /<meta[^>]*charset\s*=\s*["']?([\w-]+)/i.exec(new TextDecoder('latin1').decode(head.subarray(0, 4096)))?.[1]?.toLowerCase();
	if (declared === 'utf-8' || declared === 'utf8') return 'utf-8';
	if (declared === 'windows-1251' || declared === 'cp1251') return 'windows-1251';
	return sniffEncoding(head);
}

const NAMED: Record<string, string> = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', ndash: '–', mdash: '—',
	hellip: '…', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', times: '×', minus: '−', deg: '°', numero: '№', euro: '€'
};

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return NAMED[name.toLowerCase()] ?? whole;
	});
}

/** The text of one cell's HTML: line breaks kept, other tags dropped, template indentation trimmed. */
export function cellTextOfHtml(html: string): string {
	const text = html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s*<br\s*\/?>\s*/gi, '\n')
		.replace(/<\/(p|div)>\s*/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/[ \t\r]*\n[ \t\r]*/g, '\n');
	return decodeEntities(text).trim();
}

const CELL = /<t([dh])\b([^>]*)>/gi;

/** Cells of one <tr>…</tr> (the end tags of cells and row may be missing, as HTML allows). */
export function rowCells(rowHtml: string): string[] {
	const starts = [...rowHtml.matchAll(CELL)];
	const cells: string[] = [];
	starts.forEach((match, i) => {
		const from = match.index + match[0].length;
		const to = i + 1 < starts.length ? starts[i + 1].index : rowHtml.length;
		const inner = rowHtml.slice(from, to).replace(/<\/t[dh]>[\s\S]*$/i, '');
		cells.push(cellTextOfHtml(inner));
		const span = Number(/colspan\s*=\s*["']?(\d+)/i.exec(match[2])?.[1] ?? 1);
		for (let extra = 1; extra < Math.min(span, 1000); extra++) cells.push('');
	});
	return cells;
}

const TABLE_END = /<\/table\s*>/gi;

function tableEndFrom(text: string, from: number): number {
	TABLE_END.lastIndex = from;
	return TABLE_END.exec(text)?.index ?? -1;
}

/** Where the next `<tr>` (any case, with or without attributes) starts; -1 when none does. */
function rowStartFrom(text: string, from: number): number {
	// indexOf over the tags is several times faster than a case-insensitive regex here
	for (let i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
		const after = text.charCodeAt(i + 3);
		if ((text.charCodeAt(i + 1) | 0x20) === 0x74 && (text.charCodeAt(i + 2) | 0x20) === 0x72 && (after === 0x3e || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d)) {
			return i;
		}
	}
	return -1;
}

/**
 * Streams the first table of `file` into `target`. Rows are numbered from 1 (the header
 * row) as Excel numbers them; rows without any text are left out but keep their number.
 */
export async function htmlTableToCsv(file: string, target: string, onRow?: (rows: number) => void): Promise<HtmlTableCsv> {
	const handle = await fs.promises.open(file, 'r');
	const out = new CsvLines(target);
	let encoding: TextEncoding | undefined;
	let decoder: TextDecoder | undefined;
	let pending = '';
	let rowNumber = 0;
	let rows = 0;
	let width = 0;
	let ended = false;
	const emit = (rowHtml: string) => {
		rowNumber += 1;
		const cells = rowCells(rowHtml);
		while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
		if (cells.length === 0) return;
		width = Math.max(width, cells.length);
		out.add(`${rowNumber},${cells.map(csvField).join(',')}\n`);
		rows += 1;
	};
	// Takes every complete row (up to the next <tr> or the table's end) off `pending`; at
	// the end of the file the last one too. Positions, not slices: a chunk holds thousands of rows.
	const drain = (final: boolean) => {
		// the end of the table being read (an empty table before it does not count)
		const tableEnd = tableEndFrom(pending, rowNumber > 0 ? 0 : Math.max(0, rowStartFrom(pending, 0)));
		let at = 0;
		for (;;) {
			const start = rowStartFrom(pending, at);
			if (start < 0 || (tableEnd >= 0 && start > tableEnd)) {
				if (tableEnd >= 0 && rowNumber > 0) ended = true;
				// keep what may be the start of a <tr> cut by the chunk
				pending = final || ended ? '' : pending.slice(Math.max(at, pending.length - 8));
				return;
			}
			const next = rowStartFrom(pending, start + 3);
			const end = next >= 0 && (tableEnd < 0 || next < tableEnd) ? next : tableEnd;
			if (end < 0) {
				if (final) emit(pending.slice(start));
				pending = final ? '' : pending.slice(start);
				return;
			}
			emit(pending.slice(start, end));
			at = end;
		}
	};
	try {
		const buffer = Buffer.alloc(CHUNK);
		for (;;) {
			const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
			const last = bytesRead === 0;
			if (!decoder) {
				encoding = htmlEncoding(buffer.subarray(0, bytesRead));
				decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
			}
			// a character cut by the chunk is finished by the next one (stream: true)
			pending += decoder.decode(buffer.subarray(0, bytesRead), { stream: !last });
			drain(last);
			await out.flush();
			onRow?.(rows);
			if (last || ended) break;
		}
	} catch (error) {
		await out.close().catch(() => undefined);
		throw error;
	} finally {
		await handle.close();
	}
	await out.close();
	if (rows === 0) throw new Error('the HTML page holds no table rows');
	return { encoding: encoding ?? 'utf-8', rows, width };
}
