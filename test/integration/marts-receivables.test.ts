// receivables and customer_payment_discipline on hand-made invoices and a bank statement;
// every figure worked out by hand in the comments. As of 2024-06-30 = the latest payment
// or invoice date (invoice 301). Aging buckets [30, 60, 90].

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';
import { bankStatement, counterparties, invoices } from '../fixtures/marts-receivables-exports.ts';

const MODELS = ['receivables', 'customer_payment_discipline', 'int_receivable_invoices', 'int_invoice_payments', 'int_invoice_number_keys'];

let fixture: MartFixture;
let checked = 0;
let unpassed: string[] = [];

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest({ 'контрагенты.csv': counterparties, 'счета.csv': invoices, 'выписка_банка.csv': bankStatement });
	const build = await fixture.build(['+customer_payment_discipline']);
	const ours = build.tests.filter((t) => MODELS.includes(t.model));
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.status} ${t.message ?? ''}`);
});

afterAll(() => fixture?.close());

describe('receivables', () => {
	it('passes every YAML test of its models', () => {
		expect(checked).toBeGreaterThan(40);
		expect(unpassed).toEqual([]);
	});

	it('allocates payments by invoice number, then FIFO by payer', async () => {
		// P1 «№ 123» → 00123 (zeros dropped); P2 «сч. 124» → 124; P3 column → 125; P5 «№ 202» → 202 (20,000
		// of 25,000); P6 → 300; P8 → 400. Left over: P4 10,000 (Альфа, by INN) → Альфа's oldest open
		// invoice 125 (owes 50,000 after P3), not 126; P5's 5,000 → Бета's oldest open invoice 200.
		// P7 is outgoing: nothing.
		const rows = await fixture.query(
			`select payment_doc_no, invoice_no, allocated_amount, matched_by from intermediate.int_invoice_payments order by payment_doc_no, matched_by`
		);
		expect(rows).toEqual([
			{ payment_doc_no: 'P1', invoice_no: '00123', allocated_amount: 100000, matched_by: 'invoice_no' },
			{ payment_doc_no: 'P2', invoice_no: '124', allocated_amount: 50000, matched_by: 'invoice_no' },
			{ payment_doc_no: 'P3', invoice_no: '125', allocated_amount: 30000, matched_by: 'invoice_no' },
			{ payment_doc_no: 'P4', invoice_no: '125', allocated_amount: 10000, matched_by: 'fifo' },
			{ payment_doc_no: 'P5', invoice_no: '200', allocated_amount: 5000, matched_by: 'fifo' },
			{ payment_doc_no: 'P5', invoice_no: '202', allocated_amount: 20000, matched_by: 'invoice_no' },
			{ payment_doc_no: 'P6', invoice_no: '300', allocated_amount: 15000, matched_by: 'invoice_no' },
			{ payment_doc_no: 'P8', invoice_no: '400', allocated_amount: 10000, matched_by: 'invoice_no' }
		]);
	});

	it('gives outstanding, status, days overdue, days late and aging bucket per invoice', async () => {
		// 00123: paid 03-20 ≤ due 03-31 → on time. 124: paid 05-15, due 04-30 → 15 days late.
		// 125: 80,000 − 30,000 − 10,000 = 40,000 owed; due 05-31 → 30 days overdue → 1–30.
		// 126: nothing paid, due 07-10 → current. 200: 60,000 − 5,000 = 55,000; due 02-09 → 29 (to 03-09,
		// leap year) + 31 + 30 + 31 + 21 = 142 days → 90+. 201: due 04-25 → 30 + 31 + 5 = 66 → 61–90.
		// 202: paid 06-01, due 05-25 → 7 days late. 203: due 06-19 → 11 → 1–30. 300: paid 05-30, before
		// issue on 06-01 (due on issue) → prepaid. 301: due 07-30 → current. 400: paid 05-30 ≤ 05-31.
		// 401: due 06-25 → 5 → 1–30.
		const rows = await fixture.query(
			`select invoice_no, paid_amount, outstanding, paid_in_full_on, payment_status, is_paid_late,
			        days_overdue, days_late, aging_bucket
			 from marts.receivables order by invoice_no`
		);
		const row = (invoice_no: string, paid_amount: number, outstanding: number, paid_in_full_on: string | null,
			payment_status: string, is_paid_late: boolean, days_overdue: number, days_late: number, aging_bucket: string) =>
			({ invoice_no, paid_amount, outstanding, paid_in_full_on, payment_status, is_paid_late, days_overdue, days_late, aging_bucket });
		expect(rows).toEqual([
			row('00123', 100000, 0, '2024-03-20', 'on_time', false, 0, 0, 'paid'),
			row('124', 50000, 0, '2024-05-15', 'late', true, 0, 15, 'paid'),
			row('125', 40000, 40000, null, 'partial', false, 30, 30, '1–30'),
			row('126', 0, 40000, null, 'unpaid', false, 0, 0, 'current'),
			row('200', 5000, 55000, null, 'partial', false, 142, 142, '90+'),
			row('201', 0, 30000, null, 'unpaid', false, 66, 66, '61–90'),
			row('202', 20000, 0, '2024-06-01', 'late', true, 0, 7, 'paid'),
			row('203', 0, 10000, null, 'unpaid', false, 11, 11, '1–30'),
			row('300', 15000, 0, '2024-05-30', 'prepaid', false, 0, 0, 'paid'),
			row('301', 0, 5000, null, 'unpaid', false, 0, 0, 'current'),
			row('400', 10000, 0, '2024-05-30', 'on_time', false, 0, 0, 'paid'),
			row('401', 0, 8000, null, 'unpaid', false, 5, 5, '1–30')
		]);
	});

	it('sums to aging totals by bucket', async () => {
		// current 40,000 + 5,000; 1–30: 40,000 + 10,000 + 8,000; 61–90: 30,000; 90+: 55,000; total 188,000.
		const rows = await fixture.query(
			`select aging_bucket, count(*) as invoices, sum(outstanding) as outstanding from marts.receivables
			 where outstanding > 0 group by all order by min(aging_bucket_order)`
		);
		expect(rows).toEqual([
			{ aging_bucket: 'current', invoices: 2, outstanding: 45000 },
			{ aging_bucket: '1–30', invoices: 3, outstanding: 58000 },
			{ aging_bucket: '61–90', invoices: 1, outstanding: 30000 },
			{ aging_bucket: '90+', invoices: 1, outstanding: 55000 }
		]);
	});

	it('renames the buckets when aging_buckets changes', async () => {
		// [15, 45]: 125 (30) → 16–45; 200 (142) and 201 (66) → 45+; 203 (11), 401 (5) → 1–15.
		await fixture.build(['receivables'], { aging_buckets: [15, 45] });
		const rows = await fixture.query(
			`select aging_bucket, count(*) as invoices from marts.receivables where outstanding > 0 group by all order by min(aging_bucket_order)`
		);
		expect(rows).toEqual([
			{ aging_bucket: 'current', invoices: 2 },
			{ aging_bucket: '1–15', invoices: 2 },
			{ aging_bucket: '16–45', invoices: 1 },
			{ aging_bucket: '45+', invoices: 2 }
		]);
		await fixture.build(['receivables']);
	});
});

describe('customer_payment_discipline', () => {
	const of = async (invoiceNo: string) => {
		const [row] = await fixture.query(
			`select invoices, invoices_judged, invoices_on_time, invoices_late, paid_on_time_pct, avg_days_late,
			        max_days_overdue, outstanding, overdue, credit_sales_90d, dso_days, discipline_class
			 from marts.customer_payment_discipline
			 where customer_key = (select customer_key from marts.receivables where invoice_no = '${invoiceNo}')`
		);
		return row;
	};

	it('keeps one customer per payer: the four Альфа invoices share a key', async () => {
		const [row] = await fixture.query(
			`select count(distinct customer_key) as keys, count(*) as invoices from marts.receivables where invoice_no in ('00123', '124', '125', '126')`
		);
		expect(row).toEqual({ keys: 1, invoices: 4 });
		expect(await fixture.query('select count(*) as customers from marts.customer_payment_discipline')).toEqual([{ customers: 4 }]);
	});

	it('Альфа: one of three judged invoices on time → bad; DSO 60', async () => {
		// Judged: 00123, 124, 125 (126 not yet due). On time 00123 → 100 × 1 / 3 = 33.33 % < 50 → bad.
		// Late 124 (15 days) and 125 (30) → average 22.5. Owed 40,000 + 40,000 = 80,000, overdue 40,000.
		// Issued in the 90 days to 06-30 (after 04-01): 125 80,000 + 126 40,000 = 120,000 → DSO 80,000 / 120,000 × 90 = 60.
		expect(await of('124')).toEqual({
			invoices: 4, invoices_judged: 3, invoices_on_time: 1, invoices_late: 2, paid_on_time_pct: 33.33, avg_days_late: 22.5,
			max_days_overdue: 30, outstanding: 80000, overdue: 40000, credit_sales_90d: 120000, dso_days: 60, discipline_class: 'bad'
		});
	});

	it('Бета: nothing on time, 142 days overdue → bad; DSO 142.5', async () => {
		// All four judged and late: 142, 66, 7, 11 days → 226 / 4 = 56.5. Owed 55,000 + 30,000 + 10,000 = 95,000,
		// all overdue. Sales in 90 days: 201 30,000 + 202 20,000 + 203 10,000 = 60,000 → 95,000 / 60,000 × 90 = 142.5.
		expect(await of('200')).toEqual({
			invoices: 4, invoices_judged: 4, invoices_on_time: 0, invoices_late: 4, paid_on_time_pct: 0, avg_days_late: 56.5,
			max_days_overdue: 142, outstanding: 95000, overdue: 95000, credit_sales_90d: 60000, dso_days: 142.5, discipline_class: 'bad'
		});
	});

	it('Гамма: a prepayment is on time → good; Дельта: 5 days overdue → late', async () => {
		// Гамма: 300 judged (prepaid), 301 not due → 100 %; owed 5,000 of 20,000 issued → DSO 5,000 / 20,000 × 90 = 22.5.
		expect(await of('300')).toEqual({
			invoices: 2, invoices_judged: 1, invoices_on_time: 1, invoices_late: 0, paid_on_time_pct: 100, avg_days_late: null,
			max_days_overdue: 0, outstanding: 5000, overdue: 0, credit_sales_90d: 20000, dso_days: 22.5, discipline_class: 'good'
		});
		// Дельта: 400 on time, 401 5 days overdue → 50 % (not under 50) but overdue now → late.
		// DSO 8,000 / 18,000 × 90 = 40.
		expect(await of('401')).toEqual({
			invoices: 2, invoices_judged: 2, invoices_on_time: 1, invoices_late: 1, paid_on_time_pct: 50, avg_days_late: 5,
			max_days_overdue: 5, outstanding: 8000, overdue: 8000, credit_sales_90d: 18000, dso_days: 40, discipline_class: 'late'
		});
	});
});
