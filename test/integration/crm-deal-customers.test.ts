// Deals that name their customer instead of carrying its id — as amoCRM, Bitrix24 (CSV, the
// «Товар» lines, the HTML «Excel» export) and RetailCRM deal exports write them — land on
// the customer of the card they name, through identity resolution, with every merge
// explained in dq_duplicates. The exports are the real layouts of test/fixtures/exports/crm
// (README there); every figure below is worked out by hand from their rows.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../src/lib/server/demo/cp1251.ts';
import { martFixture, repoRoot, type MartFixture } from '../helpers/mart-fixture.ts';

const exportsDir = path.join(repoRoot, 'test/fixtures/exports/crm');
const EXPORTS = [
	'amocrm/leads.xlsx',
	'amocrm/contacts.csv',
	'amocrm/companies.csv',
	'bitrix24/deals.csv',
	'bitrix24/deals-products.csv',
	'bitrix24/deals.xls',
	'bitrix24/leads.csv',
	'bitrix24/contacts.csv',
	'bitrix24/companies.csv',
	'bitrix24-ua/deals.csv',
	'retailcrm/orders.csv',
	'retailcrm/customers.csv',
	'moysklad/counterparties.xlsx'
];

// Two Bitrix24 contact cards of one name (the layout of bitrix24/contacts.csv) and a deal
// naming that contact (the layout of bitrix24/deals.csv).
const NAMESAKES = {
	'bitrix-namesakes-contacts.csv': encodeCp1251(
		'"ID";"Имя";"Фамилия";"Рабочий телефон";"Ответственный";"Дата создания";\n' +
			'"61";"Иван";"Иванов";"+7 (495) 600-00-61";"Алексей Орлов";"02.04.2024 10:00:00";\n' +
			'"62";"Иван";"Иванов";"+7 (495) 600-00-62";"Елена Миронова";"03.04.2024 10:00:00";\n'
	),
	'bitrix-namesakes-deals.csv': encodeCp1251(
		'"ID";"Название сделки";"Стадия сделки";"Сумма";"Контакт";"Дата создания";\n' + '"601";"Запрос цены";"Новая";"5000.00";"Иванов Иван";"05.04.2024 12:00:00";\n'
	)
};

let fixture: MartFixture;

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingestPaths(EXPORTS.map((file) => path.join(exportsDir, file)));
	await fixture.ingest(NAMESAKES);
	await fixture.build(['+fct_deals', '+dq_duplicates', '+dq_records']);
}, 180_000);

afterAll(() => fixture?.close());

interface DealCustomer {
	deal_id: string;
	linked_by: string | null;
	customer_name: string | null;
	source_ids: string[] | null;
}

/** Each deal's customer: how the deal named it, its name and the records merged into it. */
async function dealCustomers(ids: string[]): Promise<DealCustomer[]> {
	return fixture.query<DealCustomer>(
		`select d.deal_id, c.linked_by, m.customer_name, m.source_ids
		 from staging.stg_crm__deals d
		 join intermediate.int_deal_customers c using (deal_id)
		 left join marts.dim_customer m on c.customer_id = m.customer_id
		 where d.deal_id in (${ids.map((id) => `'${id}'`).join(', ')})
		 order by d.deal_id`
	);
}

async function mergeLinks(customerOf: string): Promise<{ from_id: string; to_id: string; reason: string; matched_value: string }[]> {
	const [row] = await fixture.query<{ links: { from_id: string; to_id: string; reason: string; matched_value: string }[] }>(
		`select d.links from marts.dq_duplicates d
		 join intermediate.int_deal_customers c on d.group_id = c.customer_id
		 where c.deal_id = '${customerOf}'`
	);
	return row.links.map(({ from_id, to_id, reason, matched_value }) => ({ from_id, to_id, reason, matched_value }));
}

