import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHead } from './csv-head.ts';
import { findEntity, loadJobs } from './job-spec.ts';
import { choiceByMapping, headerSignature, MappingError, type HeaderMapping } from './mapping-choice.ts';
import type { EntitySpec } from './types.ts';

const jobs = loadJobs(path.resolve('ingest'));
const all = jobs.flatMap((j) => j.entities);
const entity = (family: string, name: string) => findEntity(jobs, family, name) as EntitySpec;
const records = (text: string) => parseHead(text, ';', true).records;
const where = (entities: EntitySpec[] = all) => ({ entities, fileName: 'выгрузка.csv', leadingFields: 0 });

const SALES_LIST: HeaderMapping = {
	name: 'Продажи списком',
	family: 'accounting',
	entity: 'sales',
	header: ['Дата', 'Номер', 'Контрагент', 'Количество', 'Сумма'],
	columns: { Дата: 'date', Номер: 'doc_no', Контрагент: 'customer_name', Количество: 'qty', Сумма: 'amount' }
};

describe('headerSignature', () => {
	it('compares headers as detection does (case, spaces, punctuation, ё), without trailing empty cells', () => {
		expect(headerSignature(['Дата ', 'КОЛ-ВО', 'Счёт', '', ''])).toEqual(['дата', 'колво', 'счет']);
	});
});

describe('choiceByMapping with saved mappings', () => {
	it('finds the header below a 1C title block and reads the file as the mapping says', () => {
		const file = records('Реализация товаров за январь 2026\nОрганизация: ООО «Климат»\n\nдата;НОМЕР;Контрагент;Количество;Сумма\n09.01.2026;РТ-1;ООО «Альфа»;2;100\n');
		const choice = choiceByMapping(file, { saved: [SALES_LIST] }, where());
		expect(choice?.mapping).toEqual({ kind: 'saved', name: 'Продажи списком' });
		// records: the title, the organisation, then the header (the blank line is no record)
		expect(choice?.headerIndex).toBe(2);
		expect(choice?.match.entity.name).toBe('sales');
		expect(choice?.match.mapped.map((m) => [m.column.name, m.header, m.via])).toEqual([
			['doc_no', 'НОМЕР', 'mapping'],
			['date', 'дата', 'mapping'],
			['customer_name', 'Контрагент', 'mapping'],
			['qty', 'Количество', 'mapping'],
			['amount', 'Сумма', 'mapping']
		]);
	});

	it('applies only to the exact header, and only to the entities considered', () => {
		expect(choiceByMapping(records('Дата;Номер;Контрагент;Количество;Сумма;Склад\n'), { saved: [SALES_LIST] }, where())).toBeUndefined();
		expect(choiceByMapping(records('Дата;Номер;Контрагент;Количество\n'), { saved: [SALES_LIST] }, where())).toBeUndefined();
		// the inbox of stock/ considers stock's entities only
		const stock = all.filter((e) => e.family === 'stock');
		expect(choiceByMapping(records('Дата;Номер;Контрагент;Количество;Сумма\n'), { saved: [SALES_LIST] }, where(stock))).toBeUndefined();
	});

	it('refuses a saved mapping that no longer covers what the load needs, naming it', () => {
		const stale = { ...SALES_LIST, columns: { Дата: 'date', Номер: 'doc_no', Количество: 'qty' } };
		const run = () => choiceByMapping(records('Дата;Номер;Контрагент;Количество;Сумма\n'), { saved: [stale] }, where());
		expect(run).toThrow(MappingError);
		expect(run).toThrow('the saved mapping «Продажи списком» leaves out columns accounting.sales needs: amount (Amount): map the file again on the upload page and save it, or delete that mapping');
	});
});

describe('choiceByMapping with a hand mapping', () => {
	const sales = entity('accounting', 'sales');

	it('takes the first row that has every mapped header, and previews what is still missing', () => {
		const file = records('Отчёт\nДата;Номер;Сумма\n01.02.2026;1;5\n');
		const choice = choiceByMapping(file, { hand: { entity: sales, columns: { Номер: 'doc_no', Сумма: 'amount' } }, allowMissing: true }, where([sales]));
		expect(choice?.headerIndex).toBe(1);
		expect(choice?.match.missing.map((c) => c.name)).toEqual(['date', 'qty']);
		expect(choice?.match.unmapped).toEqual([0]);
		expect(() => choiceByMapping(file, { hand: { entity: sales, columns: { Номер: 'doc_no', Сумма: 'amount' } } }, where([sales]))).toThrow(/leaves out columns accounting\.sales needs: date \(Document date\), qty \(Quantity\)$/);
	});

	it('without columns lets the entity’s aliases decide, on the row where they match best, else on the widest row', () => {
		const file = records('Отчёт о продажах\nДокумент;Дата;Количество;Сумма\n');
		expect(choiceByMapping(file, { hand: { entity: sales, columns: null } }, where([sales]))?.headerIndex).toBe(1);
		const unknown = records('Выгрузка\nFoo;Bar;Baz\n1;2;3\n');
		const choice = choiceByMapping(unknown, { hand: { entity: sales, columns: null }, allowMissing: true }, where([sales]));
		expect(choice?.headerIndex).toBe(1);
		expect(choice?.match.mapped).toEqual([]);
	});

	it('says so when no row has the mapped headers', () => {
		expect(() => choiceByMapping(records('Дата;Сумма\n'), { hand: { entity: sales, columns: { Номер: 'doc_no' } } }, where([sales]))).toThrow(
			'no header row of the file has all of «Номер» (looked at the first 1 rows)'
		);
	});
});
