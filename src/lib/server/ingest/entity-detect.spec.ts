import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectEntity } from './entity-detect.ts';
import { allEntities, loadJobs } from './job-spec.ts';

const entities = allEntities(loadJobs(path.resolve('ingest')));
const records = (...rows: string[]) => rows.map((row, i) => ({ line: i + 1, fields: row.split(';') }));

describe('detectEntity', () => {
	it('scores every entity on all its headers: a «Продажи» report is sales, not goods receipts', () => {
		const choice = detectEntity(
			records(
				'Продажи',
				'Регистратор;Номер;Дата;Контрагент;Номенклатура;Артикул;Склад;Количество;Цена;Сумма;Себестоимость',
				'Реализация товаров и услуг 00000001 от 10.01.2024 12:00:00;00000001;10.01.2024;ООО «Альфа»;Чайник;CH-1;Основной;2;100;200;150',
				'Возврат товаров от клиента 00000001 от 12.01.2024 9:00:00;00000001;12.01.2024;ООО «Альфа»;Чайник;CH-1;Основной;-1;100;-100;-75'
			),
			{ fileName: 'report.csv', entities }
		);
		expect(`${choice.match.entity.family}.${choice.match.entity.name}`).toBe('accounting.sales');
		expect(choice.headerIndex).toBe(1);
		const receipts = choice.candidates.find((c) => c.entity === 'stock.receipts')!;
		expect(receipts.evidence.map((e) => e.en)).toEqual(
			expect.arrayContaining([
				'100 % of the documents are sales lines («Реализация товаров и услуг»…)',
				'1 of 2 values of qty («Количество») are below its minimum 0: those rows would be rejected'
			])
		);
		expect(choice.candidates[0].score).toBeGreaterThan(receipts.score);
	});

	it('gives a tie to the entity the job prefers, and says so', () => {
		const choice = detectEntity(records('Дата;Номер;Контрагент;Номенклатура;Количество;Цена;Сумма', '01.02.2024;7;ООО «Альфа»;Чайник;1;100;100'), { fileName: 'export.csv', entities });
		expect(choice.match.entity.name).toBe('sales');
		expect(choice.runnerUp).toMatchObject({ entity: 'stock.receipts', close: true });
		expect(choice.runnerUp?.en).toBe('stock.receipts (score 7 vs 7): the columns fit both; accounting.sales is preferred on a tie');
		// the page's words name entities by their titles, never by canonical names
		expect(choice.runnerUp?.ru).toBe('«Поступления товаров» (баллы: 7 против 7): столбцы подходят обоим; при равенстве выбирается «Реализация (строки продаж)»');
		expect(choice.runnerUp?.why).toEqual({
			en: 'the columns fit both; «Sales lines» is preferred on a tie',
			ru: 'столбцы подходят обоим; при равенстве выбирается «Реализация (строки продаж)»'
		});
	});

	it('reads «Поставщик» and «Поступление…» documents as goods receipts', () => {
		const choice = detectEntity(
			records('Документ;Дата;Поставщик;Номенклатура;Количество;Цена;Сумма', 'Поступление товаров и услуг 00000005 от 03.02.2024;03.02.2024;ООО «Бета»;Чайник;10;60;600'),
			{ fileName: 'export.csv', entities }
		);
		expect(choice.match.entity.name).toBe('receipts');
		expect(choice.runnerUp?.entity).toBe('accounting.sales');
		// for people only what counts against sales: the winner's own evidence is shown beside it
		expect(choice.runnerUp?.why.ru).toBe('не использует «Поставщик»; 100 % документов относятся к разделу «Поступления товаров» («Поступление товаров и услуг»…)');
		expect(choice.runnerUp?.en).toContain('stock.receipts: header «Поставщик» is typical of goods receipts');
	});

	it('names the columns a runner-up misses by their titles for people, by their names for the CLI', () => {
		const choice = detectEntity(records('Артикул;Наименование;Цена', 'A-1;Чайник;1500'), { fileName: 'export.csv', entities });
		expect(choice.match.entity.name).toBe('skus');
		expect(choice.runnerUp).toMatchObject({ entity: 'stock.receipts', en: 'stock.receipts (score 3 vs 3): misses doc_no, date, qty' });
		expect(choice.runnerUp?.why).toEqual({
			en: 'misses «Document number», «Receipt date», «Quantity»',
			ru: 'нет столбцов «Номер документа», «Дата поступления», «Количество»'
		});
	});

	it('reads a list of invoices by its title or its documents, though its columns are those of sale documents', () => {
		// BAS Бухгалтерія: the list «Рахунки покупцям» saved with its title; the document «Рахунок на оплату покупцю № … від …»
		const titled = detectEntity(records('Рахунки покупцям', '', 'Дата;Номер;Контрагент;Сума', '02.04.2024;15;ТОВ «Альфа»;14 400,00'), { fileName: 'export.csv', entities });
		expect(`${titled.match.entity.family}.${titled.match.entity.name}`).toBe('payments.invoices');
		expect(titled.evidence.map((e) => e.en)).toContain('the title «Рахунки покупцям» names its documents');
		expect(titled.runnerUp?.why.ru).toBe('заголовок отчёта «Рахунки покупцям» относится к разделу «Счета покупателям»');
		const named = detectEntity(
			records('Документ;Номер;Дата;Контрагент;Сума', 'Рахунок на оплату покупцю 15 від 02.04.2024;15;02.04.2024;ТОВ «Альфа»;14 400,00', 'Рахунок на оплату покупцю 16 від 03.04.2024;16;03.04.2024;ФОП Коваль О.М.;6 000,00'),
			{ fileName: 'export.csv', entities }
		);
		expect(`${named.match.entity.family}.${named.match.entity.name}`).toBe('payments.invoices');
		expect(named.evidence.map((e) => e.en)).toContain('100 % of «Документ» are its documents («Рахунок на оплату покупцю»…)');
	});

	it('takes a bare word for an operation, not a document: «Реализация» in УТ 11’s list of orders says no sale', () => {
		const choice = detectEntity(records('Номер;Дата;Сумма;Клиент;% оплаты;Операция', '00ТД-000101;01.03.2024;48 000,00;ООО «Альфа»;100;Реализация'), { fileName: 'export.csv', entities });
		expect(`${choice.match.entity.family}.${choice.match.entity.name}`).toBe('payments.invoices');
		const documents = choice.candidates.find((c) => c.entity === 'accounting.sales_documents')!;
		// 4 headers (Номер, Дата, Сумма, Клиент) and nothing from «Операция»
		expect(documents.evidence.map((e) => e.en)).toEqual(['4 of 6 headers are its columns']);
	});

	it('cannot tell a bare «Дата;Номер;Контрагент;Сумма» list apart: three entities tie, and the runner-up is close', () => {
		const choice = detectEntity(records('Дата;Номер;Контрагент;Сумма', '09.01.2026;0000-000001;ООО «Альфа»;97 000,00'), { fileName: 'export.csv', entities });
		expect(choice.candidates.slice(0, 3).map((c) => [c.entity, c.score])).toEqual([
			['accounting.sales_documents', 4],
			['payments.bank_payments', 4],
			['payments.invoices', 4]
		]);
		expect(choice.runnerUp).toMatchObject({ entity: 'payments.bank_payments', close: true, why: { en: 'the columns fit both equally' } });
	});
});
