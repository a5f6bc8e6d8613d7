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

async function flagged(column: 'is_dead_soul' | 'is_inactive' | 'is_thin_one_off'): Promise<string[]> {
	const rows = await f.query<{ customer_id: string }>(`select customer_id from marts.dim_customer where ${column} order by customer_id`);
	return rows.map((r) => r.customer_id);
}

describe('dead souls', () => {
	it('judges inactivity against the latest date in the data, not today', async () => {
		const [asOf] = await f.query<{ as_of_date: string }>('select as_of_date from intermediate.int_data_calendar');
		// the last sales line, Р-1 of 31.12.2024, is the latest date of any export
		expect(asOf.as_of_date).toBe('2024-12-31');
	});

	it('flags customers silent for dead_soul_days', async () => {
		// as of 2024-12-31, 365 days back is 2024-01-01 (2024 has 366 days); silent before that → inactive:
		// Сидоров (card 2023-05-05), Старый (last: payment ПП-2 of 2022-01-20), Бета and Вега (cards
		// of February 2023), Невский (card 2023-05-01).
		// Alive: Снабтрейд (invoice СЧ-3 of 2024-11-01), Петрова (card 2024-01-15), Орлов (deal of
		// 2024-05-01), Альфа (sale of 2024-12-31), …
		expect(await flagged('is_inactive')).toEqual(['C-cp:15', 'C-cp:17', 'C-cp:4', 'C-cp:5', 'C-cp:9']);
		const [old] = await f.query<{ last_touch_on: string }>(`select last_touch_on from marts.dim_customer where customer_id = 'C-cp:17'`);
		expect(old.last_touch_on).toBe('2022-01-20');
	});

	it('flags thin one-off cards: no valid INN, no contact person, never bought', async () => {
		// Thin: Лебедева (a private client), Петрова, Сидоров, Тонкий, Снабтрэйд, Мария Петрова, Бета
		// and Вега (their INN is invalid), Невский.
		// Not thin: Альфа, Дельта, Гамма Казань, Старый (bought), Гамма Москва (contact person 24),
		// Козлов (valid INN), Снабтрейд (the valid INN invoice СЧ-3 gives), Орлов (deal D1 won).
		const thin = ['C-contact:23', 'C-cp:14', 'C-cp:15', 'C-cp:16', 'C-cp:19', 'C-cp:20', 'C-cp:4', 'C-cp:5', 'C-cp:9'];
		expect(await flagged('is_thin_one_off')).toEqual(thin);
		// dead souls: thin or inactive (Старый is only inactive); thin names the reason when both
		expect(await flagged('is_dead_soul')).toEqual([...thin.slice(0, 4), 'C-cp:17', ...thin.slice(4)]);
		const reasons = await f.query(`select customer_id, dead_soul_reason from marts.dim_customer where customer_id in ('C-cp:15', 'C-cp:17') order by 1`);
		expect(reasons).toEqual([
			{ customer_id: 'C-cp:15', dead_soul_reason: 'thin_one_off' },
			{ customer_id: 'C-cp:17', dead_soul_reason: 'inactive' }
		]);
	});

	it('moves the inactivity line with var dead_soul_days', async () => {
		// 350 days before 2024-12-31 is 2024-01-16: Петрова's card of 2024-01-15 is now before it.
		await f.build(['+dim_customer'], { dead_soul_days: 350 });
		expect(await flagged('is_inactive')).toEqual(['C-cp:14', 'C-cp:15', 'C-cp:17', 'C-cp:4', 'C-cp:5', 'C-cp:9']);
		await f.build(['+dim_customer']);
		expect(await flagged('is_inactive')).toHaveLength(5);
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
			['contact:23', 'thin_one_off', 'name', 'Лебедева Анна'],
			// contact 24 swapped the columns
			['contact:24', 'email_in_phone', 'phone', 'ivanov@gamma.ru'],
			['contact:24', 'phone_in_email', 'email', '89210000024'],
			// companies without INN, OGRN or EDRPOU
			['cp:10', 'missing_inn', 'inn', null],
			['cp:11', 'missing_inn', 'inn', null],
			// the card lacks the INN; invoice СЧ-3 of the same code gives it
			['cp:13', 'missing_inn', 'inn', '7728168971'],
			['cp:14', 'thin_one_off', 'name', 'Петрова Мария'],
			['cp:15', 'thin_one_off', 'name', 'Сидоров Алексей'],
			['cp:16', 'missing_inn', 'inn', null],
			['cp:16', 'thin_one_off', 'name', 'ООО «Тонкий»'],
			['cp:18', 'placeholder_email', 'email', 'noemail@mail.ru'],
			['cp:19', 'missing_inn', 'inn', null],
			['cp:19', 'thin_one_off', 'name', 'ООО «Снабтрэйд»'],
			['cp:20', 'thin_one_off', 'name', 'Мария Петрова'],
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
