import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmCompanyExports } from '../fixtures/identity/crm-company.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// The real ingest and the real models on test/fixtures/identity/crm-company.ts; every
// expected figure below is worked out from those 20 cards, 4 contacts, 1 deal, 4 sales
// lines, 3 invoices and 3 bank lines.
let f: MartFixture;

beforeAll(async () => {
	f = await martFixture();
	await f.ingest(crmCompanyExports);
	await f.build(['+dim_customer', '+dim_contact', '+dq_duplicates', '+dq_records', '+fct_sales', '+int_payment_customers']);
}, 120_000);
afterAll(() => f?.close());

interface Customer {
	customer_id: string;
	customer_name: string;
	source_ids: string[];
	legal_entities: { record_id: string; source: string; name: string; inn: string | null }[];
	phones: string[];
	emails: string[];
	first_channel: string | null;
	is_email_opt_out: boolean;
	is_sms_opt_out: boolean;
	is_messenger_opt_out: boolean;
	is_dead_soul: boolean;
	dead_soul_reason: string | null;
	completeness_score: number;
	last_touch_on: string | null;
}

async function customers(): Promise<Map<string, Customer>> {
	const rows = await f.query<Customer>('select * from marts.dim_customer');
	return new Map(rows.map((r) => [r.customer_id, r]));
}

