import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMissing, matchHeaders } from './header-match.ts';
import { findEntity, loadJobs } from './job-spec.ts';
import type { EntitySpec } from './types.ts';

const jobs = loadJobs(path.resolve('ingest'));
const entity = (family: string, name: string): EntitySpec => {
	const found = findEntity(jobs, family, name);
	if (!found) throw new Error(`${family}.${name} missing from ingest/`);
	return found;
};

describe('matchHeaders', () => {
	it('maps Russian 1C headers of a sales export', () => {
		const m = matchHeaders(['Документ', '№', 'Дата', 'Контрагент', 'Количество', 'Цена', 'Сумма'], entity('accounting', 'sales'));
		expect(Object.fromEntries(m.mapped.map((x) => [x.column.name, x.header]))).toEqual({
			doc_no: 'Документ',
			line_no: '№',
			date: 'Дата',
			customer_name: 'Контрагент',
			qty: 'Количество',
			price: 'Цена',
			amount: 'Сумма'
		});
		expect(m.missing).toEqual([]);
	});

	it('gives a header to the more specific alias: "ID компании" is the company, "ID" the contact', () => {
		const m = matchHeaders(['ID компании', 'ID', 'ФИО'], entity('crm', 'contacts'));
		const byColumn = Object.fromEntries(m.mapped.map((x) => [x.column.name, x.header]));
		expect(byColumn.counterparty_id).toBe('ID компании');
		expect(byColumn.contact_id).toBe('ID');
	});

	it('maps each header to at most one column and each column to one header', () => {
		const m = matchHeaders(['Телефон', 'Телефон', 'Name', 'ID'], entity('crm', 'counterparties'));
		const headers = m.mapped.map((x) => x.index);
		expect(new Set(headers).size).toBe(headers.length);
		expect(m.mapped.filter((x) => x.column.name === 'phone')).toHaveLength(1);
		expect(m.unmapped).toEqual([1]);
	});

	it('reads a unit after the name ("Сумма, руб.") but not a different column ("Дата создания")', () => {
		const sales = matchHeaders(['Документ', 'Дата', 'Количество, шт', 'Сумма, руб.'], entity('accounting', 'sales'));
		expect(sales.mapped.find((x) => x.column.name === 'amount')?.via).toBe('prefix');
		const stages = matchHeaders(['ID сделки', 'Этап', 'Дата создания'], entity('crm', 'deal_stages'));
		expect(stages.mapped.some((x) => x.column.name === 'entered_at')).toBe(false);
		// a short unit after a space is still a unit; a word is another column (БП's «Счет учета» is the ledger account 51, no invoice)
		expect(matchHeaders(['Номер', 'Дата', 'Сумма руб'], entity('payments', 'bank_payments')).mapped.find((x) => x.column.name === 'amount')?.header).toBe('Сумма руб');
		const list = matchHeaders(['Дата', 'Номер', 'Сумма', 'Счет учета', 'Счет, №'], entity('payments', 'bank_payments'));
		expect(list.mapped.find((x) => x.column.name === 'invoice_no')?.header).toBe('Счет, №');
	});

	it('lets a mapping file win over aliases', () => {
		const base = entity('payments', 'bank_payments');
		const withMapping: EntitySpec = {
			...base,
			mappings: [{ file: 'm.yml', family: 'payments', entity: 'bank_payments', files: [], columns: { 'Кредит': 'amount', 'Номер п/п': 'doc_no' } }]
		};
		const m = matchHeaders(['Номер п/п', 'Дата', 'Кредит', 'Сумма'], withMapping);
		const byColumn = Object.fromEntries(m.mapped.map((x) => [x.column.name, x.header]));
		expect(byColumn.amount).toBe('Кредит');
		expect(byColumn.doc_no).toBe('Номер п/п');
	});

	it('names the missing required column and the aliases tried', () => {
		const m = matchHeaders(['Документ', 'Дата', 'Количество'], entity('accounting', 'sales'));
		expect(m.missing.map((c) => c.name)).toEqual(['amount']);
		expect(describeMissing(m.missing)).toMatch(/^column «amount» not found; tried: Сумма, Сумма с НДС, Сумма продажи, .*Amount/);
	});
});
