import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmCompanyExports } from '../fixtures/identity/crm-company.ts';
import { martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// Dead souls, completeness and the data-quality list on test/fixtures/identity/crm-company.ts.
let f: MartFixture;

beforeAll(async () => {
	f = await martFixture();
	await f.ingest(crmCompanyExports);
	await f.build(['+dim_customer', '+dq_records']);
}, 120_000);
afterAll(() => f?.close());

async function deadSouls(): Promise<[string, string | null][]> {
	const rows = await f.query<{ customer_id: string; dead_soul_reason: string | null }>(
		'select customer_id, dead_soul_reason from marts.dim_customer where is_dead_soul order by customer_id'
	);
	return rows.map((r) => [r.customer_id, r.dead_soul_reason]);
}

describe('dead souls', () => {
	it('judges inactivity against the latest date in the data, not today', async () => {
		const [asOf] = await f.query<{ as_of_date: string }>('select distinct as_of_date from intermediate.int_customer_activity');
		// the last sales line, Р-1 of 31.12.2024, is the latest date of any export
		expect(asOf.as_of_date).toBe('2024-12-31');
	});

	it('flags thin one-off cards and customers silent for dead_soul_days', async () => {
		// as of 2024-12-31, 365 days back is 2024-01-01 (2024 has 366 days); silent before that → inactive.
		// Thin (no valid INN, at most one phone or e-mail, no contact person, no purchase or payment):
		//   cp:4 Бета and cp:5 Вега (invalid INN, nothing else), cp:9 Невский (a phone that cannot be
		//   completed), cp:16 Тонкий (one phone; created 2024-12-20, thin all the same), cp:19 Снабтрэйд
		//   (one phone).
		// Inactive: cp:13 Снабтрейд (card of 2023-01-01, nothing since), cp:15 Сидоров (card of
		//   2023-05-05), cp:17 Старый (last: payment ПП-2 of 2022-01-20).
		// Alive: Альфа (sale 2024-12-31), Орлов (deal 2024-05-01), Гамма Москва (card 2024-03-01),
		//   Гамма Казань (sale 2024-10-01), Дельта (sale 2024-06-01), Петрова (card 2024-01-15),
		//   Козлов (card 2024-02-01, valid INN), Мария Петрова (card 2024-08-01), Лебедева (contact
		//   card 2024-07-01).
		expect(await deadSouls()).toEqual([
			['C-cp:13', 'inactive'],
			['C-cp:15', 'inactive'],
			['C-cp:16', 'thin_one_off'],
			['C-cp:17', 'inactive'],
			['C-cp:19', 'thin_one_off'],
			['C-cp:4', 'thin_one_off'],
			['C-cp:5', 'thin_one_off'],
			['C-cp:9', 'thin_one_off']
		]);
		const [old] = await f.query<{ last_touch_on: string }>(`select last_touch_on from marts.dim_customer where customer_id = 'C-cp:17'`);
		expect(old.last_touch_on).toBe('2022-01-20');
	});

	it('moves the inactivity line with var dead_soul_days', async () => {
		// 350 days before 2024-12-31 is 2024-01-16: Петрова's card of 2024-01-15 is now before it.
		await f.build(['+dim_customer'], { dead_soul_days: 350 });
		const souls = await deadSouls();
		expect(souls).toContainEqual(['C-cp:14', 'inactive']);
		expect(souls).toHaveLength(9);
		await f.build(['+dim_customer']);
		expect(await deadSouls()).toHaveLength(8);
	});
});

describe('completeness score', () => {
	it('adds the weights of the filled key fields', async () => {
		const rows = await f.query<{ customer_id: string; completeness_score: number }>(
			`select customer_id, completeness_score from marts.dim_customer where customer_id in ('C-cp:1', 'C-cp:16', 'C-cp:4', 'C-cp:6') order by 1`
		);
		// Альфа: name 15 + INN 20 + e-mail 15 + city 10 + manager 5 + channel 10 (no phone, no address) = 75
		// Тонкий: name 15 + phone 15 + city 10 = 40
		// Бета: name 15 + city 10 (its INN is invalid) = 25
		// Орлов (a person, no birthday): name 15 + phone 15 + e-mail 15 + city 10 + channel 10 = 65
		expect(rows.map((r) => [r.customer_id, r.completeness_score])).toEqual([
			['C-cp:1', 75],
			['C-cp:16', 40],
			['C-cp:4', 25],
			['C-cp:6', 65]
		]);
	});
});

describe('dq_records', () => {
	it('lists every problem record with the offending value', async () => {
		const rows = await f.query<{ record_id: string; problem: string; field: string; offending_value: string | null }>(
			'select record_id, problem, field, offending_value from marts.dq_records order by record_id, problem'
		);
		expect(rows.map((r) => [r.record_id, r.problem, r.field, r.offending_value])).toEqual([
			// contact 24 swapped the columns
			['contact:24', 'email_in_phone', 'phone', 'ivanov@gamma.ru'],
			['contact:24', 'phone_in_email', 'email', '89210000024'],
			// companies without INN, OGRN or EDRPOU
			['cp:10', 'missing_inn', 'inn', null],
			['cp:11', 'missing_inn', 'inn', null],
			['cp:13', 'missing_inn', 'inn', null],
			['cp:16', 'missing_inn', 'inn', null],
			['cp:16', 'thin_one_off', 'name', 'ООО «Тонкий»'],
			['cp:18', 'placeholder_email', 'email', 'noemail@mail.ru'],
			['cp:19', 'missing_inn', 'inn', null],
			['cp:19', 'thin_one_off', 'name', 'ООО «Снабтрэйд»'],
			// card 3 of Альфа has neither phone nor e-mail
			['cp:3', 'missing_contact', 'phone', null],
			['cp:4', 'invalid_inn_checksum', 'inn', '7707083894'],
			['cp:4', 'missing_contact', 'phone', null],
			['cp:4', 'thin_one_off', 'name', 'ООО «Бета»'],
			['cp:5', 'invalid_inn_checksum', 'inn', '7707083894'],
			['cp:5', 'missing_contact', 'phone', null],
			['cp:5', 'thin_one_off', 'name', 'ООО «Вега»'],
			['cp:9', 'local_phone_without_area_code', 'phone', '555-12-34'],
			['cp:9', 'missing_inn', 'inn', null],
			['cp:9', 'thin_one_off', 'name', 'ООО «Невский»'],
			// the 1C buyer known only by name has no INN either
			['sales:name:гамма @ казань', 'missing_inn', 'inn', null]
		]);
	});

	it('uses the e-mail typed into the phone column as an e-mail (and the phone as a phone)', async () => {
		const [contact] = await f.query(`select phones, emails from marts.dim_contact where contact_id = '24'`);
		expect(contact).toEqual({ phones: ['+79210000024'], emails: ['ivanov@gamma.ru'] });
	});
});
