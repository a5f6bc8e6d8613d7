// channel_performance on hand-made CRM, spend and sales exports: spend, leads, new
// customers, CAC, attributed revenue and gross profit, ROI and payback, each worked out
// by hand in the comments. Channel names are spelt differently in every export on purpose.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, martFixture, type MartFixture } from '../helpers/mart-fixture.ts';

// C6 was in the CRM before the first sale (2024-01-10): a customer won before the history.
const counterparties = csv`
	Код контрагента;Наименование;Город;Источник;Дата создания
	C1;ООО «Первый»;Москва; яндекс  директ;
	C2;ООО «Второй»;Москва;Яндекс Директ;
	C3;ООО «Третий»;Казань;ЯНДЕКС ДИРЕКТ;
	C4;ООО «Четвёртый»;Казань;ВЫСТАВКИ;
	C5;ООО «Пятый»;Тверь;;
	C6;ООО «Шестой»;Москва;Яндекс Директ;2023-12-01 10:00:00
`;

// Leads: Яндекс Директ Jan 2 (D1, D2), Feb 2 (D3, D7), Mar 1 (D8); Выставки Feb 2 (D4, D5), Mar 1 (D6).
// New leads: D1, D2 (first deals of C1, C2), D3, D5, D6 (no customer), D4 (C4's first);
// not D7 (C6 was won before the history) nor D8 (C1's second deal).
const deals = csv`
	ID сделки;ID контрагента;Название сделки;Этап;Источник;Дата создания
	D1;C1;Поставка 1;Успешно реализовано;Яндекс Директ;2024-01-05 10:00:00
	D2;C2;Поставка 2;Успешно реализовано;яндекс директ;2024-01-20 11:00:00
	D3;;Запрос с сайта;Новая;Яндекс Директ;2024-02-03 09:00:00
	D4;C4;Выставка 1;Успешно реализовано;Выставки;2024-02-10 12:00:00
	D5;;Выставка 2;Закрыто и не реализовано;Выставки;2024-02-11 12:00:00
	D6;;Выставка 3;Новая;Выставки;2024-03-01 12:00:00
	D7;C6;Повторная поставка;Успешно реализовано;Яндекс Директ;2024-02-12 10:00:00
	D8;C1;Поставка 3;Успешно реализовано;Яндекс Директ;2024-03-05 10:00:00
`;

const spend = csv`
	Месяц;Канал;Расход
	01.01.2024;Яндекс Директ;30000
	01.02.2024;Яндекс Директ;20000
	01.03.2024;Яндекс Директ;10000
	01.02.2024;Выставки;50000
`;

// Gross profit per line = Сумма − Себестоимость.
const sales = csv`
	Документ;Дата;Код контрагента;Контрагент;Артикул;Количество;Сумма;Себестоимость
	Р-1;10.01.2024;C1;ООО «Первый»;A1;1;10000;6000
	Р-2;25.01.2024;C2;ООО «Второй»;A1;1;5000;4000
	Р-3;10.02.2024;C1;ООО «Первый»;A1;1;20000;12000
	Р-4;15.02.2024;C3;ООО «Третий»;A1;1;8000;5000
	Р-5;20.02.2024;C4;ООО «Четвёртый»;A1;1;100000;70000
	Р-6;05.03.2024;C4;ООО «Четвёртый»;A1;1;50000;30000
	Р-7;10.03.2024;C1;ООО «Первый»;A1;1;30000;13000
	Р-8;15.03.2024;C5;ООО «Пятый»;A1;1;1000;500
	Р-9;20.03.2024;C3;ООО «Третий»;A1;1;12000;7000
	Р-10;12.02.2024;C6;ООО «Шестой»;A1;1;7000;4000
`;

interface ChannelMonth {
	channel: string;
	channel_key: string;
	month: string;
	spend: number;
	leads: number;
	new_leads: number;
	new_customers: number;
	cac: number | null;
	active_customers: number;
	revenue: number;
	gross_profit: number;
	roi: number | null;
	pre_history_revenue: number;
	pre_history_gross_profit: number;
	cohort_gross_profit_to_date: number | null;
	payback_months: number | null;
}

