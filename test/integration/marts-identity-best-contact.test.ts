import { PassThrough } from 'node:stream';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSegmentExport } from '../../src/lib/server/exports/index.ts';
import { createSegment } from '../../src/lib/server/segments/index.ts';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// dim_customer.best_phone / best_email on hand-made CRM cards, one rule per customer, and a
// segment export that writes them. Cards of a customer share a valid INN, so they merge:
// Альфа (cards 1–3, 7707083893), Бета (4–5, 7736207543), Вега (6–7, 7702070139).
const cards = csv`
	ID;Наименование;Тип;ИНН;Город;Телефон;Телефон 2;Email;Дата создания;Дата изменения
	1;ООО «Альфа»;Юрлицо;7707083893;Москва;+7 916 100-00-01;+7 916 100-00-02;a1@alpha.ru;2023-01-01;2024-01-10
	2;Альфа-Трейд;Юрлицо;7707083893;Москва;+7 916 100-00-02;;a2@alpha.ru;2023-02-01;2025-03-01
	3;Альфа Опт;Юрлицо;7707083893;Москва;+7 916 100-00-03;;;2023-03-01;2025-06-01
	4;ООО «Бета»;Юрлицо;7736207543;Москва;;+7 916 200-00-01;;2023-05-01;
	5;Бета-Торг;Юрлицо;7736207543;Москва;+7 916 200-00-09;;;2023-05-01;
	6;ООО «Вега»;Юрлицо;7702070139;Москва;+7 916 300-00-07;;;2023-06-01;
	7;Вега-2;Юрлицо;7702070139;Москва;+7 916 300-00-05;;;2023-06-01;
`;
// One sale each, so the export's RFM and LTV marts have rows.
const sales = csv`
	Документ;Дата;Код контрагента;Контрагент;Артикул;Количество;Сумма
	Р-1;10.06.2025;1;ООО «Альфа»;A1;1;100
	Р-2;11.06.2025;4;ООО «Бета»;A1;1;100
	Р-3;12.06.2025;6;ООО «Вега»;A1;1;100
`;

interface Customer {
	customer_id: string;
	phones: string[];
	emails: string[];
	best_phone: string | null;
	best_email: string | null;
}

let f: MartFixture;
let customers: Map<string, Customer>;

beforeAll(async () => {
	f = await martFixture();
	await f.ingest({ 'counterparties.csv': cards, 'sales.csv': sales });
	await f.build(['+dim_customer', '+rfm', '+customer_ltv']);
	const rows = await f.query<Customer>('select customer_id, phones, emails, best_phone, best_email from marts.dim_customer');
	customers = new Map(rows.map((r) => [r.customer_id, r]));
}, 180_000);
afterAll(() => f?.close());

describe('best phone and e-mail of a merged customer', () => {
	it('merges the cards into three customers', () => {
		expect([...customers.keys()].sort()).toEqual(['C-cp:1', 'C-cp:4', 'C-cp:6']);
	});

	it('takes the phone named by the most records, then the e-mail of the most recently changed record', () => {
		// Альфа: +79161000002 is on card 1 (Телефон 2) and card 2 → 2 records; …01 and …03 one each (…03 on the
		// newest card, 2025-06-01, still loses on the count). E-mails one record each: a2@ is on card 2, changed
		// 2025-03-01, a1@ on card 1, changed 2024-01-10 → a2@, although a1@ is first in the sorted list.
		expect(customers.get('C-cp:1')).toMatchObject({
			phones: ['+79161000001', '+79161000002', '+79161000003'],
			best_phone: '+79161000002',
			emails: ['a1@alpha.ru', 'a2@alpha.ru'],
			best_email: 'a2@alpha.ru'
		});
	});

	it('prefers the main phone field on a tie, then the smallest number', () => {
		// Бета: one record each, both created 2023-05-01 and never changed; …09 is card 5's Телефон, …01 card 4's
		// Телефон 2 → …09. No e-mail → null.
		expect(customers.get('C-cp:4')).toMatchObject({ phones: ['+79162000001', '+79162000009'], best_phone: '+79162000009', best_email: null });
		// Вега: one record each, same day, both main fields → the smaller, …05.
		expect(customers.get('C-cp:6')).toMatchObject({ phones: ['+79163000005', '+79163000007'], best_phone: '+79163000005' });
	});

	it('exports those contacts', async () => {
		await createSegment(f.warehouse, { name: 'Все', definition: { conditions: [] } }, 'test');
		const prepared = await prepareSegmentExport(f.warehouse, { segment: 'Все', format: 'csv', channel: 'all', locale: 'en', username: 'test', via: 'cli' });
		expect(prepared.ranking).toBe('records');
		const sink = new PassThrough();
		let text = '';
		sink.setEncoding('utf8');
		sink.on('data', (chunk: string) => (text += chunk));
		await prepared.run(sink);
		const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
		const cell = (id: string, column: string) => rows.find((row) => row[0] === id)?.[header.indexOf(column)];
		// phones start with + and are escaped for spreadsheets
		expect(cell('C-cp:1', 'Phone')).toBe("'+79161000002");
		expect(cell('C-cp:1', 'Email')).toBe('a2@alpha.ru');
		expect(cell('C-cp:4', 'Phone')).toBe("'+79162000009");
	});
});
