import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../src/lib/server/ingest/index.ts';
import fs from 'node:fs';
import { cp1251, projectCopy, sandbox, write, writeXlsx, type Sandbox } from './helpers.ts';

/**
 * The same four sales lines written the ways real exports write them. Every variant
 * must land as exactly these values (typed by hand here, not by the code under test).
 */
const EXPECTED = [
	{ doc_no: 'Р-1001', line_no: 1, date: '2024-01-15', customer_name: 'ООО «Альфа»', customer_inn: '7701234567', sku: 'SKU-1', qty: 2, price: 1000.5, amount: 2001 },
	{ doc_no: 'Р-1001', line_no: 2, date: '2024-01-15', customer_name: 'ООО «Альфа»', customer_inn: '7701234567', sku: 'SKU-2', qty: 1.5, price: 250.25, amount: 375.38 },
	{ doc_no: 'Р-1002', line_no: 1, date: '2024-02-29', customer_name: 'ИП Петров; "Склад"', customer_inn: '500100732259', sku: 'SKU-3', qty: 10, price: 12, amount: 120 },
	{ doc_no: 'Р-1003', line_no: 1, date: '2024-12-31', customer_name: 'ТОВ Іванов', customer_inn: '3012345678', sku: 'SKU-1', qty: 3, price: 1234567.89, amount: 3703703.67 }
];

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;

