import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSingleByte } from '../../../../test/helpers/single-byte.ts';
import { bankExchangeEncoding, bankExchangeToCsv, isBankExchangeHead, type BankExchangeEncoding } from './bank-exchange-to-csv.ts';
import { IngestFileError } from './entity-detect.ts';

// Layout: «Стандарт обмена с системами "Клиент банка"» 1.03 (v8.1c.ru/edi/edi_stnd/100/101.htm);
// the alternative party forms as banks write them: «ИНН 7719617469 ОАО Крокус» in Плательщик
// (Xini1/client-bank-exchange src/test/resources/1CClientBankExchange.txt), «7777777777, ООО …»
// (dronm/clbnk kl_to_1c.txt), ПлательщикОКПО in Ukrainian statements.

let dir: string;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-1c-bank-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = [
	'1CClientBankExchange',
	'ВерсияФормата=1.03',
	'Кодировка=Windows',
	'Отправитель=Банк Клиент Онлайн',
	'ДатаНачала=01.03.2024',
	'ДатаКонца=31.03.2024',
	'РасчСчет=40702810955000012345',
	'СекцияРасчСчет',
	'ДатаНачала=01.03.2024',
	'РасчСчет=40702810955000012345',
	'НачальныйОстаток=100.00',
	'КонецРасчСчет'
];

function statement(lines: string[], encoding: BankExchangeEncoding = 'windows-1251'): string {
	const file = path.join(dir, 'kl_to_1c.txt');
	const text = `${lines.join('\r\n')}\r\n`;
	fs.writeFileSync(file, encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeSingleByte(text, encoding));
	return file;
}

async function convert(file: string, encoding: BankExchangeEncoding = 'windows-1251') {
	const target = path.join(dir, 'rows.csv');
	const result = await bankExchangeToCsv(file, target, encoding);
	return { result, csv: fs.readFileSync(target, 'utf8').trimEnd().split('\n') };
}

const CSV_HEADER = '0,СекцияДокумент,Номер,Дата,Сумма,ПлательщикСчет,Плательщик,ПлательщикИНН,ПолучательСчет,Получатель,ПолучательИНН,НазначениеПлатежа,ДатаСписано,ДатаПоступило,РасчСчет';

