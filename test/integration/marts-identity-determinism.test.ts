import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmCompanyExports } from '../fixtures/identity/crm-company.ts';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// Identity builds must be repeatable: the same exports give the same customers, numbers
// and JSON text, however often they are built and in whatever order files and rows were
// loaded. Warehouse A loads the identity fixture as written and is built twice; warehouse
// B loads the same exports in reverse file order with every file's rows reversed (the
// physical order an unordered numbering or aggregate would follow).
const SELECT = ['+dim_customer', '+dim_contact', '+dq_duplicates'];

// The fixture's counterparties with five more columns of no mapping (kept as extra attributes),
// so a merged customer's JSON has seven keys from three cards: an unsorted writer would rarely
// happen to write them in order. Cards 1–3 are Альфа.
const EXTRA_HEADER = ';Зона;Бонус;Уровень;Архив;Ёмкость';
const EXTRA_CELLS: Record<string, string> = { '1': ';Север;5%;A;нет;', '2': ';;;B;;большая', '3': ';Юг;;;да;' };
function withExtraColumns(text: string): string {
	const [header, ...rows] = text.trimEnd().split('\n');
	return [header + EXTRA_HEADER, ...rows.map((row) => row + (EXTRA_CELLS[row.split(';')[0]] ?? ';;;;;'))].join('\n') + '\n';
}
// Deals that name their customer instead of its id (as Bitrix24 and amoCRM export them): the
// records made of those names must number and merge alike too. N1 and N3 are Альфа's cards
// (all in St Petersburg, so the cityless name joins them); N2 is the private client 23 by
// her phone and name.
const namedDeals = csv`
	ID;Название сделки;Стадия сделки;Компания;Контакт;Рабочий телефон;Дата создания
	N1;Кондиционеры;Новая;Альфа ООО;;;2024-06-01
	N2;Монтаж;Новая;;Лебедева Анна;8 921 000-00-23;2024-06-02
	N3;Сервис;Новая;ООО «Альфа»;;;2024-06-03
`;
const exportsWithExtras = {
	...crmCompanyExports,
	'counterparties.csv': withExtraColumns(crmCompanyExports['counterparties.csv']),
	'named_deals.csv': namedDeals
};

/** Each row as JSON text (to_json keeps lists, structs and the JSON column as written), in key order. */
const SNAPSHOT_SQL = {
	dim_customer: 'select to_json(t)::varchar as row from marts.dim_customer as t order by customer_id',
	dq_duplicates: 'select to_json(t)::varchar as row from marts.dq_duplicates as t order by group_id',
	dim_contact: 'select to_json(t)::varchar as row from marts.dim_contact as t order by contact_id',
	int_customer_records:
		'select to_json({record_id: record_id, record_no: record_no, cluster_no: cluster_no, customer_id: customer_id})::varchar as row from intermediate.int_customer_records order by record_id',
	int_identity_links: 'select to_json(t)::varchar as row from intermediate.int_identity_links as t order by record_no, key_no',
	int_deal_customers: 'select to_json(t)::varchar as row from intermediate.int_deal_customers as t order by deal_id'
} as const;

type Snapshot = Record<keyof typeof SNAPSHOT_SQL, string[]>;

async function snapshot(f: MartFixture): Promise<Snapshot> {
	const out = {} as Snapshot;
	for (const [name, sql] of Object.entries(SNAPSHOT_SQL) as [keyof Snapshot, string][]) {
		out[name] = (await f.query<{ row: string }>(sql)).map((r) => r.row);
	}
	return out;
}

/** The same CSV with its data rows in reverse order (the header stays first). */
function reversedRows(text: string): string {
	const [header, ...rows] = text.trimEnd().split('\n');
	return [header, ...rows.reverse()].join('\n') + '\n';
}

let a: MartFixture;
let b: MartFixture;
let first: Snapshot;
let second: Snapshot;
let reordered: Snapshot;

beforeAll(async () => {
	a = await martFixture();
	await a.ingest(exportsWithExtras);
	await a.build(SELECT);
	first = await snapshot(a);
	await a.build(SELECT);
	second = await snapshot(a);

	b = await martFixture();
	const files = Object.entries(exportsWithExtras).reverse();
	for (const [name, text] of files) await b.ingest({ [name]: reversedRows(text) });
	await b.build(SELECT);
	reordered = await snapshot(b);
}, 180_000);
afterAll(() => {
	a?.close();
	b?.close();
});

describe('identity builds are repeatable', () => {
	it('builds the same customers and duplicate clusters twice from the same warehouse', () => {
		expect(first.dim_customer).toHaveLength(17);
		// the named deals add records, not customers
		expect(first.int_deal_customers.map((row) => JSON.parse(row)).filter((r) => r.deal_id.startsWith('N'))).toEqual([
			{ deal_id: 'N1', customer_id: 'C-cp:1', legal_entity_id: 'deal:name:альфа', linked_by: 'company_name' },
			{ deal_id: 'N2', customer_id: 'C-contact:23', legal_entity_id: 'deal:contact:анна лебедева | 8 921 000-00-23', linked_by: 'contact' },
			{ deal_id: 'N3', customer_id: 'C-cp:1', legal_entity_id: 'deal:name:альфа', linked_by: 'company_name' }
		]);
		expect(first.dq_duplicates.length).toBeGreaterThan(0);
		expect(second).toEqual(first);
	});

	it('numbers records, keys and clusters alike when the same exports were loaded in another order', () => {
		// record_no follows record_id order (bytes): contact:23 < cp:1 < cp:10 < … < cp:2 < …, so the private client is 1,
		// Альфа's card 1 is 2, and card 2 (merged with it) is 13 (after cp:1, cp:10 … cp:19) in cluster 2.
		const records = reordered.int_customer_records.map((row) => JSON.parse(row));
		expect(records[0]).toMatchObject({ record_id: 'contact:23', record_no: 1, cluster_no: 1 });
		expect(records.find((r) => r.record_id === 'cp:1')).toMatchObject({ record_no: 2, cluster_no: 2 });
		expect(records.find((r) => r.record_id === 'cp:2')).toMatchObject({ record_no: 13, cluster_no: 2 });
		expect(reordered.int_customer_records).toEqual(first.int_customer_records);
		expect(reordered.int_identity_links).toEqual(first.int_identity_links);
		expect(reordered.int_deal_customers).toEqual(first.int_deal_customers);
	});

	it('writes dim_customer, dim_contact and dq_duplicates identically, JSON keys in sorted order', () => {
		expect(reordered.dim_customer).toEqual(first.dim_customer);
		expect(reordered.dq_duplicates).toEqual(first.dq_duplicates);
		expect(reordered.dim_contact).toEqual(first.dim_contact);
		// Альфа's cards (created 2023-01-10, 2023-03-05, 2023-06-01; the latest that fills a key wins it):
		// Архив «да» (card 3), Бонус «5%» (1), Зона «Юг» (3), Отрасль «Климат» (1), Сегмент «Опт» (2),
		// Уровень «B» (2), Ёмкость «большая» (2) — in byte order of the keys: Ё is U+0401 (UTF-8 D0 81), before
		// А U+0410 (D0 90).
		const alfa = first.dim_customer.map((row) => JSON.parse(row)).find((row) => row.customer_id === 'C-cp:1');
		expect(JSON.stringify(alfa.extra_attributes)).toBe(
			'{"Ёмкость":"большая","Архив":"да","Бонус":"5%","Зона":"Юг","Отрасль":"Климат","Сегмент":"Опт","Уровень":"B"}'
		);
	});
});
