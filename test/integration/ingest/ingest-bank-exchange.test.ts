// 1CClientBankExchange statements through the ingest engine: the fixtures in
// test/fixtures/bank-exchange (layout and sources in its README) in windows-1251 and cp866.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../src/lib/server/config/paths.ts';
import { ingestFiles, previewFile } from '../../../src/lib/server/ingest/index.ts';
import { repoRoot, sandbox, write, type Sandbox } from './helpers.ts';

const FIXTURES = path.join(repoRoot, 'test/fixtures/bank-exchange');
const WINDOWS = path.join(FIXTURES, 'kl_to_1c_2024-03.txt');
const DOS = path.join(FIXTURES, 'kl_to_1c_2024-03_dos.txt');
const MALFORMED = path.join(FIXTURES, 'kl_to_1c_2024-04_malformed.txt');

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

const RAW = `select doc_kind, doc_no, strftime(date, '%d.%m.%Y') as date, amount, payer_name, payer_inn, payer_account, payee_inn, payee_account,
	strftime(debited_on, '%d.%m.%Y') as debited_on, strftime(credited_on, '%d.%m.%Y') as credited_on, statement_account, _row_no
	from raw.payments_bank_payments order by _row_no`;

const ACC1 = '40702810955000012345';
const OWN = `${ACC1},40702810255000098765`;

// Every document of kl_to_1c_2024-03.txt as the file writes it; _row_no is the line of its СекцияДокумент:
// the header is 14 lines and the two balance sections 9 each, so the first opens on line 33, and each
// document is 66 lines (every key of the layout, empty ones included), the k-th on 33 + 66·k.
const MARCH = [
	['Платежное поручение', '512', '04.03.2024', 118000, 'ООО "Альфа"', '7715234560', '40702810400000001111', '7812345675', ACC1, '04.03.2024', '05.03.2024', 33],
	['Платежное поручение', '512', '04.03.2024', 42000, 'ООО "Бета"', '5003111220', '40702810700000002222', '7812345675', ACC1, '04.03.2024', '05.03.2024', 99],
	['Платежное поручение', '77', '06.03.2024', 30000, 'ИП Смирнов Олег Петрович', '780123456724', '40802810655000003333', '7812345675', ACC1, '06.03.2024', '06.03.2024', 165],
	['Платежное поручение', '141', '11.03.2024', 87500, 'ООО "Ромашка-Трейд"', '7812345675', ACC1, '7707987659', '40702810800000006666', '11.03.2024', null, 231],
	['Банковский ордер', '3001', '11.03.2024', 1490, 'ООО "Ромашка-Трейд"', '7812345675', ACC1, '7707083893', '70601810355000000401', '11.03.2024', null, 297],
	['Платежное требование', '88', '12.03.2024', 6240, 'ООО "Ромашка-Трейд"', '7812345675', ACC1, '7842155512', '40702810000000007777', '13.03.2024', null, 363],
	['Платежное поручение', '2045', '12.03.2024', 25500, 'ООО "Гамма"', '7804123453', '40702810100000004444', '7812345675', ACC1, '12.03.2024', '13.03.2024', 429],
	['Платежное поручение', '931', '14.03.2024', 3500, 'Петрова Анна Сергеевна', '', '40817810355000005555', '7812345675', ACC1, '14.03.2024', '14.03.2024', 495],
	['Платежное поручение', '143', '15.03.2024', 100000, 'ООО "Ромашка-Трейд"', '7812345675', ACC1, '7812345675', '40702810255000098765', '15.03.2024', '15.03.2024', 561],
	['Платежное поручение', '530', '20.03.2024', 50000, 'ООО "Альфа"', '7715234560', '40702810400000001111', '7812345675', ACC1, '20.03.2024', '21.03.2024', 627],
	['Банковский ордер', '9005', '22.03.2024', 12870.4, 'ПАО СБЕРБАНК', '7707083893', '30233810355000000001', '7812345675', '', '22.03.2024', '22.03.2024', 693]
].map(([doc_kind, doc_no, date, amount, payer_name, payer_inn, payer_account, payee_inn, payee_account, debited_on, credited_on, _row_no]) => ({
	doc_kind, doc_no, date, amount, payer_name, payer_inn, payer_account, payee_inn, payee_account, debited_on, credited_on, statement_account: OWN, _row_no
}));

