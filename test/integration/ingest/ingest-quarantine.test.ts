import { afterEach, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../src/lib/server/ingest/index.ts';
import { sandbox, write, type Sandbox } from './helpers.ts';

let box: Sandbox | undefined;
afterEach(() => {
	box?.close();
	box = undefined;
});

const HEADER = 'Документ;№;Дата;Контрагент;Артикул;Количество;Цена;Сумма';
const good = (doc: number, line = 1) => `Р-${doc};${line};10.03.2024;ООО Альфа;SKU-${doc};2;100,00;200,00`;

describe('quarantine', () => {
	it('loads the good rows and rejects exactly the bad ones, each with its row number and reason in English and Russian', async () => {
		box = await sandbox();
		// Line numbers as a spreadsheet shows them: title = 1, blank = 2, header = 3.
		const lines: string[] = ['Продажи за март 2024', '', HEADER];
		// row → [English reason, Russian reason]
		const expectRejected = new Map<number, [RegExp, RegExp]>();
		const add = (line: string, reason?: RegExp, reasonRu?: RegExp) => {
			lines.push(line);
			if (reason && reasonRu) expectRejected.set(lines.length, [reason, reasonRu]);
		};
		for (let i = 1; i <= 10; i++) add(good(i));
		add('Р-101;1;32.03.2024;ООО Альфа;SKU-1;2;100,00;200,00', /^date \(Дата\): not a date «32\.03\.2024» \(expected dd\.mm\.yyyy\)$/, /^столбец «Дата»: не дата «32\.03\.2024» \(ожидается ДД\.ММ\.ГГГГ\)$/);
		add('Р-102;1;2024/03/10;ООО Альфа;SKU-1;2;100,00;200,00', /^date \(Дата\): not a date «2024\/03\/10»/, /^столбец «Дата»: не дата «2024\/03\/10»/);
		add('Р-103;1;10.03.2024;ООО Альфа;SKU-1;два;100,00;200,00', /^qty \(Количество\): not a number «два»$/, /^столбец «Количество»: не число «два»$/);
		add('Р-104;1;10.03.2024;ООО Альфа;SKU-1;2;100,00;двести', /^amount \(Сумма\): not a number «двести»$/, /^столбец «Сумма»: не число «двести»$/);
		add(';1;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00', /^missing key doc_no \(Документ\)$/, /^столбец «Документ»: не заполнен ключ$/);
		add('  ;2;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00', /^missing key doc_no \(Документ\)$/, /^столбец «Документ»: не заполнен ключ$/);
		add('Р-107;1;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00;лишнее', /^wrong number of fields: 9 instead of 8$/, /^неверное число полей: 9 вместо 8$/);
		add('Р-108;1;10.03.2024;ООО Альфа;SKU-1;2;100,00;200,00;x;y', /^wrong number of fields: 10 instead of 8$/, /^неверное число полей: 10 вместо 8$/);
		add('Р-109;1;10.03.2024;ООО Альфа', /^wrong number of fields: 4 instead of 8$/, /^неверное число полей: 4 вместо 8$/);
		add('Р-110;1;10.03.2024', /^wrong number of fields: 3 instead of 8$/, /^неверное число полей: 3 вместо 8$/);
		// Returns: negative lines (ASCII hyphen and the unicode minus) are sales data, not errors.
		add('Р-111;1;10.03.2024;ООО Альфа;SKU-1;-2;100,00;-200,00');
		add('Р-112;1;10.03.2024;ООО Альфа;SKU-1;−1;100,00;−100,00');
		lines.push('');
		const firstDuplicate = lines.length + 1;
		add('Р-1;1;10.03.2024;ООО Альфа;SKU-1;5;100,00;500,00');
		add('Р-2;1;10.03.2024;ООО Альфа;SKU-2;5;100,00;500,00');
		// The earlier copies of Р-1/1 and Р-2/1 (rows 4 and 5) are the rejected ones: the later row wins.
		expectRejected.set(4, [
			new RegExp(`^duplicate of row ${firstDuplicate} \\(same doc_no, line_no; the later row is kept\\)$`),
			new RegExp(`^повтор строки ${firstDuplicate} \\(тот же ключ: doc_no, line_no; оставлена более поздняя строка\\)$`)
		]);
		expectRejected.set(5, [new RegExp(`^duplicate of row ${firstDuplicate + 1} `), new RegExp(`^повтор строки ${firstDuplicate + 1} `)]);
		add(
			'Р-120;1;32.13.2024;ООО Альфа;SKU-1;пять;abc;200,00',
			/^date \(Дата\): not a date «32\.13\.2024».*; qty \(Количество\): not a number «пять»; price \(Цена\): not a number «abc»$/,
			/^столбец «Дата»: не дата «32\.13\.2024» \(ожидается ДД\.ММ\.ГГГГ\); столбец «Количество»: не число «пять»; столбец «Цена»: не число «abc»$/
		);
		const file = write(box.dir, 'sales-march.csv', `${lines.join('\n')}\n`);

		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		// 10 good + 10 bad + 2 returns + 2 re-sent + 1 multi-error row = 25 data rows (blank lines are not rows);
		// loaded: 10 good - 2 sent again later + the 2 later copies + 2 returns = 12; rejected: 10 + 2 earlier copies + 1 = 13.
		expect(result).toMatchObject({ status: 'loaded', read: 25, loaded: 12, rejected: 13 });
		expect(result.read).toBe(result.loaded + result.rejected);

		const rejected = await box.warehouse.query<{ row_no: number; reason: string; reason_ru: string; raw_line: string }>(
			'select row_no, reason, reason_ru, raw_line from audit.rejected_rows order by row_no'
		);
		expect(rejected.map((r) => r.row_no)).toEqual([...expectRejected.keys()].sort((a, b) => a - b));
		for (const r of rejected) {
			const [en, ru] = expectRejected.get(r.row_no)!;
			expect(r.reason).toMatch(en);
			expect(r.reason_ru).toMatch(ru);
		}
		// Cast-rejected rows keep the line as it was (re-joined with the file's delimiter).
		expect(rejected.find((r) => r.row_no === 14)?.raw_line).toBe(lines[13]);
		expect(rejected.find((r) => r.row_no === 20)?.raw_line).toBe(lines[19]);

		const loaded = await box.warehouse.query<{ doc_no: string; qty: number; _row_no: number; _file_id: number }>(
			'select doc_no, qty, _row_no, _file_id from raw.accounting_sales order by _row_no'
		);
		expect(loaded.map((r) => r.doc_no)).toEqual(['Р-3', 'Р-4', 'Р-5', 'Р-6', 'Р-7', 'Р-8', 'Р-9', 'Р-10', 'Р-111', 'Р-112', 'Р-1', 'Р-2']);
		expect(loaded.map((r) => r._row_no)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 24, 25, firstDuplicate, firstDuplicate + 1]);
		expect(loaded.find((r) => r.doc_no === 'Р-1')?.qty).toBe(5);
		expect(loaded.filter((r) => r.doc_no.startsWith('Р-11')).map((r) => r.qty)).toEqual([-2, -1]);
		expect(new Set(loaded.map((r) => r._file_id))).toEqual(new Set([result.fileId]));

		const [audit] = await box.warehouse.query('select rows_read, rows_loaded, rows_rejected, status from audit.files');
		expect(audit).toEqual({ rows_read: 25, rows_loaded: 12, rows_rejected: 13, status: 'loaded' });
		expect(result.samples).toHaveLength(5);
		expect(result.samples[0].rowNo).toBe(4);
	});

	it('a file of only bad rows loads nothing and still accounts for every row', async () => {
		box = await sandbox();
		const file = write(box.dir, 'sales.csv', `${HEADER}\nР-1;1;xx;A;S;1;1;1\nР-2;1;10.03.2024;A;S;один;1;1\n`);
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', read: 2, loaded: 0, rejected: 2 });
	});

	it('a trailing delimiter after the header or a row adds no column; a real extra value is rejected', async () => {
		box = await sandbox();
		const file = write(box.dir, 'sales.csv', 'Документ;Дата;Количество;Сумма;\nА-1;01.03.2024;1;10\nА-2;01.03.2024;1;20;\nА-3;01.03.2024;1;30;;\nА-4;01.03.2024;1;40;лишнее\n');
		const [result] = await ingestFiles(box.warehouse, box.paths, [file]);
		expect(result).toMatchObject({ status: 'loaded', read: 4, loaded: 3, rejected: 1 });
		expect(result.samples).toEqual([{ rowNo: 5, reason: 'wrong number of fields: 5 instead of 4' }]);
	});
});