describe('deals linked to customers by the names they carry', () => {
	it('30 deals: 17 name a company, 11 a contact, 2 nobody; none carries a counterparty id', async () => {
		// company: Bitrix24 112 113 114 116, 131 132 (HTML), 201 202 203 (lines), leads 302 304;
		// amoCRM 24301 24302 24305; Bitrix24 UA 501 502 504 = 17.
		// contact: RetailCRM 1001A–1004A, Bitrix24 115 133 204 601, lead 301 (an e-mail only),
		// UA 503, amoCRM 24303 = 11. Nobody: amoCRM 24304, lead 303.
		const rows = await fixture.query(`select linked_by, count(*) as deals from intermediate.int_deal_customers group by 1 order by 1`);
		expect(rows).toEqual([
			{ linked_by: 'company_name', deals: 17 },
			{ linked_by: 'contact', deals: 11 },
			{ linked_by: null, deals: 2 }
		]);
		expect(await fixture.query(`select count(*) as n from marts.fct_deals where customer_id is null`)).toEqual([{ n: 2 }]);
	});

	it('«ООО "Альфа"» on a Bitrix24 deal lands on «Альфа, ООО» of the amoCRM companies, by the name without legal form and quotes', async () => {
		expect(await dealCustomers(['203'])).toEqual([{ deal_id: '203', linked_by: 'company_name', customer_name: 'Альфа, ООО', source_ids: ['cp:504', 'deal:name:альфа'] }]);
		// neither has a city: the name key is compared in the empty city
		expect(await mergeLinks('203')).toEqual([{ from_id: 'cp:504', to_id: 'deal:name:альфа', reason: 'same_name_city', matched_value: 'альфа @ ' }]);
	});

	it('one company on deals from three Bitrix24 exports (CSV, «Товар» lines, «Excel») is one customer with its card', async () => {
		const rows = await dealCustomers(['112', '113', '131', '201']);
		expect(new Set(rows.map((r) => JSON.stringify(r.source_ids)))).toEqual(new Set([JSON.stringify(['contact:41', 'cp:7', 'deal:name:сервис стеллаж'])]));
		// won: 112 250000 + 131 98000 + 201 132010 (its three product lines) = 480010; 113 is lost
		const [won] = await fixture.query(
			`select sum(deal_amount) filter (where deal_status = 'won') as won, count(*) as deals
			 from marts.fct_deals where customer_id = (select customer_id from intermediate.int_deal_customers where deal_id = '112')`
		);
		expect(won).toEqual({ won: 480010, deals: 4 });
	});

	it('a RetailCRM order whose client is «ООО «Ромашка»» lands on МойСклад’s «Ромашка», by name, phone and e-mail', async () => {
		expect(await dealCustomers(['1003A'])).toEqual([{ deal_id: '1003A', linked_by: 'contact', customer_name: 'Ромашка', source_ids: ['cp:00001', 'deal:name:ромашка'] }]);
		expect((await mergeLinks('1003A')).map((l) => l.reason)).toEqual(['same_email', 'same_name_city', 'same_phone']);
	});

	it('a contact named without phone or e-mail lands on the one contact card of that name', async () => {
		// «Сидорова Анна» on Bitrix24 deal 115, «Excel» deal 133 and «Товар» deal 204: card 42, a private client
		const rows = await dealCustomers(['115', '133', '204']);
		expect(rows.map((r) => [r.deal_id, r.linked_by, r.customer_name, r.source_ids])).toEqual([
			['115', 'contact', 'Сидорова Анна', ['contact:42', 'deal:contact:анна сидорова']],
			['133', 'contact', 'Сидорова Анна', ['contact:42', 'deal:contact:анна сидорова']],
			['204', 'contact', 'Сидорова Анна', ['contact:42', 'deal:contact:анна сидорова']]
		]);
		expect(await mergeLinks('115')).toEqual([{ from_id: 'contact:42', to_id: 'deal:contact:анна сидорова', reason: 'same_contact_name', matched_value: 'анна сидорова' }]);
	});

	it('a name two contact cards share ties the deal to neither', async () => {
		// cards 61 and 62 are both «Иванов Иван»: deal 601 stays a customer of its own
		expect(await dealCustomers(['601'])).toEqual([{ deal_id: '601', linked_by: 'contact', customer_name: 'Иванов Иван', source_ids: ['deal:contact:иван иванов'] }]);
		const cards = await fixture.query(`select source_ids from marts.dim_customer where 'contact:61' = any(source_ids) or 'contact:62' = any(source_ids) order by 1`);
		expect(cards).toEqual([{ source_ids: ['contact:61'] }, { source_ids: ['contact:62'] }]);
	});

	it('RetailCRM orders of a private client land on her customer card by phone and e-mail', async () => {
		// orders 1001A and 1004A: «Петрова Анна Игоревна», +79161234567, anna.petrova@mail.ru =
		// RetailCRM customer 501 and МойСклад's «Петрова Анна» (00003)
		const rows = await dealCustomers(['1001A', '1004A']);
		const records = ['contact:501', 'cp:00003', 'deal:contact:анна игоревна петрова | +79161234567 | anna.petrova@mail.ru'];
		expect(rows.map((r) => r.source_ids)).toEqual([records, records]);
	});

	it('a company no card describes is a customer of its own, listed for the data-quality page', async () => {
		// Bitrix24 UA 501 and 502 name «ТОВ "Полиця"»; no Ukrainian companies export was loaded
		expect(await dealCustomers(['501', '502'])).toEqual([
			{ deal_id: '501', linked_by: 'company_name', customer_name: 'ТОВ "Полиця"', source_ids: ['deal:name:полиця'] },
			{ deal_id: '502', linked_by: 'company_name', customer_name: 'ТОВ "Полиця"', source_ids: ['deal:name:полиця'] }
		]);
		const problems = await fixture.query(`select record_id, offending_value from marts.dq_records where problem = 'deal_name_without_card' order by 1`);
		// the lead 301 with only an e-mail, «Тарас Бойко» (UA 503), «Иванов Иван» (601), «ООО "Опт-Торг"»
		// (lead 304), «ТОВ "Полиця"», «ФОП Ґудзь І.І.» (UA 504)
		expect(problems).toEqual([
			{ record_id: 'deal:contact:irina@lebedeva.ru', offending_value: 'irina@lebedeva.ru' },
			{ record_id: 'deal:contact:бойко тарас', offending_value: 'Тарас Бойко' },
			{ record_id: 'deal:contact:иван иванов', offending_value: 'Иванов Иван' },
			{ record_id: 'deal:name:опт торг', offending_value: 'ООО "Опт-Торг"' },
			{ record_id: 'deal:name:полиця', offending_value: 'ТОВ "Полиця"' },
			// Ukrainian і (U+0456) sorts after the Russian alphabet
			{ record_id: 'deal:name:і і ґудзь', offending_value: 'ФОП Ґудзь І.І.' }
		]);
	});
});
