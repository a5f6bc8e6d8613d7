import { describe, expect, it } from 'vitest';
import type { FilePreview } from './upload-client.ts';
import { assignColumn, currentChoice, doubts } from './mapping-edit.ts';

const preview = (over: Partial<FilePreview>): FilePreview =>
	({
		family: 'stock',
		entity: 'receipts',
		columns: [
			{ column: 'doc_no', header: 'Номер' },
			{ column: 'date', header: 'Дата' },
			{ column: 'supplier', header: null }
		],
		unmapped: ['ИНН', 'Сумма'],
		mapping: null,
		...over
	}) as FilePreview;

describe('the mapping the page edits', () => {
	it('starts from what the preview reads each header as', () => {
		expect(currentChoice(preview({}))).toEqual({ Номер: 'doc_no', Дата: 'date' });
	});

	it('gives a column to one header only, and drops a header set to «do not load»', () => {
		const choice = { Номер: 'doc_no', Дата: 'date' };
		expect(assignColumn(choice, 'Документ', 'doc_no')).toEqual({ Дата: 'date', Документ: 'doc_no' });
		expect(assignColumn(choice, 'Дата', null)).toEqual({ Номер: 'doc_no' });
		expect(assignColumn(choice, 'Дата', 'date')).toEqual(choice);
	});

	it('doubts what detection decided when columns of the file go unused', () => {
		expect(doubts(preview({}))).toEqual(['ИНН', 'Сумма']);
		expect(doubts(preview({ unmapped: ['', ' '] }))).toEqual([]);
		// a saved or hand mapping is the reader's own decision
		expect(doubts(preview({ mapping: { kind: 'saved', name: 'Продажи' } }))).toEqual([]);
	});
});