describe('recognising a statement', () => {
	it('by 1CClientBankExchange on its first line, after a BOM or blank lines, whatever the name', () => {
		expect(isBankExchangeHead(Buffer.from('1CClientBankExchange\r\nВерсияФормата=1.03\r\n', 'utf8'))).toBe(true);
		expect(isBankExchangeHead(Buffer.from('\uFEFF\r\n1CClientBankExchange\r\n', 'utf8'))).toBe(true);
		expect(isBankExchangeHead(Buffer.from('Дата;Сумма\r\n1CClientBankExchange\r\n', 'utf8'))).toBe(false);
		expect(isBankExchangeHead(Buffer.from('1CClientBankExchangeX\r\n', 'utf8'))).toBe(false);
	});

	it('tells windows-1251, cp866 and UTF-8 by the keys the bytes spell, not by what Кодировка= claims', () => {
		const lines = ['1CClientBankExchange', 'ВерсияФормата=1.03', 'Кодировка=Windows', 'КонецФайла'];
		expect(bankExchangeEncoding(encodeSingleByte(lines.join('\r\n'), 'windows-1251'))).toBe('windows-1251');
		expect(bankExchangeEncoding(encodeSingleByte(lines.join('\r\n').replace('Windows', 'DOS'), 'ibm866'))).toBe('ibm866');
		expect(bankExchangeEncoding(Buffer.from(lines.join('\r\n'), 'utf8'))).toBe('utf-8');
		expect(bankExchangeEncoding(Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8'))).toBe('utf-8');
		// a bank that writes Кодировка=DOS in windows-1251 bytes
		expect(bankExchangeEncoding(encodeSingleByte(lines.join('\r\n').replace('Windows', 'DOS'), 'windows-1251'))).toBe('windows-1251');
	});
});

describe('documents to rows', () => {
	it('writes one row per document at the line of its СекцияДокумент, with the parties in whichever form the bank wrote them', async () => {
		const file = statement([
			...HEADER,
			// line 13: the payer as «ИНН … name» only, its account as ПлательщикРасчСчет only
			'СекцияДокумент=Платежное поручение',
			'Номер=512',
			'Дата=04.03.2024',
			'Сумма=118000.00',
			'ПлательщикРасчСчет=40702810400000001111',
			'ДатаСписано=04.03.2024',
			'Плательщик=ИНН 7715234560 ООО "Альфа"',
			'ПолучательСчет=40702810955000012345',
			'ДатаПоступило=05.03.2024',
			'Получатель1=ООО "Ромашка-Трейд"',
			'ПолучательИНН=7812345675',
			'НазначениеПлатежа=Оплата по счету № 15 от 01.03.2024, в т.ч. НДС',
			'КонецДокумента',
			// line 26: «INN, name» as VTB prints it; a Ukrainian ОКПО payee; the purpose in its numbered lines
			'СекцияДокумент=Банковский ордер',
			'Номер=3001',
			'Дата=11.03.2024',
			'Сумма=1,5',
			'ПлательщикСчет=40702810955000012345',
			'Плательщик=7812345675, ООО "Ромашка-Трейд"',
			'ПолучательСчет=70601810355000000401',
			'Получатель=ТОВ Зірка',
			'ПолучательОКПО=12345678',
			'НазначениеПлатежа1=Комиссия за ведение',
			'НазначениеПлатежа2=счета за март',
			'КонецДокумента',
			'КонецФайла'
		]);
		const { result, csv } = await convert(file);
		expect(csv).toEqual([
			CSV_HEADER,
			'13,Платежное поручение,512,04.03.2024,118000.00,40702810400000001111,"ООО ""Альфа""",7715234560,40702810955000012345,"ООО ""Ромашка-Трейд""",7812345675,"Оплата по счету № 15 от 01.03.2024, в т.ч. НДС",04.03.2024,05.03.2024,40702810955000012345',
			'26,Банковский ордер,3001,11.03.2024,"1,5",40702810955000012345,"ООО ""Ромашка-Трейд""",7812345675,70601810355000000401,ТОВ Зірка,12345678,Комиссия за ведение счета за март,,,40702810955000012345'
		]);
		expect(result).toMatchObject({
			encoding: 'windows-1251',
			declaredEncoding: 'Windows',
			version: '1.03',
			sender: 'Банк Клиент Онлайн',
			periodFrom: '01.03.2024',
			periodTo: '31.03.2024',
			accounts: ['40702810955000012345'],
			documents: 2,
			rows: 2,
			rejects: [],
			strayEnds: 0
		});
		expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('makes a document that is never closed, or holds a line that is not Key=Value, a reject with its reason; the rest are rows', async () => {
		const file = statement([
			...HEADER,
			'СекцияДокумент=Платежное поручение', // 13: the next section starts before its КонецДокумента
			'Номер=1',
			'Дата=01.03.2024',
			'Сумма=10.00',
			'СекцияДокумент=Платежное поручение', // 17: a line cut in two by an editor
			'Номер=2',
			'Дата=02.03.2024',
			'Сумма=20.00',
			'НазначениеПлатежа=Оплата по счету',
			'№ 7 от 01.03.2024',
			'КонецДокумента',
			'СекцияДокумент=Платежное требование', // 24
			'Номер=3',
			'Дата=03.03.2024',
			'Сумма=30.00',
			'КонецДокумента',
			'КонецДокумента', // stray: noted, not data
			'СекцияДокумент=Банковский ордер', // 30: КонецФайла comes before its end
			'Номер=4',
			'КонецФайла'
		]);
		const { result, csv } = await convert(file);
		expect(csv).toEqual([CSV_HEADER, '24,Платежное требование,3,03.03.2024,30.00,,,,,,,,,,40702810955000012345']);
		expect(result.documents).toBe(4);
		expect(result.strayEnds).toBe(1);
		expect(result.rejects).toEqual([
			{
				rowNo: 13,
				rawLine: 'Платежное поручение,1,01.03.2024,10.00,,,,,,,,,,40702810955000012345',
				reason: 'document not closed: СекцияДокумент=Платежное поручение at line 13 has no КонецДокумента before line 17',
				reasonRu: 'документ не закрыт: у СекцияДокумент=Платежное поручение (строка 13) нет КонецДокумента до строки 17'
			},
			{
				rowNo: 17,
				rawLine: 'Платежное поручение,2,02.03.2024,20.00,,,,,,,Оплата по счету,,,40702810955000012345',
				reason: 'line 22 of the document is not Key=Value: «№ 7 от 01.03.2024»',
				reasonRu: 'строка 22 документа не в виде Ключ=Значение: «№ 7 от 01.03.2024»'
			},
			{
				rowNo: 30,
				rawLine: 'Банковский ордер,4,,,,,,,,,,,,40702810955000012345',
				reason: 'document not closed: СекцияДокумент=Банковский ордер at line 30 has no КонецДокумента before line 32',
				reasonRu: 'документ не закрыт: у СекцияДокумент=Банковский ордер (строка 30) нет КонецДокумента до строки 32'
			}
		]);
	});

	it('refuses a statement cut short (no КонецФайла) or with a stray line between sections', async () => {
		const cutShort = statement([...HEADER, 'СекцияДокумент=Платежное поручение', 'Номер=1', 'Дата=01.03.2024']);
		await expect(convert(cutShort)).rejects.toThrow(IngestFileError);
		await expect(convert(cutShort)).rejects.toThrow(
			'not a complete 1CClientBankExchange statement: it ends at line 15 inside СекцияДокумент=Платежное поручение (line 13), without КонецФайла — the file is cut short, export it again; nothing was loaded'
		);
		const stray = statement([...HEADER, 'Выписка за март', 'КонецФайла']);
		await expect(convert(stray)).rejects.toThrow('line 13 is neither Key=Value nor a section mark: «Выписка за март»');
	});

	it('reads cp866 (Кодировка=DOS) and keeps line numbers when a CR LF falls across a read chunk', async () => {
		// One read chunk is 1 MiB. Pad the first document's purpose so that its line's \r is the
		// chunk's last byte and the \n the next chunk's first: the \n must not count as a line.
		const chunk = 1024 * 1024;
		const head = [...HEADER.map((l) => l.replace('Windows', 'DOS')), 'СекцияДокумент=Платежное поручение', 'Номер=1', 'Дата=01.03.2024', 'Сумма=10.00'];
		const before = `${head.join('\r\n')}\r\nНазначениеПлатежа=`;
		const purpose = 'ё'.repeat(chunk - 1 - before.length); // one byte a character in cp866
		const lines = [...head, `НазначениеПлатежа=${purpose}`, 'КонецДокумента', 'СекцияДокумент=Платежное поручение', 'Номер=2', 'Дата=02.03.2024', 'Сумма=20.00', 'КонецДокумента', 'КонецФайла'];
		const file = statement(lines, 'ibm866');
		expect(fs.readFileSync(file)[chunk - 1]).toBe(0x0d);
		expect(fs.readFileSync(file)[chunk]).toBe(0x0a);
		const { result, csv } = await convert(file, 'ibm866');
		expect(result.rows).toBe(2);
		// the second document opens on line 12 (header and balance) + 5 (first document) + 2 = 19
		expect(csv[2]).toBe('19,Платежное поручение,2,02.03.2024,20.00,,,,,,,,,,40702810955000012345');
		expect(csv[1].split(',')[11]).toBe(purpose);
	});
});
