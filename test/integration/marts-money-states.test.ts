// Details of real exports of money, worked out by hand:
// - cancelled invoices (BAS «Анульовано» in test/fixtures/1c/bas-rakhunky-na-oplatu.csv; the words
//   of amoCRM, Bitrix24 and RetailCRM in a CRM's list of invoices) stay listed in receivables as
//   cancelled, owe nothing, take no payment and count in no payment discipline;
// - transfers between the company's own accounts in a 1CClientBankExchange statement
//   (test/fixtures/bank-exchange/kl_to_1c_2024-05_transfers.txt) and in 1C's list of bank
//   documents (test/fixtures/1c/bp-spisaniya-perevod-na-drugoi-schet.csv) are internal;
// - 1C's «Банковский счет» («40702810938000012345, ПАО СБЕРБАНК») yields our account number.
// As of 2024-05-15 = the latest payment (document 88, credited 15.05); aging buckets [30, 60, 90].
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, repoRoot, type MartFixture } from './../helpers/mart-fixture.ts';

// A CRM's invoices with its status words: amoCRM «Отменён», Bitrix24 «Отклонён», RetailCRM's
// «cancel-other» code, English «Canceled»; 21 and 26 are live.
const crmInvoices = csv`
	Номер счета;Дата счета;Срок оплаты;Покупатель;ИНН покупателя;Сумма счета;Статус
	21;02.05.2024;12.05.2024;ООО «Бета»;5003111220;30000;Оплачен
	22;03.05.2024;13.05.2024;ООО «Бета»;5003111220;9000;Отменён
	23;06.05.2024;16.05.2024;ИП Смирнов Олег Петрович;780123456724;4000;Отклонён
	24;07.05.2024;10.05.2024;ООО «Бета»;5003111220;2500;cancel-other
	25;08.05.2024;11.05.2024;ООО «Бета»;5003111220;1500;Canceled
	26;08.05.2024;10.05.2024;ООО «Бета»;5003111220;6000;Новый
`;

let f: MartFixture;
let unpassed: string[] = [];

beforeAll(async () => {
	f = await martFixture();
	await f.ingest({ 'счета crm.csv': crmInvoices });
	const loaded = await f.ingestPaths([
		path.join(repoRoot, 'test/fixtures/1c/bas-rakhunky-na-oplatu.csv'),
		path.join(repoRoot, 'test/fixtures/bank-exchange/kl_to_1c_2024-05_transfers.txt'),
		path.join(repoRoot, 'test/fixtures/1c/bp-spisaniya-perevod-na-drugoi-schet.csv')
	]);
	expect(loaded.map((r) => `${r.family}.${r.entity} ${r.loaded}`)).toEqual(['payments.invoices 3', 'payments.bank_payments 6', 'payments.bank_payments 2']);
	const build = await f.build(['+receivables', '+customer_payment_discipline', '+int_payment_customers']);
	unpassed = build.tests.filter((t) => t.status !== 'pass' && t.status !== 'skipped').map((t) => `${t.model} ${t.name}: ${t.status} ${t.message ?? ''}`);
}, 180_000);

afterAll(() => f?.close());

it('passes every YAML test of the models built', () => {
	expect(unpassed).toEqual([]);
});

describe('cancelled invoices', () => {
	it('are listed as cancelled, owe nothing and are never overdue; the live ones age as before', async () => {
		const rows = await f.query(
			`select invoice_no, invoice_status, is_cancelled, payment_status, paid_amount::double as paid, outstanding::double as outstanding,
				days_overdue, is_overdue, aging_bucket
			 from marts.receivables order by invoice_no`
		);
		const row = (invoice_no: string, invoice_status: string, payment_status: string, paid: number, outstanding: number, days_overdue: number, aging_bucket: string) => ({
			invoice_no,
			invoice_status,
			is_cancelled: payment_status === 'cancelled',
			payment_status,
			paid,
			outstanding,
			days_overdue,
			is_overdue: days_overdue > 0,
			aging_bucket
		});
		expect(rows).toEqual([
			// 701 names «счету № 21» and pays its 30 000 on 06.05, before the due date 12.05
			row('21', 'Оплачен', 'on_time', 30000, 0, 0, 'paid'),
			row('22', 'Отменён', 'cancelled', 0, 0, 0, 'cancelled'),
			// Смирнов's 5 000 (document 88) would pay this one by FIFO: cancelled, it takes nothing
			row('23', 'Отклонён', 'cancelled', 0, 0, 0, 'cancelled'),
			row('24', 'cancel-other', 'cancelled', 0, 0, 0, 'cancelled'),
			row('25', 'Canceled', 'cancelled', 0, 0, 0, 'cancelled'),
			// due 10.05, as of 15.05: 5 days
			row('26', 'Новый', 'unpaid', 0, 6000, 5, '1–30'),
			// BAS: no due date, due on issue — 02.04 → 15.05 is 43 days, 03.04 → 42
			row('ТД00-000045', 'Виставлений', 'unpaid', 0, 14400, 43, '31–60'),
			row('ТД00-000046', 'Виставлений', 'unpaid', 0, 6000, 42, '31–60'),
			row('ТД00-000047', 'Анульовано', 'cancelled', 0, 0, 0, 'cancelled')
		]);
		// owed: 6 000 + 14 400 + 6 000 = 26 400, all overdue; the cancelled 9 000 + 4 000 + 2 500 + 1 500 + 2 750 are not owed
		expect(await f.query(`select sum(outstanding)::double as owed, sum(outstanding) filter (where is_overdue)::double as overdue from marts.receivables`)).toEqual([
			{ owed: 26400, overdue: 26400 }
		]);
	});

	it('count in no payment discipline: a payer with only cancelled invoices has no row', async () => {
		const rows = await f.query(
			`select customer_name, invoices::int as invoices, invoices_judged::int as judged, invoices_on_time::int as on_time, invoices_late::int as late, outstanding::double as outstanding
			 from marts.customer_payment_discipline order by customer_name`
		);
		expect(rows).toEqual([
			// 21 on time, 26 late (owed past 10.05); 22, 24, 25 cancelled
			{ customer_name: 'ООО «Бета»', invoices: 2, judged: 2, on_time: 1, late: 1, outstanding: 6000 },
			{ customer_name: 'ТОВ «Альфа»', invoices: 1, judged: 1, on_time: 0, late: 1, outstanding: 14400 },
			{ customer_name: 'ФОП Коваль О.М.', invoices: 1, judged: 1, on_time: 0, late: 1, outstanding: 6000 }
		]);
	});
});

