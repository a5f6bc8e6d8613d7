import fs from 'node:fs';
import path from 'node:path';
import {
	BANK_EXCHANGE_COLUMNS,
	bankExchangeEncoding,
	bankExchangeToCsv,
	declaredEncoding,
	isBankExchangeHead,
	type BankExchangeCsv,
	type BankExchangeEncoding
} from './bank-exchange-to-csv.ts';
import { parseHead } from './csv-head.ts';
import { detectEntity, IngestFileError } from './entity-detect.ts';
import type { FilePlan } from './plan.ts';
import { decodeHead, readHead, tempPath } from './text-file.ts';
import type { Dialect, DialectOverride, EntitySpec } from './types.ts';

/**
 * The detection of a 1CClientBankExchange statement: the file is converted to CSV rows
 * whole (bank-exchange-to-csv), the rows' header (the standard's key names) chooses the
 * entity through the job files' aliases like any export, and the plan points the loader
 * at the converted text.
 */

/** True when the file is a 1CClientBankExchange statement, whatever its extension. */
export async function isBankExchange(file: string): Promise<boolean> {
	const { head } = await readHead(file, 512);
	return isBankExchangeHead(head);
}

// The standard writes dates dd.mm.yyyy (two-digit years are read by the loader anyway).
const DATE_FORMATS = ['%d.%m.%Y'];

function encodingFor(head: Uint8Array, override: string | undefined): BankExchangeEncoding {
	if (override === undefined) return bankExchangeEncoding(head);
	const forced = declaredEncoding(override);
	if (!forced) throw new IngestFileError(`--encoding ${override} cannot read a 1CClientBankExchange statement: use windows-1251, cp866 or utf-8`);
	return forced;
}

function describe(statement: BankExchangeCsv): { en: string[]; ru: string[] } {
	const en: string[] = [];
	const ru: string[] = [];
	const period = statement.periodFrom || statement.periodTo ? ` ${statement.periodFrom ?? '?'}–${statement.periodTo ?? '?'}` : '';
	const accounts = statement.accounts.join(', ') || '—';
	en.push(`1CClientBankExchange ${statement.version ?? ''} from «${statement.sender ?? '?'}»${period}, accounts ${accounts}: ${statement.documents} documents`);
	ru.push(`1CClientBankExchange ${statement.version ?? ''} от «${statement.sender ?? '?'}»${period}, счета ${accounts}: документов ${statement.documents}`);
	const declared = statement.declaredEncoding ? declaredEncoding(statement.declaredEncoding) : undefined;
	if (statement.declaredEncoding && declared !== statement.encoding) {
		en.push(`the header says Кодировка=${statement.declaredEncoding}, the bytes are ${statement.encoding}: read as ${statement.encoding}`);
		ru.push(`в заголовке Кодировка=${statement.declaredEncoding}, а байты в ${statement.encoding}: прочитано как ${statement.encoding}`);
	}
	if (statement.accounts.length === 0) {
		en.push('the statement names no account of its own (РасчСчет): incoming and outgoing are told by INN');
		ru.push('в выписке не указан свой счёт (РасчСчет): поступления и списания различаются по ИНН');
	}
	if (statement.rejects.length) {
		en.push(`${statement.rejects.length} document section(s) cannot be read as written and are quarantined`);
		ru.push(`секций документов, которые нельзя прочитать, — ${statement.rejects.length}: они в карантине`);
	}
	if (statement.strayEnds) {
		en.push(`${statement.strayEnds} КонецДокумента without a document ignored`);
		ru.push(`КонецДокумента без документа пропущено: ${statement.strayEnds}`);
	}
	return { en, ru };
}

/** What a statement's detection reads of detectFile's options (named here: detect-file.ts imports this module). */
export interface BankExchangeOptions {
	entities: EntitySpec[];
	overrides?: DialectOverride;
	tempDir: string;
}

/** The load plan of a 1CClientBankExchange statement (converted to a temp CSV, removed with plan.temporary). */
export async function detectBankExchange(file: string, options: BankExchangeOptions): Promise<FilePlan> {
	const { head } = await readHead(file);
	const encoding = encodingFor(head, options.overrides?.encoding);
	const csv = tempPath(options.tempDir, '.csv');
	try {
		const statement = await bankExchangeToCsv(file, csv, encoding);
		const converted = await readHead(csv);
		const records = parseHead(decodeHead(converted.head, 'utf-8'), ',', converted.complete).records;
		let choice;
		try {
			choice = detectEntity(records, { fileName: path.basename(file), entities: options.entities, headerIndex: 0, leadingFields: 1 });
		} catch (error) {
			if (!(error instanceof IngestFileError)) throw error;
			throw new IngestFileError(`a 1CClientBankExchange bank statement, but ${error.message}`);
		}
		const { match } = choice;
		const dateFormats = Object.fromEntries(match.mapped.filter((m) => m.column.type === 'date' || m.column.type === 'timestamp').map((m) => [m.column.name, DATE_FORMATS]));
		const dialect: Dialect = {
			encoding,
			delimiter: ',',
			decimal: '.',
			thousands: [],
			headerRow: 1,
			dateFormats,
			dayFirst: true,
			format: `1CClientBankExchange${statement.version ? ` ${statement.version}` : ''}`,
			overridden: options.overrides?.encoding ? ['encoding'] : []
		};
		const notes = describe(statement);
		const headers: string[] = [...BANK_EXCHANGE_COLUMNS];
		const unmapped = match.unmapped.map((i) => headers[i]);
		if (unmapped.length) {
			notes.en.push(`not used by ${match.entity.family}.${match.entity.name}: ${unmapped.join(', ')}`);
			notes.ru.push(`не используются в «${match.entity.title.ru}»: ${unmapped.join(', ')}`);
		}
		return {
			file,
			name: path.basename(file),
			kind: 'bank-exchange',
			entity: match.entity,
			match,
			// the statement's columns are the converter's own: no saved mapping applies
			mapping: null,
			headers,
			width: headers.length,
			sheetRowField: true,
			headerLine: 1,
			dialect,
			sample: records.slice(1),
			score: choice.score,
			evidence: choice.evidence,
			candidates: choice.candidates,
			runnerUp: choice.runnerUp,
			// the standard's sections are the whole file: no title block, no report groups
			title: [],
			groupColumns: [],
			// the standard writes dd.mm.yyyy, never slash dates
			slashColumns: [],
			notes: notes.en,
			notesRu: notes.ru,
			text: { hash: statement.hash, sizeBytes: statement.sizeBytes, encoding, textFile: csv, temporary: true, hasEmptyLines: false },
			formatRejects: statement.rejects,
			temporary: [csv]
		};
	} catch (error) {
		fs.rmSync(csv, { force: true });
		throw error;
	}
}