describe('a 1CClientBankExchange statement', () => {
	it('loads every document of a windows-1251 statement as a bank payment, rows numbered by their СекцияДокумент line', async () => {
		box = await sandbox();
		const [result] = await ingestFiles(box.warehouse, box.paths, [WINDOWS]);
		expect(result).toMatchObject({ status: 'loaded', family: 'payments', entity: 'bank_payments', read: 11, loaded: 11, rejected: 0 });
		expect(result.dialect).toMatchObject({ format: '1CClientBankExchange 1.03', encoding: 'windows-1251' });
		expect(result.notes[0]).toBe(`1CClientBankExchange 1.03 from «СберБизнес» 01.03.2024–31.03.2024, accounts ${OWN.replace(',', ', ')}: 11 documents`);
		expect(await box.warehouse.query(RAW)).toEqual(MARCH);
		const [audit] = await box.warehouse.query(`select encoding, rows_read, rows_loaded, rows_rejected, status from audit.files`);
		expect(audit).toEqual({ encoding: 'windows-1251', rows_read: 11, rows_loaded: 11, rows_rejected: 0, status: 'loaded' });
	});

	it('loads the same documents from the cp866 (Кодировка=DOS) copy; the same bytes again change nothing', async () => {
		box = await sandbox();
		const [dos] = await ingestFiles(box.warehouse, box.paths, [DOS]);
		expect(dos).toMatchObject({ status: 'loaded', read: 11, loaded: 11, rejected: 0 });
		expect(dos.dialect).toMatchObject({ encoding: 'ibm866' });
		expect(await box.warehouse.query(RAW)).toEqual(MARCH);

		const [again] = await ingestFiles(box.warehouse, box.paths, [DOS]);
		expect(again.status).toBe('skipped');
		expect(again.message).toMatch(/^already loaded \(file #\d+ on .*\); nothing changed$/);
		// the Windows copy holds the same documents under the same keys: each replaces its twin
		const [windows] = await ingestFiles(box.warehouse, box.paths, [WINDOWS]);
		expect(windows).toMatchObject({ status: 'loaded', loaded: 11, replaced: 11 });
		expect(await box.warehouse.query(RAW)).toEqual(MARCH);
	});

	it('quarantines a document with a Сумма that is no number, one without Дата and one never closed; the rest loads', async () => {
		box = await sandbox();
		const [result] = await ingestFiles(box.warehouse, box.paths, [MALFORMED]);
		expect(result).toMatchObject({ status: 'loaded', read: 5, loaded: 2, rejected: 3 });
		expect(result.notes).toContain('1 document section(s) cannot be read as written and are quarantined');
		expect(await box.warehouse.query('select doc_no, amount from raw.payments_bank_payments order by _row_no')).toEqual([
			{ doc_no: '601', amount: 40000 },
			{ doc_no: '3107', amount: 1490 }
		]);
		const rejected = await box.warehouse.query<{ row_no: number; reason: string; reason_ru: string; raw_line: string }>(
			'select row_no, reason, reason_ru, raw_line from audit.rejected_rows order by row_no'
		);
		// header 13 lines + one balance section of 9: documents open on 23, 89 (66 lines each), 155, then
		// 220 (the one without Дата is 65 lines), 285 (the unclosed one has no КонецДокумента either).
		expect(rejected.map((r) => [r.row_no, r.reason, r.reason_ru])).toEqual([
			[89, 'amount (Сумма): not a number «12 500-00»', 'столбец «Сумма»: не число «12 500-00»'],
			[155, 'missing key date (Дата)', 'столбец «Дата»: не заполнен ключ'],
			[
				220,
				'document not closed: СекцияДокумент=Платежное поручение at line 220 has no КонецДокумента before line 285',
				'документ не закрыт: у СекцияДокумент=Платежное поручение (строка 220) нет КонецДокумента до строки 285'
			]
		]);
		expect(rejected[2].raw_line).toMatch(/^Платежное поручение,150,05\.04\.2024,9900\.00,/);
	});

	it('loads nothing from a statement cut short, and says why', async () => {
		box = await sandbox();
		const bytes = fs.readFileSync(WINDOWS);
		const cut = write(box.dir, 'kl_to_1c.txt', bytes.subarray(0, Math.floor(bytes.length / 2)));
		const [result] = await ingestFiles(box.warehouse, box.paths, [cut]);
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/^not a complete 1CClientBankExchange statement: it ends at line \d+ inside СекцияДокумент=.* without КонецФайла — the file is cut short, export it again; nothing was loaded$/);
		expect(await box.warehouse.query('select count(*) as n from raw.payments_bank_payments')).toEqual([{ n: 0 }]);
		expect(await box.warehouse.query('select status, family from audit.files')).toEqual([{ status: 'failed', family: null }]);
		expect(fs.readdirSync(path.join(box.paths.home, 'tmp'))).toEqual([]);
	});

	it('is told by its first line whatever the file is called, and previews like any export', async () => {
		box = await sandbox();
		const renamed = write(box.dir, 'export.csv', fs.readFileSync(WINDOWS));
		const preview = await previewFile(box.paths, renamed);
		expect(preview).toMatchObject({ kind: 'bank-exchange', family: 'payments', entity: 'bank_payments' });
		expect(preview.columns.find((c) => c.column === 'payer_inn')).toMatchObject({ header: 'ПлательщикИНН', via: 'alias' });
		expect(preview.rows.slice(0, 2).map((r) => [r.rowNo, r.values.doc_no, r.values.payer_inn, r.values.amount, r.reason])).toEqual([
			[33, '512', '7715234560', 118000, null],
			[99, '512', '5003111220', 42000, null]
		]);
		const [wrongFamily] = await ingestFiles(box.warehouse, box.paths, [renamed], { family: 'crm' });
		expect(wrongFamily.status).toBe('failed');
		expect(wrongFamily.message).toMatch(/^a 1CClientBankExchange bank statement, but /);
	});
});

describe('the bank_payments key of a warehouse loaded before it had the accounts', () => {
	it('fills the new key columns of rows landed before, so a statement sent again replaces them', async () => {
		// The job as it was: key [doc_no, date], no payer_account / payee_account.
		const old = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-old-project-'));
		try {
			write(old, 'ingest/payments.yml', [
				'family: payments',
				'title: { ru: Платежи, en: Payments }',
				'entities:',
				'  bank_payments:',
				'    title: { ru: Выписка, en: Statement }',
				'    key: [doc_no, date]',
				'    columns:',
				'      doc_no: { type: text, required: true, aliases: [Номер документа] }',
				'      date: { type: date, required: true, aliases: [Дата операции] }',
				'      amount: { type: money, required: true, aliases: [Сумма] }',
				'      payer_inn: { type: text, aliases: [ИНН плательщика] }',
				''
			].join('\n'));
			box = await sandbox(old);
			const march = 'Номер документа;Дата операции;Сумма;ИНН плательщика\n101;01.03.2024;100,00;7715234560\n102;01.03.2024;200,00;\n';
			expect((await ingestFiles(box.warehouse, box.paths, [write(box.dir, 'выписка-1.csv', march)]))[0]).toMatchObject({ status: 'loaded', loaded: 2 });

			// Today's job: raw gains payer_account and payee_account ('' on the old rows), and the
			// same documents sent again in a longer statement replace their rows.
			const today = resolvePaths({ OBOROT_HOME: box.paths.home, OBOROT_PROJECT: repoRoot });
			const again = `${march}103;02.03.2024;300,00;5003111220\n`;
			const [result] = await ingestFiles(box.warehouse, today, [write(box.dir, 'выписка-2.csv', again)]);
			expect(result).toMatchObject({ status: 'loaded', loaded: 3, replaced: 2 });
			expect(await box.warehouse.query(`select doc_no, payer_inn, payer_account, payee_account from raw.payments_bank_payments order by doc_no`)).toEqual([
				{ doc_no: '101', payer_inn: '7715234560', payer_account: '', payee_account: '' },
				{ doc_no: '102', payer_inn: '', payer_account: '', payee_account: '' },
				{ doc_no: '103', payer_inn: '5003111220', payer_account: '', payee_account: '' }
			]);
		} finally {
			fs.rmSync(old, { recursive: true, force: true });
		}
	});
});
