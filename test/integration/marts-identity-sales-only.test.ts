import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// Only a 1C sales export, no CRM: customers still come out of the sales lines.
let f: MartFixture;

beforeAll(async () => {
	f = await martFixture();
	await f.ingest({
		'sales.csv': csv`
			Документ;Дата;Код контрагента;Контрагент;ИНН;Город;Количество;Сумма
			Р-1;10.01.2024;К-001;ООО «Ромашка»;7707083893;Москва;1;100
			Р-2;20.02.2024;К-001;ООО «Ромашка»;7707083893;Москва;1;100
			Р-3;05.03.2024;;Ромашка ООО;7707083893;;1;100
			Р-4;06.03.2024;;ИП Сидоров;;Казань;1;100
			Р-5;07.03.2024;;ИП  Сидоров;;Казань;1;100
			Р-6;08.03.2024;;ИП Сидоров;;Москва;1;100
		`
	});
	await f.build(['+dim_customer', '+fct_sales']);
}, 120_000);
afterAll(() => f?.close());

describe('a sales-only export', () => {
	it('yields customers from codes, INNs and names in cities', async () => {
		// Records: cp:К-001 (the 1C code), sales:inn:7707083893 (Р-3, no code), and by name and
		// city sales:name:сидоров @ казань (Р-4, Р-5 — "ИП  Сидоров" is the same name) and
		// sales:name:сидоров @ москва (Р-6). The code and the INN-only line share a valid INN:
		// 4 records → 3 customers.
		const rows = await f.query('select customer_id, customer_name, customer_kind, source_ids, city, first_purchase_on, last_purchase_on, purchase_docs from marts.dim_customer order by 1');
		expect(rows).toEqual([
			{
				customer_id: 'C-cp:К-001',
				customer_name: 'ООО «Ромашка»',
				customer_kind: 'company',
				source_ids: ['cp:К-001', 'sales:inn:7707083893'],
				city: 'Москва',
				first_purchase_on: '2024-01-10',
				last_purchase_on: '2024-03-05',
				purchase_docs: 3
			},
			{
				customer_id: 'C-sales:name:сидоров @ казань',
				customer_name: 'ИП Сидоров',
				customer_kind: 'company',
				source_ids: ['sales:name:сидоров @ казань'],
				city: 'Казань',
				first_purchase_on: '2024-03-06',
				last_purchase_on: '2024-03-07',
				purchase_docs: 2
			},
			{
				customer_id: 'C-sales:name:сидоров @ москва',
				customer_name: 'ИП Сидоров',
				customer_kind: 'company',
				source_ids: ['sales:name:сидоров @ москва'],
				city: 'Москва',
				first_purchase_on: '2024-03-08',
				last_purchase_on: '2024-03-08',
				purchase_docs: 1
			}
		]);
	});

	it('gives every sales line a customer', async () => {
		const [lines] = await f.query<{ lines: number; with_customer: number }>(
			'select count(*)::integer as lines, count(customer_id)::integer as with_customer from marts.fct_sales'
		);
		expect(lines).toEqual({ lines: 6, with_customer: 6 });
	});
});
