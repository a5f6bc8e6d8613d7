import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { checkUploadName, sniffContent } from './file-types.ts';

const refusal = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(DomainError);
		return { kind: (error as DomainError).kind, message: (error as Error).message };
	}
	throw new Error('accepted');
};

describe('upload file types', () => {
	it('keeps only the file’s own name', () => {
		expect(checkUploadName('C:\\Users\\anna\\Выгрузка.CSV')).toBe('Выгрузка.CSV');
		expect(checkUploadName('../../etc/продажи.xlsx')).toBe('продажи.xlsx');
		expect(checkUploadName('отчёт\u0000.txt')).toBe('отчёт.txt');
	});

	it('refuses what ingest cannot read, saying what to do', () => {
		expect(refusal(() => checkUploadName('scan.pdf')).kind).toBe('unsupported');
		expect(refusal(() => checkUploadName('..')).kind).toBe('bad_input');
	});

	it('checks the first bytes against the extension', () => {
		expect(() => sniffContent('a.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).not.toThrow();
		expect(refusal(() => sniffContent('a.xlsx', Buffer.from('Дата;Сумма'))).kind).toBe('unsupported');
		expect(refusal(() => sniffContent('a.csv', Buffer.from([0x41, 0x00, 0x42]))).kind).toBe('unsupported');
		// UTF-16 with a byte order mark has NULs and is a text export
		expect(() => sniffContent('a.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00]))).not.toThrow();
		// an .xls is read when it is an HTML table (Bitrix24's «Excel» export), refused when it is a binary workbook
		expect(checkUploadName('deals.xls')).toBe('deals.xls');
		expect(() => sniffContent('deals.xls', Buffer.from('<meta http-equiv="Content-type" content="text/html;charset=UTF-8" />\n<table border="1">'))).not.toThrow();
		expect(refusal(() => sniffContent('book.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toEqual({
			kind: 'unsupported',
			message: expect.stringContaining('save it as .xlsx or CSV')
		});
	});
});
