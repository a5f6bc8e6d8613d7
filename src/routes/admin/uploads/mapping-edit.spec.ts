import { describe, expect, it } from 'vitest';
import type { FilePreview } from './upload-client.ts';
import { assignColumn, closeRivals, currentChoice, doubts } from './mapping-edit.ts';

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

	it('is unsure of what detection decided when the runner-up came close, and names what tied with it', () => {
		const runnerUp = { entity: 'payments.bank_payments', score: 4, en: '', ru: '', why: { en: '', ru: '' }, close: true };
		const candidate = (entity: string, score: number, missing: string[] = []) => ({ entity, score, missing, headerIndex: 0, matched: 4, fileNameHint: false, evidence: [] });
		const candidates = [candidate('stock.receipts', 4), candidate('payments.bank_payments', 4), candidate('payments.invoices', 4), candidate('accounting.sales', 4, ['qty']), candidate('crm.deals', 2)];
		expect(closeRivals(preview({ unmapped: [], runnerUp, candidates }))).toEqual(['payments.bank_payments', 'payments.invoices']);
		expect(closeRivals(preview({ runnerUp: { ...runnerUp, score: 3 }, candidates: [candidate('stock.receipts', 5), candidate('payments.bank_payments', 3)] }))).toEqual(['payments.bank_payments']);
		expect(closeRivals(preview({ runnerUp: { ...runnerUp, close: false }, candidates }))).toEqual([]);
		expect(closeRivals(preview({ runnerUp: null, candidates }))).toEqual([]);
		expect(closeRivals(preview({ runnerUp, candidates, mapping: { kind: 'saved', name: 'Счета' } }))).toEqual([]);
	});
});