let fixture: MartFixture;
let unpassed: string[];
let checked = 0;
const MODELS = ['channel_performance', 'int_customer_orders', 'int_customer_acquisition', 'int_customer_months', 'int_deal_leads', 'int_channel_keys'];
let rows: Map<string, ChannelMonth>;
const at = (key: string, month: string) => {
	const row = rows.get(`${key}|${month}`);
	if (!row) throw new Error(`no channel_performance row for ${key} ${month}`);
	return row;
};

beforeAll(async () => {
	fixture = await martFixture();
	await fixture.ingest({
		'контрагенты.csv': counterparties,
		'сделки.csv': deals,
		'маркетинг_расходы.csv': spend,
		'реализация.csv': sales
	});
	const build = await fixture.build(['+channel_performance', '+cohorts']);
	const ours = build.tests.filter((t) => MODELS.includes(t.model));
	checked = ours.length;
	unpassed = ours.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.status}`);
	const all = await fixture.query<ChannelMonth>('select * from marts.channel_performance order by channel_key, month');
	rows = new Map(all.map((row) => [`${row.channel_key}|${row.month}`, row]));
});

afterAll(() => fixture?.close());

describe('channel_performance', () => {
	it('passes every YAML test of its models', () => {
		expect(checked).toBeGreaterThan(20);
		expect(unpassed).toEqual([]);
	});

	it('matches channel names across exports case- and space-insensitively: 3 channels × 3 months', () => {
		// « яндекс  директ», «Яндекс Директ», «ЯНДЕКС ДИРЕКТ» → one key; «ВЫСТАВКИ» = «Выставки»; C5 has no source → Не указан.
		expect(rows.size).toBe(9);
		expect([...new Set([...rows.values()].map((r) => `${r.channel_key}=${r.channel}`))].sort()).toEqual([
			'выставки=Выставки',
			'не указан=Не указан',
			'яндекс директ=Яндекс Директ'
		]);
	});

	it('Яндекс Директ, January: CAC 15,000, ROI −0.8333, paid back in month 2', () => {
		// New: C1 (first order 10.01), C2 (25.01) → 2; CAC 30,000 / 2 = 15,000.
		// Revenue 10,000 + 5,000 = 15,000; GP 4,000 + 1,000 = 5,000; ROI (5,000 − 30,000) / 30,000 = −0.8333.
		// Cohort GP: month 0 5,000; month 1 + C1 8,000 = 13,000; month 2 + C1 17,000 = 30,000 ≥ 30,000 → payback 2.
		expect(at('яндекс директ', '2024-01-01')).toMatchObject({
			spend: 30000, leads: 2, new_leads: 2, new_customers: 2, cac: 15000, active_customers: 2,
			revenue: 15000, gross_profit: 5000, roi: -0.8333, cohort_gross_profit_to_date: 30000, payback_months: 2
		});
	});

	it('Яндекс Директ, February: earlier customers count in revenue, the cohort has not paid back', () => {
		// New: C3 → 1; CAC 20,000. C6 also orders first on 12.02, but was in the CRM since 2023-12-01, before
		// the first sale: won before the history, so not new, and its 7,000 (GP 3,000) is pre-history, out of ROI.
		// Leads D3, D7 → 2; new leads D3 only → 1.
		// Revenue C1 20,000 + C3 8,000 = 28,000; GP 8,000 + 3,000 = 11,000;
		// ROI (11,000 − 20,000) / 20,000 = −0.45. Cohort (C3): 3,000 + 5,000 = 8,000 < 20,000 → payback null.
		expect(at('яндекс директ', '2024-02-01')).toMatchObject({
			spend: 20000, leads: 2, new_leads: 1, new_customers: 1, cac: 20000, active_customers: 2,
			revenue: 28000, gross_profit: 11000, roi: -0.45, pre_history_revenue: 7000, pre_history_gross_profit: 3000,
			cohort_gross_profit_to_date: 8000, payback_months: null
		});
	});

	it('Яндекс Директ, March: no new customers, no CAC, positive ROI', () => {
		// Revenue C1 30,000 + C3 12,000 = 42,000; GP 17,000 + 5,000 = 22,000; ROI (22,000 − 10,000) / 10,000 = 1.2.
		// Lead D8 is C1's second deal: 1 lead, 0 new.
		expect(at('яндекс директ', '2024-03-01')).toMatchObject({
			spend: 10000, leads: 1, new_leads: 0, new_customers: 0, cac: null, active_customers: 2,
			revenue: 42000, gross_profit: 22000, roi: 1.2, cohort_gross_profit_to_date: null, payback_months: null
		});
	});

	it('Выставки: spend only in February, paid back a month later', () => {
		// January: nothing → zeros, no CAC, no ROI.
		expect(at('выставки', '2024-01-01')).toMatchObject({ spend: 0, leads: 0, new_customers: 0, cac: null, revenue: 0, gross_profit: 0, roi: null });
		// February: new C4 → CAC 50,000 / 1 = 50,000; revenue 100,000, GP 30,000; ROI (30,000 − 50,000) / 50,000 = −0.4.
		// Cohort GP: month 0 30,000; month 1 + 20,000 = 50,000 ≥ 50,000 → payback 1.
		expect(at('выставки', '2024-02-01')).toMatchObject({
			spend: 50000, leads: 2, new_leads: 2, new_customers: 1, cac: 50000, revenue: 100000, gross_profit: 30000, roi: -0.4,
			cohort_gross_profit_to_date: 50000, payback_months: 1
		});
		// March: no spend (ROI null), one lead (D6), C4 buys 50,000 with GP 20,000.
		expect(at('выставки', '2024-03-01')).toMatchObject({ spend: 0, leads: 1, new_customers: 0, revenue: 50000, gross_profit: 20000, roi: null, payback_months: null });
	});

	it('a customer with no source is a free customer of «Не указан»: CAC 0, no ROI', () => {
		// C5: first order 15.03 for 1,000 with GP 500; no spend → CAC 0 / 1 = 0, ROI undefined.
		expect(at('не указан', '2024-03-01')).toMatchObject({ spend: 0, new_customers: 1, cac: 0, revenue: 1000, gross_profit: 500, roi: null, payback_months: null });
	});

	it('leaves the customer won before the history out of the cohorts', async () => {
		// First orders: C1 10.01, C2 25.01 → January 2; C3 15.02, C4 20.02 (C6 12.02 is pre-history) → February 2; C5 → March 1.
		const sizes = await fixture.query('select acquisition_month, cohort_size from marts.cohorts where month_offset = 0 order by 1');
		expect(sizes).toEqual([
			{ acquisition_month: '2024-01-01', cohort_size: 2 },
			{ acquisition_month: '2024-02-01', cohort_size: 2 },
			{ acquisition_month: '2024-03-01', cohort_size: 1 }
		]);
	});

	it('adds up: spend 110,000, 8 leads of which 6 new, 5 new customers, every sale once', () => {
		// Spend 30,000 + 20,000 + 10,000 + 50,000 = 110,000; new customers C1..C5 (not C6);
		// revenue: the nine lines of C1..C5; pre-history revenue: C6's 7,000.
		const all = [...rows.values()];
		const total = (key: keyof ChannelMonth) => all.reduce((sum, r) => sum + Number(r[key]), 0);
		expect(total('spend')).toBe(110000);
		expect(total('leads')).toBe(8);
		expect(total('new_leads')).toBe(6);
		expect(total('new_customers')).toBe(5);
		expect(total('revenue')).toBe(10000 + 5000 + 20000 + 8000 + 100000 + 50000 + 30000 + 1000 + 12000);
		expect(total('pre_history_revenue')).toBe(7000);
	});
});
