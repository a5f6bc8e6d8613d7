import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../demo/cp1251.ts';
import { cellTextOfHtml, htmlEncoding, htmlTableToCsv, looksLikeHtmlTable, rowCells } from './html-table-to-csv.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-html-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function convert(name: string, bytes: Buffer | string): Promise<{ csv: string; rows: number; width: number; encoding: string }> {
	const file = path.join(dir, name);
	fs.writeFileSync(file, bytes);
	const target = `${file}.csv`;
	const result = await htmlTableToCsv(file, target);
	return { csv: fs.readFileSync(target, 'utf8'), ...result };
}

// Bitrix24's excel.php (crm.deal.list/templates/.default/excel.php in avshatalov48/bitrix24-core-corp):
// a <meta> with the portal's charset, then the table with the template's indentation.
const page = (charset: string, body: string) =>
	`<meta http-equiv="Content-type" content="text/html;charset=${charset}" />\n\t\t<table border="1">\n\t\t<thead>\n\t\t\t<tr><th>ID</th><th>Компания</th><th>Сумма</th></tr>\n\t\t</thead>\n\t\t<tbody>${body}</tbody>\n\t\t</table>`;

describe('HTML table exports', () => {
	it('knows an HTML table by its content, not by its extension', () => {
		expect(looksLikeHtmlTable(Buffer.from(page('UTF-8', '')))).toBe(true);
		expect(looksLikeHtmlTable(Buffer.from('\uFEFF<html><body><table><tr><td>1</td></tr></table>'))).toBe(true);
		// a binary Excel 97–2003 workbook, a CSV and a page without a table are not
		expect(looksLikeHtmlTable(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(false);
		expect(looksLikeHtmlTable(Buffer.from('ID;Компания\n1;<b>ООО</b>\n'))).toBe(false);
		expect(looksLikeHtmlTable(Buffer.from('<html><body>нет сделок</body></html>'))).toBe(false);
	});

	it('reads the charset the page declares', () => {
		expect(htmlEncoding(Buffer.from(page('windows-1251', '')))).toBe('windows-1251');
		expect(htmlEncoding(Buffer.from(page('UTF-8', '')))).toBe('utf-8');
		expect(htmlEncoding(Buffer.from('<table><tr><td>\xd0\xe0\xe7</td></tr></table>', 'latin1'))).toBe('windows-1251');
	});

	it('keeps a cell’s text: entities decoded, <br> as a line break, other tags and indentation dropped', () => {
		expect(cellTextOfHtml('ООО &quot;Север&quot; &amp; К&#176; &#x2116;1')).toBe('ООО "Север" & К° №1');
		expect(cellTextOfHtml('\n\t\tОплата частями<br />первая часть <b>до 15.03</b>\n\t')).toBe('Оплата частями\nпервая часть до 15.03');
		expect(rowCells('<tr><td>1</td><td colspan="2">итого</td><td>3')).toEqual(['1', 'итого', '', '3']);
	});

	it('writes the CSV a sheet would give: row numbers as Excel shows them, quoted where needed', async () => {
		const body =
			'<tr><td>131</td><td>ООО &quot;Стеллаж-Сервис&quot;</td><td>98000.00</td></tr>' +
			'<tr><td></td><td></td><td></td></tr>' +
			'<tr><td>133</td><td>Монтаж, доставка<br>и сборка</td><td>7000.00</td></tr>';
		const { csv, rows, width, encoding } = await convert('deals.xls', page('UTF-8', body));
		// header = row 1, deals = rows 2 and 4; the empty row 3 is left out but keeps its number
		expect(csv).toBe('1,ID,Компания,Сумма\n2,131,"ООО ""Стеллаж-Сервис""",98000.00\n4,133,"Монтаж, доставка\nи сборка",7000.00\n');
		expect({ rows, width, encoding }).toEqual({ rows: 3, width: 3, encoding: 'utf-8' });
	});

	it('decodes a windows-1251 page (a boxed Bitrix24) and ignores what follows the table', async () => {
		const text = page('windows-1251', '<tr><td>7</td><td>ИП Соколов</td><td>15000</td></tr>') + '<table><tr><td>другая</td></tr></table>';
		const { csv, encoding } = await convert('box.xls', encodeCp1251(text));
		expect(encoding).toBe('windows-1251');
		expect(csv).toBe('1,ID,Компания,Сумма\n2,7,ИП Соколов,15000\n');
	});

	it('streams: rows cut by the read chunks come out whole', async () => {
		// 30,000 rows of ~60 bytes: about 2 MB, read in 1 MB chunks
		const body = Array.from({ length: 30_000 }, (_, i) => `<tr><td>${i + 1}</td><td>Клиент №${i + 1}</td><td>${i}.50</td></tr>`).join('');
		const { csv, rows } = await convert('big.xls', page('UTF-8', body));
		const lines = csv.trimEnd().split('\n');
		expect(rows).toBe(30_001);
		expect(lines[1]).toBe('2,1,Клиент №1,0.50');
		expect(lines[30_000]).toBe('30001,30000,Клиент №30000,29999.50');
	});

	it('fails on a page without rows', async () => {
		await expect(convert('empty.xls', '<html><table></table></html>')).rejects.toThrow(/no table rows/);
	});
});
