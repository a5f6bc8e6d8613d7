import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS, { type Row } from './exceljs.ts';

describe('exceljs through the utf-8 safe loader', () => {
	it('streams back every Cyrillic string of a sheet far larger than one zip chunk, without «�»', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-xlsx-'));
		const file = path.join(dir, 'names.xlsx');
		// Two-byte letters at every offset: 20,000 rows × ~40 bytes ≈ 800 KB of sheet XML (≈ 50 chunks of 16 KB).
		const names = Array.from({ length: 20_000 }, (_, i) => `${'Ёжиков Щ'.repeat(1 + (i % 3))} Данилов Владимир ${i}`);
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
		const sheet = writer.addWorksheet('Сделки');
		for (const name of names) sheet.addRow([name]).commit();
		await writer.commit();

		const read: string[] = [];
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache' });
		for await (const worksheet of reader) {
			for await (const row of worksheet as unknown as AsyncIterable<Row>) read.push(String((row.values as unknown[])[1]));
		}
		expect(read.filter((text) => text.includes('\uFFFD'))).toEqual([]);
		expect(read).toEqual(names);
	});
});
