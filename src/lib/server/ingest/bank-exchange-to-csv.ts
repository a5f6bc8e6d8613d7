import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { IngestFileError } from './entity-detect.ts';
import type { FormatReject } from './format-rejects.ts';
import { CsvLines, csvField } from './csv-lines.ts';

/**
 * Reads a client-bank statement in 1C's exchange format («Стандарт обмена с системами
 * "Клиент банка"», versions 1.02/1.03: `1CClientBankExchange` on line 1, Key=Value lines,
 * `СекцияРасчСчет … КонецРасчСчет`, `СекцияДокумент=<kind> … КонецДокумента`,
 * `КонецФайла`) and writes one CSV row per document for the loader, the way xlsx-to-csv
 * does for a sheet: the first field of every row is the file line of its
 * `СекцияДокумент=`, so a quarantined document is reported where a user finds it.
 * Values are written as the bank wrote them (a Сумма that is not a number is left for
 * the typed load to quarantine); only the party fields are resolved across the
 * standard's alternative forms (Плательщик1 or «ИНН … name» in Плательщик, ИНН or the
 * Ukrainian ОКПО, Счет or РасчСчет).
 */

export const BANK_EXCHANGE_MARK = '1CClientBankExchange';

/** The CSV's header: the standard's own key names, so reasons name the key a user sees in the file. */
export const BANK_EXCHANGE_COLUMNS = [
	'СекцияДокумент',
	'Номер',
	'Дата',
	'Сумма',
	'ПлательщикСчет',
	'Плательщик',
	'ПлательщикИНН',
	'ПолучательСчет',
	'Получатель',
	'ПолучательИНН',
	'НазначениеПлатежа',
	'ДатаСписано',
	'ДатаПоступило',
	'РасчСчет'
] as const;

export type BankExchangeEncoding = 'windows-1251' | 'ibm866' | 'utf-8';

export interface BankExchangeCsv {
	/** The encoding the bytes are in (Кодировка=Windows → windows-1251, DOS → ibm866). */
	encoding: BankExchangeEncoding;
	/** Кодировка= as written, when the header has it. */
	declaredEncoding: string | null;
	version: string | null;
	sender: string | null;
	periodFrom: string | null;
	periodTo: string | null;
	/** The statement's own accounts: РасчСчет of the header and of every СекцияРасчСчет. */
	accounts: string[];
	/** Document sections read (rows written + format rejects). */
	documents: number;
	rows: number;
	rejects: FormatReject[];
	/** КонецДокумента with no open document: noted, not data. */
	strayEnds: number;
	hash: string;
	sizeBytes: number;
}

const BOM = [0xef, 0xbb, 0xbf];

function withoutBom(head: Uint8Array): Uint8Array {
	return BOM.every((b, i) => head[i] === b) ? head.subarray(3) : head;
}

/** True when the first non-blank line is 1CClientBankExchange, whatever the file is called. */
export function isBankExchangeHead(head: Uint8Array): boolean {
	const text = Buffer.from(withoutBom(head).subarray(0, 256)).toString('latin1');
	return text.replace(/^[\s]+/, '').split(/\r\n|\r|\n/, 1)[0].trim() === BANK_EXCHANGE_MARK;
}

// The Cyrillic keys every statement has, to tell the encoding by the bytes themselves: the
// header's Кодировка= is written in the encoding it names, and banks get it wrong.
const KEY_WORDS = /(^|\n)(Кодировка=|СекцияДокумент|СекцияРасчСчет|КонецФайла|ВерсияФормата=)/;

/** UTF-8 when it is (with or without a BOM), else whichever of windows-1251 and cp866 shows the standard's keys. */
export function bankExchangeEncoding(head: Uint8Array): BankExchangeEncoding {
	const body = withoutBom(head);
	const candidates: BankExchangeEncoding[] = body !== head ? ['utf-8'] : ['utf-8', 'windows-1251', 'ibm866'];
	for (const encoding of candidates) {
		const text = new TextDecoder(encoding, { fatal: false }).decode(body, { stream: true });
		if (KEY_WORDS.test(text.replace(/\r/g, '\n')) && !(encoding === 'utf-8' && text.includes('\uFFFD'))) return encoding;
	}
	return 'windows-1251';
}

// Кодировка= values of the standard (Windows, DOS), and the names --encoding may give.
const ENCODING_NAMES: Record<string, BankExchangeEncoding> = {
	windows: 'windows-1251',
	dos: 'ibm866',
	'windows-1251': 'windows-1251',
	cp1251: 'windows-1251',
	ibm866: 'ibm866',
	cp866: 'ibm866',
	'utf-8': 'utf-8',
	utf8: 'utf-8'
};