describe('transfers between our own accounts', () => {
	it('are internal in a 1CClientBankExchange statement: by our account and INN, or by the purpose when an INN is missing', async () => {
		const rows = await f.query(
			`select payment_doc_no, direction, direction_basis, amount::double as amount, own_account
			 from staging.stg_payments__bank_payments where doc_date >= date '2024-05-01' order by payment_doc_no`
		);
		const ours = '40702810955000012345';
		expect(rows).toEqual([
			// from our account at VTB (no INN written), «Перевод на другой счет организации»: the account alone would say incoming
			{ payment_doc_no: '15', direction: 'internal', direction_basis: 'purpose', amount: 12000, own_account: ours },
			{ payment_doc_no: '701', direction: 'incoming', direction_basis: 'own_account', amount: 30000, own_account: ours },
			// to our account at VTB, our INN on both sides
			{ payment_doc_no: '702', direction: 'internal', direction_basis: 'own_account', amount: 50000, own_account: ours },
			// to the same account, the payee's INN left out: «Перевод собственных средств» says internal (the account alone: outgoing)
			{ payment_doc_no: '703', direction: 'internal', direction_basis: 'purpose', amount: 20000, own_account: ours },
			{ payment_doc_no: '704', direction: 'outgoing', direction_basis: 'own_account', amount: -8000, own_account: ours },
			// «Перевод собственных средств по договору займа» from another INN (the owner's loan): money in, not a transfer
			{ payment_doc_no: '88', direction: 'incoming', direction_basis: 'own_account', amount: 5000, own_account: ours }
		]);
	});

	it('are neither customer payments nor supplier payments', async () => {
		const matched = await f.query(
			`select bank_payments.payment_doc_no, payment_customers.matched_by
			 from staging.stg_payments__bank_payments bank_payments
			 join intermediate.int_payment_customers payment_customers using (payment_id)
			 where bank_payments.direction = 'internal' order by 1`
		);
		expect(matched).toEqual(['0000-000301', '15', '702', '703'].map((payment_doc_no) => ({ payment_doc_no, matched_by: 'internal' })));
		// only 701 pays an invoice: 30 000 to № 21 (88's 5 000 finds no open invoice of Смирнов's)
		expect(await f.query(`select invoice_no, allocated_amount::double as amount from intermediate.int_invoice_payments order by 1`)).toEqual([{ invoice_no: '21', amount: 30000 }]);
	});

	it('in 1C’s list of bank documents: «Перевод на другой счет организации» is internal, and «Банковский счет» yields our account number', async () => {
		const rows = await f.query(
			`select payment_doc_no, direction, direction_basis, amount::double as amount, own_account, counterparty_account
			 from staging.stg_payments__bank_payments where payment_doc_no like '0000-%' order by payment_doc_no`
		);
		expect(rows).toEqual([
			// «40702810938000012345, ПАО СБЕРБАНК» → the number; «40702810700000054321, Банк ВТБ (ПАО)» likewise
			{ payment_doc_no: '0000-000301', direction: 'internal', direction_basis: 'stated', amount: 100000, own_account: '40702810938000012345', counterparty_account: '40702810700000054321' },
			{ payment_doc_no: '0000-000302', direction: 'outgoing', direction_basis: 'stated', amount: -15000, own_account: '40702810938000012345', counterparty_account: '40702810100000099999' }
		]);
	});
});