const variants: Record<string, (dir: string) => Promise<string> | string> = {
	'utf-8, comma-separated, decimal dot, English headers': (dir) =>
		write(
			dir,
			'sales-en.csv',
			[
				'Order ID,Line,Order date,Customer,Customer INN,SKU,Quantity,Price,Amount',
				'Р-1001,1,2024-01-15,ООО «Альфа»,7701234567,SKU-1,2,1000.50,2001.00',
				'Р-1001,2,2024-01-15,ООО «Альфа»,7701234567,SKU-2,1.5,250.25,375.38',
				`Р-1002,1,2024-02-29,${q('ИП Петров; "Склад"')},500100732259,SKU-3,10,12.00,120.00`,
				'Р-1003,1,2024-12-31,ТОВ Іванов,3012345678,SKU-1,3,"1,234,567.89","3,703,703.67"'
			].join('\n') + '\n'
		),
	'utf-8 with BOM, semicolons, decimal comma with "1 000,50"': (dir) =>
		write(
			dir,
			'реализация.csv',
			'\uFEFF' +
				[
					'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Цена;Сумма',
					'Р-1001;1;15.01.2024;ООО «Альфа»;7701234567;SKU-1;2;1 000,50;2 001,00',
					'Р-1001;2;15.01.2024;ООО «Альфа»;7701234567;SKU-2;1,5;250,25;375,38',
					`Р-1002;1;29.02.2024;${q('ИП Петров; "Склад"')};500100732259;SKU-3;10;12,00;120,00`,
					'Р-1003;1;31.12.2024;ТОВ Іванов;3012345678;SKU-1;3;1 234 567,89;3 703 703,67'
				].join('\r\n') +
				'\r\n'
		),
	// found by the fuzz suite: DuckDB's reader failed the whole file on a mix of line ends
	'utf-8, semicolons, CRLF lines and a last line ending in LF (a file edited by hand)': (dir) =>
		write(
			dir,
			'правка.csv',
			[
				'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Цена;Сумма\r\n',
				'Р-1001;1;15.01.2024;ООО «Альфа»;7701234567;SKU-1;2;1 000,50;2 001,00\r\n',
				'Р-1001;2;15.01.2024;ООО «Альфа»;7701234567;SKU-2;1,5;250,25;375,38\n',
				`Р-1002;1;29.02.2024;${q('ИП Петров; "Склад"')};500100732259;SKU-3;10;12,00;120,00\r\n`,
				'Р-1003;1;31.12.2024;ТОВ Іванов;3012345678;SKU-1;3;1 234 567,89;3 703 703,67\n'
			].join('')
		),
	'windows-1251, semicolons, classic Mac CR line ends': (dir) =>
		write(
			dir,
			'mac.csv',
			cp1251(
				[
					'Документ;№;Дата;Контрагент;ИНН;Артикул;Количество;Цена;Сумма',
					'Р-1001;1;15.01.2024;ООО «Альфа»;7701234567;SKU-1;2;1 000,50;2 001,00',
					'Р-1001;2;15.01.2024;ООО «Альфа»;7701234567;SKU-2;1,5;250,25;375,38',
					`Р-1002;1;29.02.2024;${q('ИП Петров; "Склад"')};500100732259;SKU-3;10;12,00;120,00`,
					'Р-1003;1;31.12.2024;ТОВ Іванов;3012345678;SKU-1;3;1 234 567,89;3 703 703,67'
				].join('\r') + '\r'
			)
		),
	'windows-1251, semicolons, 1C title lines, NBSP thousands, rouble marks, dates with time': (dir) =>
		write(
			dir,
			'Реализация товаров.csv',
			cp1251(
				[
					'Реализация товаров и услуг',
					'Период: 01.01.2024 - 31.12.2024',
					'',
					'Документ;№ строки;Дата документа;Покупатель;ИНН покупателя;Код номенклатуры;Кол-во;Цена;Сумма с НДС',
					'Р-1001;1;15.01.2024 0:00:00;ООО «Альфа»;7701234567;SKU-1;2;1\u00a0000,50 руб.;2\u00a0001,00 руб.',
					'Р-1001;2;15.01.2024 0:00:00;ООО «Альфа»;7701234567;SKU-2;1,5;250,25 руб.;375,38 руб.',
					`Р-1002;1;29.02.2024 0:00:00;${q('ИП Петров; "Склад"')};500100732259;SKU-3;10;12,00 руб.;120,00 руб.`,
					'Р-1003;1;31.12.2024 0:00:00;ТОВ Іванов;3012345678;SKU-1;3;1\u00a0234\u00a0567,89 руб.;3\u00a0703\u00a0703,67 руб.'
				].join('\r\n') + '\r\n'
			)
		),
	'tab-separated, Russian headers': (dir) =>
		write(
			dir,
			'продажи.tsv',
			[
				'Номер документа\tНомер строки\tДата продажи\tКлиент\tИНН\tSKU\tКоличество\tЦена продажи\tВыручка',
				'Р-1001\t1\t15.01.2024\tООО «Альфа»\t7701234567\tSKU-1\t2\t1000,50\t2001,00',
				'Р-1001\t2\t15.01.2024\tООО «Альфа»\t7701234567\tSKU-2\t1,5\t250,25\t375,38',
				'Р-1002\t1\t29.02.2024\tИП Петров; "Склад"\t500100732259\tSKU-3\t10\t12,00\t120,00',
				'Р-1003\t1\t31.12.2024\tТОВ Іванов\t3012345678\tSKU-1\t3\t1234567,89\t3703703,67'
			].join('\n') + '\n'
		),
	'UTF-16LE with BOM, tab-separated (Excel "Unicode text")': (dir) =>
		write(
			dir,
			'sales-unicode.txt',
			Buffer.concat([
				Buffer.from([0xff, 0xfe]),
				Buffer.from(
					[
						'Документ\t№\tДата\tКонтрагент\tИНН\tАртикул\tКоличество\tЦена\tСумма',
						'Р-1001\t1\t15.01.2024\tООО «Альфа»\t7701234567\tSKU-1\t2\t1000,50\t2001,00',
						'Р-1001\t2\t15.01.2024\tООО «Альфа»\t7701234567\tSKU-2\t1,5\t250,25\t375,38',
						`Р-1002\t1\t29.02.2024\t${q('ИП Петров; "Склад"')}\t500100732259\tSKU-3\t10\t12,00\t120,00`,
						'Р-1003\t1\t31.12.2024\tТОВ Іванов\t3012345678\tSKU-1\t3\t1234567,89\t3703703,67'
					].join('\r\n') + '\r\n',
					'utf16le'
				)
			])
		),
	'Ukrainian headers, hryvnia marks': (dir) =>
		write(
			dir,
			'видаткові накладні.csv',
			[
				'Номер документу;№ рядка;Дата продажу;Покупець;ЄДРПОУ;Код товару;Кількість;Ціна;Сума',
				'Р-1001;1;15.01.2024;ООО «Альфа»;7701234567;SKU-1;2;1 000,50 грн;2 001,00 грн',
				'Р-1001;2;15.01.2024;ООО «Альфа»;7701234567;SKU-2;1,5;250,25 грн;375,38 грн',
				`Р-1002;1;29.02.2024;${q('ИП Петров; "Склад"')};500100732259;SKU-3;10;12,00 грн;120,00 грн`,
				'Р-1003;1;31.12.2024;ТОВ Іванов;3012345678;SKU-1;3;1 234 567,89 грн;3 703 703,67 грн'
			].join('\n') + '\n'
		),
	'XLSX with a title row, real dates and numbers': (dir) =>
		writeXlsx(path.join(dir, 'sales.xlsx'), [
			{
				name: 'Продажи',
				rows: [
					['Отчёт о продажах за 2024 год'],
					[],
					['Документ', '№', 'Дата', 'Контрагент', 'ИНН', 'Артикул', 'Количество', 'Цена', 'Сумма'],
					['Р-1001', 1, new Date(Date.UTC(2024, 0, 15)), 'ООО «Альфа»', '7701234567', 'SKU-1', 2, 1000.5, 2001],
					['Р-1001', 2, new Date(Date.UTC(2024, 0, 15)), 'ООО «Альфа»', '7701234567', 'SKU-2', 1.5, 250.25, 375.38],
					['Р-1002', 1, new Date(Date.UTC(2024, 1, 29)), 'ИП Петров; "Склад"', '500100732259', 'SKU-3', 10, 12, 120],
					['Р-1003', 1, new Date(Date.UTC(2024, 11, 31)), 'ТОВ Іванов', '3012345678', 'SKU-1', 3, 1234567.89, 3703703.67]
				]
			}
		])
};

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