describe('merging counterparty records into customers', () => {
	it('resolves 26 source records into 17 customers', async () => {
		// Records: cards cp:1…cp:20 (20), private client contact:23, and what 1C and the bank
		// name without a code — sales:inn:7736207543, sales:name:гамма @ казань,
		// invoice:inn:7702070139, payment:inn:7707083893, payment:inn:7702070139 = 26.
		// Merged: {cp:1, cp:2, cp:3, payment:inn:7707083893}, {cp:6, cp:7, cp:8},
		// {cp:11, sales:name:гамма @ казань}, {cp:12, sales:inn:…}, {cp:17, invoice:inn:…,
		// payment:inn:…} → 26 − 3 − 2 − 1 − 1 − 2 = 17 customers.
		const [counts] = await f.query<{ records: number; customers: number }>(
			'select count(*)::integer as records, count(distinct customer_id)::integer as customers from intermediate.int_customer_records'
		);
		expect(counts).toEqual({ records: 26, customers: 17 });
		expect((await customers()).size).toBe(17);
	});

	it('merges three spellings of one valid INN and keeps every legal entity record visible', async () => {
		// 7707083893 (Сбербанк): 7·2 + 7·4 + 0·10 + 7·3 + 0·5 + 8·9 + 3·4 + 8·6 + 9·8 = 267;
		// 267 mod 11 = 3, mod 10 = 3 = the last digit → valid.
		const alfa = (await customers()).get('C-cp:1')!;
		expect(alfa.legal_entities.map((e) => [e.record_id, e.name, e.inn])).toEqual([
			['cp:1', 'ООО «Альфа»', '7707083893'],
			['cp:2', 'Альфа, ООО', '7707083893'],
			['cp:3', 'ООО Альфа', '7707083893'],
			// the bank payer of ПП-1 is the same INN: who paid stays visible too
			['payment:inn:7707083893', 'ООО Альфа', '7707083893']
		]);
		// cards 1 and 2 are equally complete (name, INN, e-mail, city); card 2 is the newer
		expect(alfa.customer_name).toBe('Альфа, ООО');
		const [links] = await f.query<{ reasons: string[] }>(`select reasons from marts.dq_duplicates where group_id = 'C-cp:1'`);
		// …and ПП-1, paid by the bank payer 7707083893, names invoice СЧ-1 of card 1
		expect(links.reasons).toEqual(['paid_invoice', 'same_inn', 'same_name_city']);
	});

	it('never merges on an INN with a wrong check digit and lists it for fixing', async () => {
		// 7707083894: the same sum 267 → check digit 3, not 4. ООО «Бета» (Москва) and ООО «Вега»
		// (Казань) carry it and nothing else in common: two customers.
		const all = await customers();
		expect(all.get('C-cp:4')!.source_ids).toEqual(['cp:4']);
		expect(all.get('C-cp:5')!.source_ids).toEqual(['cp:5']);
		const problems = await f.query(`select record_id, offending_value, how_to_fix_ru from marts.dq_records where problem = 'invalid_inn_checksum' order by record_id`);
		expect(problems).toEqual([
			{ record_id: 'cp:4', offending_value: '7707083894', how_to_fix_ru: 'Контрольная цифра ИНН не сходится: исправьте опечатку.' },
			{ record_id: 'cp:5', offending_value: '7707083894', how_to_fix_ru: 'Контрольная цифра ИНН не сходится: исправьте опечатку.' }
		]);
	});

	it('reads "8 (812) 555-12-34", "+7 812 5551234" and a local "555-12-34" in St Petersburg as one phone', async () => {
		// 8 + 10 digits → +7 8125551234; +7 812 5551234 → +78125551234; 7 digits in the
		// default area's city → +7 812 + 5551234. The same 7 digits on a Moscow card are not
		// completed with 812 (cp:9 stays alone and is listed).
		const orlov = (await customers()).get('C-cp:6')!;
		expect(orlov.source_ids).toEqual(['cp:6', 'cp:7', 'cp:8']);
		expect(orlov.phones).toEqual(['+78125551234']);
		const [dup] = await f.query<{ reasons: string[]; links: { from_id: string; to_id: string; matched_value: string }[] }>(
			`select reasons, links from marts.dq_duplicates where group_id = 'C-cp:6'`
		);
		expect(dup.reasons).toEqual(['same_phone']);
		expect(dup.links.map((l) => [l.from_id, l.to_id, l.matched_value])).toEqual([
			['cp:6', 'cp:7', '+78125551234'],
			['cp:6', 'cp:8', '+78125551234']
		]);
		const local = await f.query(`select record_id, offending_value from marts.dq_records where problem = 'local_phone_without_area_code'`);
		expect(local).toEqual([{ record_id: 'cp:9', offending_value: '555-12-34' }]);
	});

	it('keeps the same name in two cities apart, and ties a name-only sales line to the card of its city', async () => {
		// ООО «Гамма» in Москва (cp:10) and in Казань (cp:11): name keys "гамма @ москва" ≠ "гамма @ казань".
		// The 1C line "ООО «Гамма»", Казань, with no code or INN joins the Kazan card.
		const all = await customers();
		expect(all.get('C-cp:10')!.source_ids).toEqual(['cp:10']);
		expect(all.get('C-cp:11')!.source_ids).toEqual(['cp:11', 'sales:name:гамма @ казань']);
	});

	it('suggests, never merges, customers on one corporate domain — and never on gmail.com', async () => {
		// buh@delta.ru (cp:12) and snab@delta.ru (cp:13): a suggestion. maria.p@gmail.com and
		// a.sidorov@gmail.com, oleg.orlov@ and anna.l@yandex.ru: public services, nothing.
		const suggestions = await f.query(`select group_id, reasons, customer_ids from marts.dq_duplicates where status = 'suggested' and group_id like 'domain:%'`);
		expect(suggestions).toEqual([{ group_id: 'domain:delta.ru', reasons: ['same_email_domain'], customer_ids: ['C-cp:12', 'C-cp:13'] }]);
		const all = await customers();
		expect(all.get('C-cp:13')!.source_ids).toEqual(['cp:13']);
		expect(all.get('C-cp:14')!.source_ids).toEqual(['cp:14']);
	});

	it('suggests a name a typing slip away, and a namesake in the same city, without merging them', async () => {
		// "снабтрейд" / "снабтрэйд": one substitution in a 9-letter word; Jaro-Winkler: 8 of 9
		// letters match in place, no transpositions → jaro = (8/9 + 8/9 + 1) / 3 = 0.9259; common
		// prefix "снабтр" (counted up to 4): 0.9259 + 4 × 0.1 × (1 − 0.9259) = 0.9556 ≥ 0.92.
		// "Петрова Мария" / "Мария Петрова" (Москва): the same words — two persons, similarity 1.
		const rows = await f.query<{ group_id: string; links: { matched_value: string; similarity: number }[] }>(
			`select group_id, links from marts.dq_duplicates where group_id like 'name:%' order by group_id`
		);
		expect(rows.map((r) => [r.group_id, r.links[0].matched_value, Math.round(r.links[0].similarity * 10_000) / 10_000])).toEqual([
			['name:C-cp:13~C-cp:19', 'снабтрейд ~ снабтрэйд @ москва', 0.9556],
			['name:C-cp:14~C-cp:20', 'мария петрова ~ мария петрова @ москва', 1]
		]);
	});

	it('carries an opt-out on any card to the customer, channel by channel', async () => {
		// Card 2 refused e-mail, cards 1 and 3 did not; nobody refused SMS.
		const alfa = (await customers()).get('C-cp:1')!;
		expect([alfa.is_email_opt_out, alfa.is_sms_opt_out, alfa.is_messenger_opt_out]).toEqual([true, false, false]);
		// Contact 21 refused SMS, 22 (the same person, names in another order) did not.
		const contacts = await f.query(`select contact_id, customer_id, contact_name, phones, emails, is_sms_opt_out, source_contact_ids from marts.dim_contact order by contact_id`);
		expect(contacts[0]).toEqual({
			contact_id: '21',
			customer_id: 'C-cp:1',
			contact_name: 'Пётр Петров',
			phones: ['+79210000021'],
			emails: ['petrov@alfa-spb.ru'],
			is_sms_opt_out: true,
			source_contact_ids: ['21', '22']
		});
		expect(contacts.map((c) => c.contact_id)).toEqual(['21', '23', '24']);
	});

	it('merges the unmapped CRM columns key by key, the latest filled value winning', async () => {
		// Сегмент: card 1 VIP (2023-01-10), card 2 Опт (2023-03-05), card 3 empty → Опт.
		// Отрасль: only card 1 fills it → Климат; the empty cells of cards 2 and 3 erase nothing.
		const [alfa] = await f.query<{ extra: string }>(`select extra_attributes::varchar as extra from marts.dim_customer where customer_id = 'C-cp:1'`);
		expect(JSON.parse(alfa.extra)).toEqual({ Сегмент: 'Опт', Отрасль: 'Климат' });
	});

	it('takes the first channel from the earliest card or deal', async () => {
		// Альфа: card 1 (2023-01-10, Яндекс Директ) before card 2 (2023-03-05, Сарафан).
		// Орлов: no card names a channel; deal D1 came from Авито.
		const all = await customers();
		expect(all.get('C-cp:1')!.first_channel).toBe('Яндекс Директ');
		expect(all.get('C-cp:6')!.first_channel).toBe('Авито');
	});
});