/** The encoding Кодировка= (or --encoding) names, or undefined for a name it does not know. */
export function declaredEncoding(value: string): BankExchangeEncoding | undefined {
	return ENCODING_NAMES[value.trim().toLowerCase()];
}

/** «ИНН 7719617469 ОАО Крокус», «7777777777, ООО "Наеб"»: the INN before the name, as banks print Плательщик. */
const INN_PREFIX = /^\s*(?:ИНН\s*)?(\d{12}|\d{10}|\d{8})(?:[\s,;]+|$)/i;

interface Party {
	account: string;
	name: string;
	inn: string;
}

type Fields = Map<string, string>;

function first(fields: Fields, ...keys: string[]): string {
	for (const key of keys) {
		const value = fields.get(key);
		if (value) return value;
	}
	return '';
}

/** One side of a document (Плательщик or Получатель) from whichever of the standard's forms the bank filled. */
function party(fields: Fields, side: 'Плательщик' | 'Получатель'): Party {
	const full = fields.get(side) ?? '';
	const printed = INN_PREFIX.exec(full);
	return {
		account: first(fields, `${side}Счет`, `${side}РасчСчет`),
		name: first(fields, `${side}1`) || (printed ? full.slice(printed[0].length).trim() : full),
		inn: first(fields, `${side}ИНН`, `${side}ОКПО`) || (printed?.[1] ?? '')
	};
}

function purpose(fields: Fields): string {
	return first(fields, 'НазначениеПлатежа') || [1, 2, 3, 4, 5, 6].map((n) => fields.get(`НазначениеПлатежа${n}`) ?? '').filter(Boolean).join(' ');
}

function documentRow(kind: string, fields: Fields, accounts: string[]): string[] {
	const payer = party(fields, 'Плательщик');
	const payee = party(fields, 'Получатель');
	return [
		kind,
		first(fields, 'Номер'),
		first(fields, 'Дата'),
		first(fields, 'Сумма'),
		payer.account,
		payer.name,
		payer.inn,
		payee.account,
		payee.name,
		payee.inn,
		purpose(fields),
		first(fields, 'ДатаСписано'),
		first(fields, 'ДатаПоступило'),
		accounts.join(',')
	];
}

interface OpenDocument {
	kind: string;
	line: number;
	fields: Fields;
	/** The first line inside it that is not Key=Value. */
	badLine?: { line: number; text: string };
}

const csvRow = (lineNo: number, fields: string[]) => `${lineNo},${fields.map(csvField).join(',')}\n`;

const cut = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

/**
 * Converts `file` into `target` (UTF-8 CSV, ',' delimited, a header of
 * BANK_EXCHANGE_COLUMNS after the line-number field). A document section that is not
 * closed by КонецДокумента, or holds a line that is not Key=Value, becomes a format
 * reject (with its reason) instead of a row. A file that stops before КонецФайла, or
 * has a stray line between sections, is not a whole statement: IngestFileError, and the
 * caller loads nothing.
 */