describe('each dialect of the same sales export loads to identical values', () => {
	for (const [name, make] of Object.entries(variants)) {
		it(name, async () => {
			box = await sandbox();
			const file = await make(box.dir);
			const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
			expect(result.message).toBeUndefined();
			expect(result).toMatchObject({ status: 'loaded', family: 'accounting', entity: 'sales', read: 4, loaded: 4, rejected: 0 });
			const rows = await box.warehouse.query(
				`select doc_no, line_no, date, customer_name, customer_inn, sku, qty, price, amount
				from raw.accounting_sales order by doc_no, line_no`
			);
			expect(rows).toEqual(EXPECTED);
			const audit = await box.warehouse.query<{ encoding: string; dialect: string }>('select encoding, dialect from audit.files');
			expect(audit).toHaveLength(1);
			expect(JSON.parse(audit[0].dialect)).toHaveProperty('delimiter');
		});
	}

	it('reports what it detected: cp1251, ";", decimal comma, header below the title lines', async () => {
		box = await sandbox();
		const file = await variants['windows-1251, semicolons, 1C title lines, NBSP thousands, rouble marks, dates with time'](box.dir);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result.dialect).toMatchObject({ encoding: 'windows-1251', delimiter: ';', decimal: ',', headerRow: 4 });
		expect(result.dialect?.thousands).toContain('\u00a0');
		expect(result.dialect?.dateFormats.date[0]).toBe('%d.%m.%Y %H:%M:%S');
		expect(result.mapping).toMatchObject({ doc_no: 'Документ', line_no: '№ строки', amount: 'Сумма с НДС', qty: 'Кол-во' });
	});

	it('lets flags override detection (a tab file read as ";" finds no columns)', async () => {
		box = await sandbox();
		const file = await variants['tab-separated, Russian headers'](box.dir);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file], { overrides: { delimiter: ';' } });
		expect(result.status).toBe('failed');
		const [ok] = await ingestFiles(box.warehouse, box.paths, [file], { overrides: { delimiter: '\t' } });
		expect(ok).toMatchObject({ status: 'loaded', loaded: 4 });
		expect(ok.dialect?.overridden).toEqual(['delimiter']);
	});

	it("takes a job file's dialect over detection (an ambiguous \"1,000\" read with the entity's decimal dot)", async () => {
		box = await sandbox();
		const project = projectCopy(box.dir);
		const job = path.join(project, 'ingest', 'accounting.yml');
		fs.writeFileSync(job, fs.readFileSync(job, 'utf8').replace("    files: ['*plan*', '*план*']", "    files: ['*plan*', '*план*']\n    dialect: { decimal: '.' }"));
		box.warehouse.close();
		const withDialect = await sandbox(project);
		try {
			const file = write(withDialect.dir, 'plan.csv', 'Месяц;Менеджер;План\n01.2024;Иванов;1,000\n02.2024;Петров;2,500\n');
			const [result] = await ingestFiles(withDialect.warehouse, withDialect.paths, [file]);
			expect(result).toMatchObject({ status: 'loaded', entity: 'sales_plan', loaded: 2 });
			expect(result.dialect).toMatchObject({ decimal: '.', overridden: ['decimal'] });
			expect(await withDialect.warehouse.query('select manager, plan_amount from raw.accounting_sales_plan order by manager')).toEqual([
				{ manager: 'Иванов', plan_amount: 1000 },
				{ manager: 'Петров', plan_amount: 2500 }
			]);
		} finally {
			withDialect.close();
			box.close();
			box = undefined;
		}
	});
});

describe('a stray carriage return inside a line', () => {
	it('splits that line, which is quarantined for its field count; the other lines load', async () => {
		const box = await sandbox();
		try {
			const file = write(
				box.dir,
				'stray-cr.csv',
				[
					'Документ;№;Дата;Контрагент;Артикул;Количество;Цена;Сумма',
					'Р-1;1;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00',
					'Р-2;1;10.03.2024;ООО\rАльфа;SKU-2;2;100,00;200,00',
					'Р-3;1;10.03.2024;ООО Альфа;SKU-3;2;100,00;200,00'
				].join('\n') + '\n'
			);
			const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
			// line 3 becomes «Р-2;1;10.03.2024;ООО» (4 fields) and «Альфа;SKU-2;2;100,00;200,00» (5 fields)
			expect(result).toMatchObject({ status: 'loaded', read: 4, loaded: 2, rejected: 2 });
			const rejected = await box.warehouse.query<{ reason: string }>('select reason from audit.rejected_rows order by row_no');
			expect(rejected.map((r) => r.reason)).toEqual(['wrong number of fields: 4 instead of 8', 'wrong number of fields: 5 instead of 8']);
			const loaded = await box.warehouse.query<{ doc_no: string }>('select doc_no from raw.accounting_sales order by doc_no');
			expect(loaded.map((r) => r.doc_no)).toEqual(['Р-1', 'Р-3']);
		} finally {
			box.close();
		}
	});
});