describe('the customer of every fact', () => {
	it('maps sales lines by code, INN or name (and city)', async () => {
		const lines = await f.query('select sales_line_id, customer_id, legal_entity_id, acquisition_channel, city from intermediate.int_sales_customers order by 1');
		expect(lines).toEqual([
			{ sales_line_id: 'Р-1#1', customer_id: 'C-cp:1', legal_entity_id: 'cp:1', acquisition_channel: 'Яндекс Директ', city: 'Санкт-Петербург' },
			{ sales_line_id: 'Р-2#1', customer_id: 'C-cp:17', legal_entity_id: 'cp:17', acquisition_channel: null, city: 'Москва' },
			{ sales_line_id: 'Р-3#1', customer_id: 'C-cp:12', legal_entity_id: 'sales:inn:7736207543', acquisition_channel: 'Выставка', city: 'Москва' },
			{ sales_line_id: 'Р-4#1', customer_id: 'C-cp:11', legal_entity_id: 'sales:name:гамма @ казань', acquisition_channel: null, city: 'Казань' }
		]);
		const [sales] = await f.query<{ customers: number }>('select count(distinct customer_id)::integer as customers from marts.fct_sales');
		expect(sales.customers).toBe(4);
	});

	it('maps invoices, payments (through the invoice named in the purpose, else the payer) and deals', async () => {
		expect(await f.query('select * from intermediate.int_invoice_customers order by 1')).toEqual([
			{ invoice_no: 'СЧ-1', customer_id: 'C-cp:1', legal_entity_id: 'cp:1' },
			{ invoice_no: 'СЧ-2', customer_id: 'C-cp:17', legal_entity_id: 'invoice:inn:7702070139' },
			{ invoice_no: 'СЧ-3', customer_id: 'C-cp:13', legal_entity_id: 'cp:13' }
		]);
		expect(await f.query('select payment_doc_no, invoice_no, customer_id, matched_by from intermediate.int_payment_customers order by 1')).toEqual([
			{ payment_doc_no: 'ПП-1', invoice_no: 'СЧ-1', customer_id: 'C-cp:1', matched_by: 'invoice' },
			{ payment_doc_no: 'ПП-2', invoice_no: null, customer_id: 'C-cp:17', matched_by: 'payer_inn' },
			// an outgoing payment is to a supplier, even when its INN is a customer's (Дельта's 7736207543)
			{ payment_doc_no: 'ПП-3', invoice_no: null, customer_id: null, matched_by: 'outgoing' }
		]);
		expect(await f.query('select * from intermediate.int_deal_customers')).toEqual([{ deal_id: 'D1', customer_id: 'C-cp:6', legal_entity_id: 'cp:6', linked_by: 'code' }]);
	});
});
