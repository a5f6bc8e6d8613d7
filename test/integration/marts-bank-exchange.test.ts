// A 1CClientBankExchange statement (test/fixtures/bank-exchange, layout and sources in its README)
// through staging, identity and receivables, in windows-1251 and in cp866: direction, customer
// by INN, invoice from the purpose, and outgoing money that pays no customer's invoice. Every
// figure is worked out by hand in the comments. As of 2024-03-22 = the latest payment (the
// acquiring credit on 22.03); aging buckets [30, 60, 90].
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, repoRoot, type MartFixture } from './../helpers/mart-fixture.ts';

const FIXTURES = path.join(repoRoot, 'test/fixtures/bank-exchange');

const counterparties = csv`
	Код контрагента;Наименование;ИНН;Город
	C1;ООО «Альфа»;7715234560;Москва
	C2;ООО «Бета»;5003111220;Москва
	C3;ИП Смирнов Олег Петрович;780123456724;Санкт-Петербург
	C4;ООО «Гамма»;7804123453;Санкт-Петербург
	C5;Петрова Анна Сергеевна;;Санкт-Петербург
`;

// 17 names its buyer by INN only. 00015 is Альфа's invoice of 2023: 1C numbers anew each year,
// so «счету № 15» names it as well as 15 — the date in the purpose tells them apart.
const invoices = csv`
	Номер счета;Дата счета;Срок оплаты;ID клиента;Покупатель;ИНН покупателя;Сумма счета
	00015;10.02.2023;20.02.2023;C1;ООО «Альфа»;7715234560;9000
	15;01.03.2024;15.03.2024;C1;ООО «Альфа»;7715234560;150000
	16;04.03.2024;18.03.2024;C3;ИП Смирнов Олег Петрович;780123456724;60000
	17;01.03.2024;11.03.2024;;ООО «Бета»;5003111220;42000
	18;07.03.2024;21.03.2024;C4;ООО «Гамма»;7804123453;25500
	19;10.03.2024;10.03.2024;C5;Петрова Анна Сергеевна;;3500
	20;18.03.2024;01.04.2024;C1;ООО «Альфа»;7715234560;40000
`;

// A client-bank CSV of another bank beside it (debits only, so receivables stay the statement's):
// two payers' documents К-1 of one date both load, and the purposes name invoices in other words.
const csvStatement = csv`
	Номер документа;Дата операции;Вид операции;Сумма;Контрагент;ИНН контрагента;Назначение платежа
	К-1;18.03.2024;Списание;1000,00;ТОВ «Зірка»;12345678;Оплата згідно рахунку № 7 від 10.03.2024
	К-1;18.03.2024;Списание;2000,00;ООО «Ремонт»;7707987659;Оплата по сч № 45 за ремонт
	К-2;18.03.2024;Списание;500,00;ООО «Связь»;7842155512;Оплата по счет-фактуре №СФ-12/3 от 01.03.2024
	К-3;19.03.2024;Списание;300,00;ООО «Банк»;7707083893;Перевод на счет 40702810255000098765 по договору
	К-4;19.03.2024;Списание;700,00;ООО «Транс»;7702070139;Оплата по расчету 126 за доставку
	К-5;19.03.2024;Списание;800,00;ООО «Транс»;7702070139;Оплата по рах. №88 від 01.03.24
`;

const MODELS = [
	'stg_payments__bank_payments',
	'stg_payments__invoices',
	'int_invoice_number_keys',
	'int_payment_invoices',
	'int_payment_customers',
	'int_receivable_invoices',
	'int_invoice_payments',
	'receivables',
	'customer_payment_discipline'
];