export async function bankExchangeToCsv(file: string, target: string, encoding: BankExchangeEncoding): Promise<BankExchangeCsv> {
	const hash = createHash('sha256');
	const decoder = new TextDecoder(encoding);
	const out = new CsvLines(target);

	const result: BankExchangeCsv = {
		encoding,
		declaredEncoding: null,
		version: null,
		sender: null,
		periodFrom: null,
		periodTo: null,
		accounts: [],
		documents: 0,
		rows: 0,
		rejects: [],
		strayEnds: 0,
		hash: '',
		sizeBytes: 0
	};
	out.add(`0,${BANK_EXCHANGE_COLUMNS.join(',')}\n`);
	let lineNo = 0;
	// (widened: the line handler below moves it on, which narrowing cannot see)
	let state = 'start' as 'start' | 'header' | 'account' | 'document' | 'done';
	let doc: OpenDocument | undefined;

	const addAccount = (value: string) => {
		if (value && !result.accounts.includes(value)) result.accounts.push(value);
	};
	const reject = (open: OpenDocument, en: string, ru: string) => {
		const rawLine = documentRow(open.kind, open.fields, result.accounts).map(csvField).join(',');
		result.rejects.push({ rowNo: open.line, rawLine, reason: en, reasonRu: ru });
	};
	const closeUnfinished = (at: number) => {
		if (!doc) return;
		reject(
			doc,
			`document not closed: СекцияДокумент=${doc.kind} at line ${doc.line} has no КонецДокумента before line ${at}`,
			`документ не закрыт: у СекцияДокумент=${doc.kind} (строка ${doc.line}) нет КонецДокумента до строки ${at}`
		);
		doc = undefined;
	};
	const notWhole = (why: string): never => {
		throw new IngestFileError(`not a complete 1CClientBankExchange statement: ${why}; nothing was loaded`);
	};

	const onLine = (raw: string) => {
		lineNo += 1;
		const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '').trim() : raw.trim();
		if (state === 'done' || line === '') return;
		if (state === 'start') {
			if (line !== BANK_EXCHANGE_MARK) notWhole(`line ${lineNo} is «${cut(line)}», not ${BANK_EXCHANGE_MARK}`);
			state = 'header';
			return;
		}
		if (line === 'КонецФайла') {
			closeUnfinished(lineNo);
			state = 'done';
			return;
		}
		if (line === 'СекцияРасчСчет') {
			closeUnfinished(lineNo);
			state = 'account';
			return;
		}
		if (line === 'КонецРасчСчет') {
			if (state === 'account') state = 'header';
			return;
		}
		const section = /^СекцияДокумент\s*(?:=(.*))?$/.exec(line);
		if (section) {
			closeUnfinished(lineNo);
			result.documents += 1;
			doc = { kind: (section[1] ?? '').trim(), line: lineNo, fields: new Map() };
			state = 'document';
			return;
		}
		if (line === 'КонецДокумента') {
			if (!doc) {
				result.strayEnds += 1;
				return;
			}
			if (doc.badLine) {
				reject(
					doc,
					`line ${doc.badLine.line} of the document is not Key=Value: «${cut(doc.badLine.text)}»`,
					`строка ${doc.badLine.line} документа не в виде Ключ=Значение: «${cut(doc.badLine.text)}»`
				);
			} else {
				out.add(csvRow(doc.line, documentRow(doc.kind, doc.fields, result.accounts)));
				result.rows += 1;
			}
			doc = undefined;
			state = 'header';
			return;
		}
		const eq = line.indexOf('=');
		if (eq <= 0) {
			if (doc) doc.badLine ??= { line: lineNo, text: line };
			else notWhole(`line ${lineNo} is neither Key=Value nor a section mark: «${cut(line)}»`);
			return;
		}
		const key = line.slice(0, eq).trim();
		const value = line.slice(eq + 1).trim();
		if (doc) {
			if (value && !doc.fields.get(key)) doc.fields.set(key, value);
			return;
		}
		if (key === 'РасчСчет') addAccount(value);
		if (state !== 'header') return;
		if (key === 'ВерсияФормата') result.version = value || null;
		else if (key === 'Кодировка') result.declaredEncoding = value || null;
		else if (key === 'Отправитель') result.sender = value || null;
		else if (key === 'ДатаНачала') result.periodFrom ??= value || null;
		else if (key === 'ДатаКонца') result.periodTo ??= value || null;
	};

	let carry = '';
	// A chunk may end between the \r and \n of one line end: the \n that opens the next chunk is not a line.
	let skipLineFeed = false;
	const feed = async (chunkText: string, last: boolean) => {
		const text = skipLineFeed && chunkText.startsWith('\n') ? chunkText.slice(1) : chunkText;
		if (chunkText !== '') skipLineFeed = false;
		const combined = carry + text;
		const lines = combined.split(/\r\n|\n|\r/);
		const tail = lines.pop() ?? '';
		carry = last ? '' : tail;
		if (last && tail !== '') lines.push(tail);
		if (!last && combined.endsWith('\r')) skipLineFeed = true;
		for (const line of lines) onLine(line);
		await out.flushWhenFull();
	};
	try {
		for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
			hash.update(chunk);
			result.sizeBytes += chunk.length;
			await feed(decoder.decode(chunk, { stream: true }), false);
		}
		await feed(decoder.decode(), true);
		if (state !== 'done') {
			notWhole(
				doc
					? `it ends at line ${lineNo} inside СекцияДокумент=${doc.kind} (line ${doc.line}), without КонецФайла — the file is cut short, export it again`
					: `it ends at line ${lineNo} without КонецФайла — the file is cut short, export it again`
			);
		}
	} catch (error) {
		// the caller removes the file; its own write error would hide why the reading stopped
		await out.close().catch(() => undefined);
		throw error;
	}
	await out.close();
	result.hash = hash.digest('hex');
	return result;
}
