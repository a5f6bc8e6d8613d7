import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { incompleteUtf8Tail, prepareText, sniffEncoding } from './text-file.ts';

const cp1251 = (text: string): Buffer => {
	// А..я are 0xC0..0xFF in windows-1251; Ё 0xA8, ё 0xB8
	return Buffer.from([...text].map((ch) => (ch === 'Ё' ? 0xa8 : ch === 'ё' ? 0xb8 : ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
};

describe('encoding detection', () => {
	it('knows BOMs, UTF-16 by its zeros, strict UTF-8, and falls back to windows-1251', () => {
		expect(sniffEncoding(Buffer.from('\uFEFFДата;Сумма', 'utf8'))).toBe('utf-8-bom');
		expect(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Дата', 'utf16le')]))).toBe('utf-16le');
		expect(sniffEncoding(Buffer.from('Date;Amount\n1;2\n', 'utf16le'))).toBe('utf-16le');
		expect(sniffEncoding(Buffer.from('Дата;Сумма', 'utf8'))).toBe('utf-8');
		expect(sniffEncoding(cp1251('Дата;Сумма;Счёт'))).toBe('windows-1251');
	});
	it('does not call UTF-8 broken when the head ends inside a character', () => {
		const bytes = Buffer.from('Сумма', 'utf8');
		const cut = bytes.subarray(0, bytes.length - 1);
		expect(incompleteUtf8Tail(cut)).toBe(1);
		expect(sniffEncoding(cut)).toBe('utf-8');
	});
});

describe('prepareText', () => {
	it('decodes windows-1251 into a UTF-8 temp file and hashes the original bytes', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-text-'));
		const file = path.join(dir, 'a.csv');
		fs.writeFileSync(file, cp1251('Счёт;Сумма\nА-1;10\n\nБ-2;20\n'));
		const prepared = await prepareText(file, 'windows-1251', dir);
		expect(prepared.temporary).toBe(true);
		expect(fs.readFileSync(prepared.textFile, 'utf8')).toBe('Счёт;Сумма\nА-1;10\n\nБ-2;20\n');
		expect(prepared.hasEmptyLines).toBe(true);
		expect(prepared.hash).toMatch(/^[0-9a-f]{64}$/);
		fs.rmSync(dir, { recursive: true });
	});
	it('reads UTF-8 in place, and decodes a file whose non-UTF-8 bytes come late as windows-1251', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-text-'));
		const plain = path.join(dir, 'u.csv');
		fs.writeFileSync(plain, 'Дата;Сумма\n01.01.2024;1\n');
		expect(await prepareText(plain, 'utf-8', dir)).toMatchObject({ temporary: false, textFile: plain, encoding: 'utf-8', hasEmptyLines: false });
		const late = path.join(dir, 'late.csv');
		fs.writeFileSync(late, Buffer.concat([Buffer.from(`a;b\n${'1;2\n'.repeat(300_000)}`), cp1251('Я;ё\n')]));
		const prepared = await prepareText(late, 'utf-8', dir);
		expect(prepared.encoding).toBe('windows-1251');
		expect(fs.readFileSync(prepared.textFile, 'utf8').endsWith('Я;ё\n')).toBe(true);
		fs.rmSync(dir, { recursive: true });
	});
});