describe.each([
	['windows-1251', 'kl_to_1c_2024-03.txt'],
	['cp866 (Кодировка=DOS)', 'kl_to_1c_2024-03_dos.txt']
])('a 1CClientBankExchange statement in %s', (_encoding, fixtureName) => {
	let f: MartFixture;
	let unpassed: string[] = [];
	let checked = 0;

	beforeAll(async () => {
		f = await martFixture();
		await f.ingest({ 'контрагенты.csv': counterparties, 'счета.csv': invoices, 'выписка_другой_банк.csv': csvStatement });
		await f.ingestPaths([path.join(FIXTURES, fixtureName)]);
		const build = await f.build(['+receivables', '+customer_payment_discipline', '+dim_customer', '+int_payment_customers']);
		const ours = build.tests.filter((t) => MODELS.includes(t.model));
		checked = ours.length;
		unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.model} ${t.name}: ${t.status} ${t.message ?? ''}`);
	});

	afterAll(() => f?.close());

	it('passes every YAML test of the payments models', () => {
		expect(checked).toBeGreaterThan(60);
		expect(unpassed).toEqual([]);
	});

	it('tells incoming, outgoing and internal by our account (else our INN) and names the other side', async () => {
		// Our accounts are the header's РасчСчет …12345 and …98765. 9005 has no ПолучательСчет:
		// the payee's INN 7812345675 is the statement's own party (the INN on our side of the others).
		// 143 goes from …12345 to …98765: both ours. paid_on is ДатаПоступило in, ДатаСписано out.
		const rows = await f.query(
			`select payment_doc_no, doc_kind, direction, direction_basis, counterparty_name, counterparty_inn, own_account,
			        invoice_no, strftime(invoice_date, '%d.%m.%Y') as invoice_date, amount, strftime(paid_on, '%d.%m.%Y') as paid_on
			 from staging.stg_payments__bank_payments where payment_doc_no not like 'К-%' order by source_row_no`
		);
		const acc1 = '40702810955000012345';
		const row = (payment_doc_no: string, doc_kind: string, direction: string, direction_basis: string, counterparty_name: string,
			counterparty_inn: string | null, own_account: string | null, invoice_no: string | null, invoice_date: string | null, amount: number, paid_on: string) =>
			({ payment_doc_no, doc_kind, direction, direction_basis, counterparty_name, counterparty_inn, own_account, invoice_no, invoice_date, amount, paid_on });
		const order = 'Платежное поручение';
		expect(rows).toEqual([
			row('512', order, 'incoming', 'own_account', 'ООО "Альфа"', '7715234560', acc1, '15', '01.03.2024', 118000, '05.03.2024'),
			row('512', order, 'incoming', 'own_account', 'ООО "Бета"', '5003111220', acc1, '17', '01.03.2024', 42000, '05.03.2024'),
			row('77', order, 'incoming', 'own_account', 'ИП Смирнов Олег Петрович', '780123456724', acc1, '16', '04.03.2024', 30000, '06.03.2024'),
			row('141', order, 'outgoing', 'own_account', 'ООО "Комплект"', '7707987659', acc1, '15', '05.03.2024', -87500, '11.03.2024'),
			row('3001', 'Банковский ордер', 'outgoing', 'own_account', 'ПАО СБЕРБАНК', '7707083893', acc1, null, null, -1490, '11.03.2024'),
			row('88', 'Платежное требование', 'outgoing', 'own_account', 'ПАО "Связьтелеком"', '7842155512', acc1, '3012', '29.02.2024', -6240, '13.03.2024'),
			row('2045', order, 'incoming', 'own_account', 'ООО "Гамма"', '7804123453', acc1, '18', '07.03.2024', 25500, '13.03.2024'),
			row('931', order, 'incoming', 'own_account', 'Петрова Анна Сергеевна', null, acc1, '19', '10.03.2024', 3500, '14.03.2024'),
			row('143', order, 'internal', 'own_account', 'ООО "Ромашка-Трейд"', '7812345675', acc1, null, null, 100000, '15.03.2024'),
			row('530', order, 'incoming', 'own_account', 'ООО "Альфа"', '7715234560', acc1, null, null, 50000, '21.03.2024'),
			row('9005', 'Банковский ордер', 'incoming', 'own_inn', 'ПАО СБЕРБАНК', '7707083893', null, null, null, 12870.4, '22.03.2024')
		]);
	});

	it('finds the customer of incoming money by the invoice it names, else by the payer INN; outgoing and internal have none', async () => {
		// 17's invoice has no counterparty code: its INN 5003111220 is the CRM's Бета (C2). 530 names no
		// invoice: the payer INN 7715234560 is Альфа (C1). 9005 (the bank crediting card acquiring) is, to
		// identity, a payer like any other incoming one: a record of its own, though no invoice names it.
		const rows = await f.query(
			`select p.payment_doc_no, p.direction, p.matched_by, p.invoice_no, c.customer_name
			 from intermediate.int_payment_customers p
			 left join marts.dim_customer c on p.customer_id = c.customer_id
			 join staging.stg_payments__bank_payments s on p.payment_id = s.payment_id
			 where p.payment_doc_no not like 'К-%' order by s.source_row_no`
		);
		expect(rows).toEqual([
			{ payment_doc_no: '512', direction: 'incoming', matched_by: 'invoice', invoice_no: '15', customer_name: 'ООО «Альфа»' },
			{ payment_doc_no: '512', direction: 'incoming', matched_by: 'invoice', invoice_no: '17', customer_name: 'ООО «Бета»' },
			{ payment_doc_no: '77', direction: 'incoming', matched_by: 'invoice', invoice_no: '16', customer_name: 'ИП Смирнов Олег Петрович' },
			{ payment_doc_no: '141', direction: 'outgoing', matched_by: 'outgoing', invoice_no: '15', customer_name: null },
			{ payment_doc_no: '3001', direction: 'outgoing', matched_by: 'outgoing', invoice_no: null, customer_name: null },
			{ payment_doc_no: '88', direction: 'outgoing', matched_by: 'outgoing', invoice_no: '3012', customer_name: null },
			{ payment_doc_no: '2045', direction: 'incoming', matched_by: 'invoice', invoice_no: '18', customer_name: 'ООО «Гамма»' },
			{ payment_doc_no: '931', direction: 'incoming', matched_by: 'invoice', invoice_no: '19', customer_name: 'Петрова Анна Сергеевна' },
			{ payment_doc_no: '143', direction: 'internal', matched_by: 'internal', invoice_no: null, customer_name: null },
			{ payment_doc_no: '530', direction: 'incoming', matched_by: 'payer_inn', invoice_no: null, customer_name: 'ООО «Альфа»' },
			{ payment_doc_no: '9005', direction: 'incoming', matched_by: 'payer_inn', invoice_no: null, customer_name: 'ПАО СБЕРБАНК' }
		]);
		// the supplier, the bank, the telecom firm and we ourselves are nobody's customer record
		const [payers] = await f.query<{ n: number }>(`select count(*)::integer as n from intermediate.int_counterparty_mentions where source = 'payment' and inn in ('7707987659', '7842155512', '7812345675')`);
		expect(payers.n).toBe(0);
	});

	it('pays the invoices the purposes name (the date picking 15 of 2024, not 00015 of 2023), the rest FIFO; outgoing pays nothing', async () => {
		// By number: 512/Альфа «№ 15 от 01.03.2024» → 15 (not 00015, issued 10.02.2023) 118,000; 512/Бета → 17 42,000;
		// 77 → 16 30,000; 2045 «счет-фактуре № 18» → 18 25,500; 931 «№19 от 10.03.2024» → 19 3,500.
		// 530 (Альфа, 50,000, no invoice) FIFO over Альфа's open invoices, oldest first: 00015 9,000,
		// 15's last 32,000, 20 the remaining 9,000. 141 (outgoing, «по счету № 15») pays nothing.
		const rows = await f.query(
			`select a.payment_doc_no, a.invoice_no, a.allocated_amount, a.matched_by from intermediate.int_invoice_payments a
			 order by a.paid_on, a.payment_doc_no, a.invoice_no`
		);
		expect(rows).toEqual([
			{ payment_doc_no: '512', invoice_no: '15', allocated_amount: 118000, matched_by: 'invoice_no' },
			{ payment_doc_no: '512', invoice_no: '17', allocated_amount: 42000, matched_by: 'invoice_no' },
			{ payment_doc_no: '77', invoice_no: '16', allocated_amount: 30000, matched_by: 'invoice_no' },
			{ payment_doc_no: '2045', invoice_no: '18', allocated_amount: 25500, matched_by: 'invoice_no' },
			{ payment_doc_no: '931', invoice_no: '19', allocated_amount: 3500, matched_by: 'invoice_no' },
			{ payment_doc_no: '530', invoice_no: '00015', allocated_amount: 9000, matched_by: 'fifo' },
			{ payment_doc_no: '530', invoice_no: '15', allocated_amount: 32000, matched_by: 'fifo' },
			{ payment_doc_no: '530', invoice_no: '20', allocated_amount: 9000, matched_by: 'fifo' }
		]);
		expect(await f.query(`select matched_on from intermediate.int_payment_invoices order by invoice_no`)).toEqual([
			{ matched_on: 'number_and_date' }, { matched_on: 'number_and_date' }, { matched_on: 'number_and_date' }, { matched_on: 'number_and_date' }, { matched_on: 'number_and_date' }
		]);
	});

	it('shows in receivables what is paid and owed: incoming money only', async () => {
		// 00015: 9,000 paid 21.03.2024, due 20.02.2023 → 365 days to 20.02.2024 + 9 + 21 = 395 days late.
		// 15: 118,000 + 32,000 = 150,000 in full on 21.03, due 15.03 → 6 days late (the supplier's 87,500 is not in it).
		// 16: 30,000 of 60,000, due 18.03, as of 22.03 → 4 days overdue, 1–30. 17: in full 05.03 ≤ 11.03.
		// 18: 13.03 ≤ 21.03. 19: 14.03, due 10.03 → 4 days late. 20: 9,000 of 40,000, due 01.04 → current.
		const rows = await f.query(
			`select invoice_no, paid_amount, outstanding, strftime(paid_in_full_on, '%d.%m.%Y') as paid_in_full_on, payment_status, days_late, days_overdue, aging_bucket
			 from marts.receivables order by invoice_no`
		);
		const row = (invoice_no: string, paid_amount: number, outstanding: number, paid_in_full_on: string | null, payment_status: string,
			days_late: number, days_overdue: number, aging_bucket: string) =>
			({ invoice_no, paid_amount, outstanding, paid_in_full_on, payment_status, days_late, days_overdue, aging_bucket });
		expect(rows).toEqual([
			row('00015', 9000, 0, '21.03.2024', 'late', 395, 0, 'paid'),
			row('15', 150000, 0, '21.03.2024', 'late', 6, 0, 'paid'),
			row('16', 30000, 30000, null, 'partial', 4, 4, '1–30'),
			row('17', 42000, 0, '05.03.2024', 'on_time', 0, 0, 'paid'),
			row('18', 25500, 0, '13.03.2024', 'on_time', 0, 0, 'paid'),
			row('19', 3500, 0, '14.03.2024', 'late', 4, 0, 'paid'),
			row('20', 9000, 31000, null, 'partial', 0, 0, 'current')
		]);
		// everything allocated is incoming money: 118,000 + 42,000 + 30,000 + 25,500 + 3,500 + 50,000 = 269,000
		const [total] = await f.query<{ paid: number }>('select sum(paid_amount)::double as paid from marts.receivables');
		expect(total.paid).toBe(269000);
	});

	it('reads the invoice a CSV statement purpose names in other words, and keeps two payers’ documents of one number and date', async () => {
		const rows = await f.query(
			`select payment_doc_no, direction, direction_basis, counterparty_inn, invoice_no, strftime(invoice_date, '%d.%m.%Y') as invoice_date, amount
			 from staging.stg_payments__bank_payments where payment_doc_no like 'К-%' order by source_row_no`
		);
		expect(rows).toEqual([
			{ payment_doc_no: 'К-1', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '12345678', invoice_no: '7', invoice_date: '10.03.2024', amount: -1000 },
			{ payment_doc_no: 'К-1', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '7707987659', invoice_no: '45', invoice_date: null, amount: -2000 },
			{ payment_doc_no: 'К-2', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '7842155512', invoice_no: 'СФ-12/3', invoice_date: '01.03.2024', amount: -500 },
			// a 20-digit number after «счет» is an account; «расчету» is no invoice
			{ payment_doc_no: 'К-3', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '7707083893', invoice_no: null, invoice_date: null, amount: -300 },
			{ payment_doc_no: 'К-4', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '7702070139', invoice_no: null, invoice_date: null, amount: -700 },
			{ payment_doc_no: 'К-5', direction: 'outgoing', direction_basis: 'stated', counterparty_inn: '7702070139', invoice_no: '88', invoice_date: '01.03.2024', amount: -800 }
		]);
	});

	it('loads nothing new from the same statement a second time', async () => {
		const before = await f.query('select count(*)::integer as n, sum(amount)::double as amount from raw.payments_bank_payments');
		const [again] = await f.ingestPaths([path.join(FIXTURES, fixtureName)]);
		expect(again.status).toBe('skipped');
		expect(await f.query('select count(*)::integer as n, sum(amount)::double as amount from raw.payments_bank_payments')).toEqual(before);
		// 6 CSV lines + 11 documents
		expect(before).toEqual([{ n: 17, amount: 5300 + 477100.4 }]);
	});
});

describe('a CSV statement without our account', () => {
	let f: MartFixture;
	beforeAll(async () => {
		f = await martFixture();
		await f.ingest({
			'bank_statement.csv': csv`
				Номер документа;Дата;Сумма;Плательщик;ИНН плательщика;Получатель;ИНН получателя;Дата списания;Дата поступления;Назначение платежа
				1;01.03.2024;1000,00;ООО «Альфа»;7715234560;ООО «Ромашка-Трейд»;7812345675;;01.03.2024;Оплата по счету № 1
				2;02.03.2024;500,00;ООО «Ромашка-Трейд»;7812345675;ООО «Комплект»;7707987659;02.03.2024;;Оплата по счету № 9
				3;03.03.2024;300,00;ООО «Дельта»;7736207543;ООО «Гамма»;7804123453;03.03.2024;;Оплата
				4;04.03.2024;-200,00;ООО «Дельта»;7736207543;;;;;Возврат
				5;05.03.2024;700,00;ООО «Бета»;5003111220;;;;;Оплата
			`
		});
	});
	afterAll(() => f?.close());

	const directions = () =>
		f.query(`select payment_doc_no, direction, direction_basis, amount from staging.stg_payments__bank_payments order by payment_doc_no`);

	it('tells the direction by var own_inns, else by the bank’s booking date, else by the sign', async () => {
		await f.build(['stg_payments__bank_payments'], { own_inns: ['7812345675'] });
		expect(await directions()).toEqual([
			{ payment_doc_no: '1', direction: 'incoming', direction_basis: 'own_inn', amount: 1000 },
			{ payment_doc_no: '2', direction: 'outgoing', direction_basis: 'own_inn', amount: -500 },
			// neither side is ours: only ДатаСписано is filled
			{ payment_doc_no: '3', direction: 'outgoing', direction_basis: 'booking_date', amount: -300 },
			{ payment_doc_no: '4', direction: 'outgoing', direction_basis: 'amount_sign', amount: -200 },
			{ payment_doc_no: '5', direction: 'incoming', direction_basis: 'amount_sign', amount: 700 }
		]);
		// without the var the booking dates still tell 1 and 2
		await f.build(['stg_payments__bank_payments']);
		expect((await directions()).slice(0, 2)).toEqual([
			{ payment_doc_no: '1', direction: 'incoming', direction_basis: 'booking_date', amount: 1000 },
			{ payment_doc_no: '2', direction: 'outgoing', direction_basis: 'booking_date', amount: -500 }
		]);
	});
});

// 1C's own lists of bank documents (test/fixtures/1c/README.md): no account of ours, no INN, no
// booking dates and every sum positive — only 1C's operation says which way the money went.
describe('1C lists of bank documents: «Поступления на расчетный счет», «Списания с расчетного счета», УТ 11 «Поступления безналичных ДС»', () => {
	let f: MartFixture;
	beforeAll(async () => {
		f = await martFixture();
		const lists = ['bp-postupleniya-na-raschetnyi-schet.csv', 'bp-spisaniya-s-raschetnogo-scheta.csv', 'ut11-postupleniya-beznalichnyh-ds.csv'];
		const results = await f.ingestPaths(lists.map((name) => path.join(repoRoot, 'test/fixtures/1c', name)));
		expect(results.map((r) => `${r.family}.${r.entity} ${r.loaded}`)).toEqual(['payments.bank_payments 3', 'payments.bank_payments 3', 'payments.bank_payments 3']);
		await f.build(['stg_payments__bank_payments']);
	});
	afterAll(() => f?.close());

	it('reads the direction from the operation: money from buyers and back from suppliers in, to suppliers, the tax office and buyers out, from our other account internal', async () => {
		const rows = await f.query(
			`select payment_doc_no, direction, direction_basis, counterparty_name, invoice_no, amount
			 from staging.stg_payments__bank_payments order by payment_doc_no`
		);
		const row = (payment_doc_no: string, direction: string, counterparty_name: string | null, invoice_no: string | null, amount: number) =>
			({ payment_doc_no, direction, direction_basis: 'stated', counterparty_name, invoice_no, amount });
		expect(rows).toEqual([
			// БП: «Оплата от покупателя» ×2, «Возврат от поставщика»
			row('0000-000105', 'incoming', 'ООО «Альфа»', null, 18000),
			row('0000-000106', 'incoming', 'ИП Петров П.П.', null, 3750),
			row('0000-000107', 'incoming', 'ООО «Поставщик-1»', null, 1200),
			// БП: «Оплата поставщику», «Уплата налога», «Возврат покупателю»: the invoice a refund names is ours, the money still went out
			row('0000-000211', 'outgoing', 'ООО «Поставщик-1»', '45', -20000),
			row('0000-000212', 'outgoing', 'УФК по г. Москве (ИФНС России № 1 по г. Москве)', null, -7450),
			row('0000-000213', 'outgoing', 'ИП Петров П.П.', '0000-000022', -500),
			// УТ 11: «Поступление оплаты от клиента» ×2; «Поступление ДС с другого счета» is money from our other account; the list names no payer
			row('00ТД-000311', 'incoming', null, null, 48000),
			row('00ТД-000312', 'incoming', null, null, 5000),
			row('00ТД-000313', 'internal', null, null, 100000)
		]);
	});
});
