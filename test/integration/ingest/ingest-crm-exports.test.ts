// Real CRM exports, each in the exact layout its system writes (test/fixtures/exports/crm,
// README there names where each layout comes from), load as the right entity with no
// --source. Every count and sum below is worked out by hand from the fixture's rows.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../../src/lib/server/ingest/index.ts';
import { martFixture, repoRoot, type MartFixture } from '../../helpers/mart-fixture.ts';

const exportsDir = path.join(repoRoot, 'test/fixtures/exports/crm');

interface Expected {
	family: string;
	entity: string;
	read: number;
	loaded: number;
	rejected: number;
	encoding: string;
	delimiter: string;
}

const LAYOUTS: Record<string, Expected> = {
	'amocrm/leads.xlsx': { family: 'crm', entity: 'deals', read: 5, loaded: 5, rejected: 0, encoding: 'utf-8', delimiter: ',' },
	'amocrm/contacts.csv': { family: 'crm', entity: 'contacts', read: 4, loaded: 4, rejected: 0, encoding: 'utf-8-bom', delimiter: ';' },
	'amocrm/companies.csv': { family: 'crm', entity: 'counterparties', read: 3, loaded: 3, rejected: 0, encoding: 'utf-8-bom', delimiter: ';' },
	'bitrix24/deals.csv': { family: 'crm', entity: 'deals', read: 5, loaded: 5, rejected: 0, encoding: 'windows-1251', delimiter: ';' },
	'bitrix24/leads.csv': { family: 'crm', entity: 'deals', read: 4, loaded: 4, rejected: 0, encoding: 'windows-1251', delimiter: ';' },
	'bitrix24/contacts.csv': { family: 'crm', entity: 'contacts', read: 3, loaded: 3, rejected: 0, encoding: 'windows-1251', delimiter: ';' },
	'bitrix24/companies.csv': { family: 'crm', entity: 'counterparties', read: 3, loaded: 3, rejected: 0, encoding: 'windows-1251', delimiter: ';' },
	'bitrix24-ua/deals.csv': { family: 'crm', entity: 'deals', read: 4, loaded: 4, rejected: 0, encoding: 'windows-1251', delimiter: ';' },
	'retailcrm/orders.csv': { family: 'crm', entity: 'deals', read: 4, loaded: 4, rejected: 0, encoding: 'utf-8', delimiter: ';' },
	'retailcrm/customers.csv': { family: 'crm', entity: 'contacts', read: 3, loaded: 3, rejected: 0, encoding: 'utf-8', delimiter: ';' },
	'moysklad/counterparties.xlsx': { family: 'crm', entity: 'counterparties', read: 3, loaded: 3, rejected: 0, encoding: 'utf-8', delimiter: ',' },
	'moysklad/products.xlsx': { family: 'stock', entity: 'skus', read: 3, loaded: 3, rejected: 0, encoding: 'utf-8', delimiter: ',' }
};

let fixture: MartFixture;
const results = new Map<string, FileResult>();

beforeAll(async () => {
	fixture = await martFixture();
	const files = Object.keys(LAYOUTS);
	const loaded = await fixture.ingestPaths(files.map((f) => path.join(exportsDir, f)));
	files.forEach((f, i) => results.set(f, loaded[i]));
	await fixture.build(['stg_crm__deals', 'stg_crm__contacts', 'stg_crm__counterparties']);
}, 120_000);

afterAll(() => fixture?.close());

/** Deals of one export (ids below are unique across the fixtures). */
const dealsOf = (ids: string[]) => `(${ids.map((id) => `'${id}'`).join(', ')})`;

describe('each CRM export loads as its entity with no --source', () => {
	for (const [file, expected] of Object.entries(LAYOUTS)) {
		it(file, () => {
			const result = results.get(file)!;
			expect(result.message).toBeUndefined();
			expect(result).toMatchObject({ status: 'loaded', family: expected.family, entity: expected.entity, read: expected.read, loaded: expected.loaded, rejected: expected.rejected });
			expect(result.dialect).toMatchObject({ encoding: expected.encoding, delimiter: expected.delimiter });
		});
	}
});

describe('amoCRM', () => {
	it('deals: budget 150000 + 48500.50 + 0 + (none) + 99000 = 297500.50; «не закрыта» is no close date', async () => {
		const rows = await fixture.query(
			`select deal_id, amount, stage, pipeline, closed_at::varchar as closed_at, company_name, contact_name, contact_phone
			 from raw.crm_deals where deal_id in ${dealsOf(['24301', '24302', '24303', '24304', '24305'])} order by deal_id`
		);
		expect(rows.reduce((s, r) => s + Number(r.amount ?? 0), 0)).toBeCloseTo(297500.5, 2);
		expect(rows.map((r) => [r.deal_id, r.closed_at])).toEqual([
			['24301', '2024-01-22 16:40:00'],
			['24302', '2024-01-30 12:00:00'],
			['24303', null],
			['24304', null],
			['24305', '2024-03-18 10:00:00']
		]);
		// the contact's two phones stay in one cell, as amoCRM writes them
		expect(rows[2]).toMatchObject({ stage: 'Переговоры', pipeline: 'Оптовые продажи', contact_name: 'Ольга Гамма', contact_phone: '+7 903 111-22-33, +7 903 444-55-66' });
		const status = await fixture.query(`select deal_id, deal_status from staging.stg_crm__deals where deal_id in ${dealsOf(['24301', '24302', '24303', '24304', '24305'])} order by 1`);
		expect(status.map((r) => r.deal_status)).toEqual(['won', 'lost', 'open', 'open', 'won']);
	});

	it('contacts: a card without a name is named by its phone; e-mail lower-cased', async () => {
		const rows = await fixture.query(
			`select contact_id, contact_name, company_name, contact_role, email_raw, birthday::varchar as birthday
			 from staging.stg_crm__contacts where contact_id in ('1001', '1002', '1003', '1004') order by 1`
		);
		expect(rows).toEqual([
			{ contact_id: '1001', contact_name: 'Сергей Петров', company_name: 'ООО «Альфа-Пак»', contact_role: 'Закупщик', email_raw: 'petrov@alfapak.ru', birthday: '1985-04-12' },
			{ contact_id: '1002', contact_name: 'Андрей Бетов', company_name: 'ИП Бетов А.В.', contact_role: 'Директор', email_raw: 'a.betov@mail.ru', birthday: null },
			{ contact_id: '1003', contact_name: 'Ольга Гамма', company_name: null, contact_role: null, email_raw: 'olga.gamma@yandex.ru', birthday: '1990-11-03' },
			{ contact_id: '1004', contact_name: '89051112233', company_name: null, contact_role: null, email_raw: null, birthday: null }
		]);
	});

	it('companies: kind «компания», INN where the card has it', async () => {
		const rows = await fixture.query(`select counterparty_id, counterparty_name, counterparty_kind, inn from staging.stg_crm__counterparties where counterparty_id in ('501', '502', '503') order by 1`);
		expect(rows).toEqual([
			{ counterparty_id: '501', counterparty_name: 'ООО «Альфа-Пак»', counterparty_kind: 'company', inn: '7701234567' },
			{ counterparty_id: '502', counterparty_name: 'ИП Бетов А.В.', counterparty_kind: 'company', inn: '500100732259' },
			{ counterparty_id: '503', counterparty_name: 'ТОВ «Дельта Трейд»', counterparty_kind: 'company', inn: null }
		]);
	});
});

describe('Bitrix24', () => {
	it('deals (cp1251, every field quoted, «;» after the last): 250000 + 80000 + 120000.50 + 15000 = 465000.50', async () => {
		const rows = await fixture.query(
			`select deal_id, deal_amount, deal_status, currency, company_name, closed_at::varchar as closed_at
			 from staging.stg_crm__deals where deal_id in ${dealsOf(['112', '113', '114', '115', '116'])} order by deal_id`
		);
		expect(rows.reduce((s, r) => s + Number(r.deal_amount ?? 0), 0)).toBeCloseTo(465000.5, 2);
		expect(rows.map((r) => r.deal_status)).toEqual(['won', 'lost', 'open', 'open', 'lost']);
		// 114 is open: its 29.02.2024 is the planned close, not a close
		expect(rows.map((r) => r.closed_at)).toEqual(['2024-01-25 00:00:00', '2024-02-02 00:00:00', null, null, '2024-03-10 00:00:00']);
		expect(rows[0]).toMatchObject({ currency: 'Российский рубль', company_name: 'ООО "Стеллаж-Сервис"' });
		// a comment with «;» and a line break inside its quotes stays one field
		const [extra] = await fixture.query<{ comment: string }>(`select _extra->>'Комментарий' as comment from raw.crm_deals where deal_id = '114'`);
		expect(extra.comment).toBe('Клиент просит рассрочку;\nперезвонить после 15:00');
	});

	it('leads load as deals: statuses say lost («Некачественный лид») and won («Качественный лид»); 45000 + 300000', async () => {
		const rows = await fixture.query(
			`select deal_id, deal_title, stage, deal_status, deal_amount, lost_reason from staging.stg_crm__deals
			 where deal_id in ${dealsOf(['301', '302', '303', '304'])} order by deal_id`
		);
		expect(rows.reduce((s, r) => s + Number(r.deal_amount ?? 0), 0)).toBe(345000);
		expect(rows.map((r) => [r.deal_id, r.stage, r.deal_status])).toEqual([
			['301', 'Не обработан', 'open'],
			['302', 'В работе', 'open'],
			['303', 'Некачественный лид', 'lost'],
			['304', 'Качественный лид', 'won']
		]);
		expect(rows[2].lost_reason).toBe('дубль заявки 301');
	});

	it('contacts: the name composed from Фамилия Имя Отчество; several work phones in one cell', async () => {
		const rows = await fixture.query(`select contact_id, contact_name, phone_raw, email_raw from staging.stg_crm__contacts where contact_id in ('41', '42', '43') order by 1`);
		expect(rows).toEqual([
			{ contact_id: '41', contact_name: 'Кузнецов Иван Петрович', phone_raw: '+7 (495) 111-22-33, +7 (495) 111-22-34', email_raw: 'kuznetsov@stellazh.ru' },
			{ contact_id: '42', contact_name: 'Сидорова Анна', phone_raw: null, email_raw: null },
			{ contact_id: '43', contact_name: 'Петренко', phone_raw: null, email_raw: 'buh@stellazh.ru' }
		]);
	});

	it('companies: INN from the requisites column; «Тип компании» (Клиент / Поставщик) is not a legal kind', async () => {
		const rows = await fixture.query(`select counterparty_id, counterparty_name, inn, counterparty_kind from staging.stg_crm__counterparties where counterparty_id in ('7', '8', '9') order by 1`);
		expect(rows).toEqual([
			{ counterparty_id: '7', counterparty_name: 'ООО "Стеллаж-Сервис"', inn: '7712345678', counterparty_kind: 'company' },
			{ counterparty_id: '8', counterparty_name: 'ИП Соколов', inn: '780512345678', counterparty_kind: 'person' },
			{ counterparty_id: '9', counterparty_name: 'ООО "Север"', inn: '2901234567', counterparty_kind: 'company' }
		]);
	});

	it('Ukrainian interface: «Угода успішна» won, «Угода провалена» lost; 84000 + 12500 + 56000.50 = 152500.50 UAH', async () => {
		const rows = await fixture.query(
			`select deal_id, pipeline, stage, deal_status, deal_amount, currency, company_name from staging.stg_crm__deals
			 where deal_id in ${dealsOf(['501', '502', '503', '504'])} order by deal_id`
		);
		expect(rows.reduce((s, r) => s + Number(r.deal_amount ?? 0), 0)).toBeCloseTo(152500.5, 2);
		expect(rows.map((r) => r.deal_status)).toEqual(['won', 'lost', 'open', 'open']);
		expect(rows[3]).toMatchObject({ pipeline: 'Загальний', stage: 'Підготовка документів', currency: 'Гривня', company_name: 'ФОП Ґудзь І.І.' });
	});
});

describe('RetailCRM', () => {
	it('orders load as deals: «Выполнен» won, «Отменен» lost; 4 990,00 + 1 250,00 + 12 400,50 + 3 100,00 = 21740.50', async () => {
		const rows = await fixture.query(
			`select deal_id, deal_status, deal_amount, contact_name, manager, created_at::varchar as created_at from staging.stg_crm__deals
			 where deal_id in ${dealsOf(['1001A', '1002A', '1003A', '1004A'])} order by deal_id`
		);
		expect(rows.reduce((s, r) => s + Number(r.deal_amount), 0)).toBeCloseTo(21740.5, 2);
		expect(rows.map((r) => r.deal_status)).toEqual(['won', 'lost', 'open', 'open']);
		expect(rows[0]).toMatchObject({ contact_name: 'Петрова Анна Игоревна', manager: 'Васильева Ольга', created_at: '2024-03-15 12:30:00' });
		expect(rows[2].manager).toBeNull();
	});

	it('customers load as contacts (private clients) with the name composed from its parts', async () => {
		const rows = await fixture.query(`select contact_id, contact_name, counterparty_id, created_at::varchar as created_at from staging.stg_crm__contacts where contact_id in ('501', '502', '503') order by 1`);
		expect(rows).toEqual([
			{ contact_id: '501', contact_name: 'Петрова Анна Игоревна', counterparty_id: null, created_at: '2023-02-10 14:05:00' },
			{ contact_id: '502', contact_name: 'Сидоров Пётр', counterparty_id: null, created_at: '2024-03-15 09:00:00' },
			{ contact_id: '503', contact_name: '+7 900 000-00-00', counterparty_id: null, created_at: '2024-03-01 10:00:00' }
		]);
	});
});

describe('МойСклад', () => {
	it('counterparties: codes keep their leading zeros; the legal kind from «Тип контрагента»', async () => {
		const rows = await fixture.query(`select counterparty_id, counterparty_name, legal_name, counterparty_kind, inn, ogrn, manager from staging.stg_crm__counterparties where counterparty_id like '0000%' order by 1`);
		expect(rows).toEqual([
			{ counterparty_id: '00001', counterparty_name: 'Ромашка', legal_name: 'Общество с ограниченной ответственностью «Ромашка»', counterparty_kind: 'company', inn: '7705123456', ogrn: '1027700000001', manager: 'Васильева Ольга' },
			{ counterparty_id: '00002', counterparty_name: 'ИП Соколов А.А.', legal_name: null, counterparty_kind: 'company', inn: '780512345678', ogrn: '304780000000012', manager: 'Кузьмин Денис' },
			{ counterparty_id: '00003', counterparty_name: 'Петрова Анна', legal_name: null, counterparty_kind: 'person', inn: null, ogrn: null, manager: 'Васильева Ольга' }
		]);
	});

	it('products load as SKU cards: prices 45.50 + 98 + 620 = 763.50, purchase 28 + 61.20 + 410.75 = 499.95', async () => {
		const [row] = await fixture.query(`select count(*) as skus, sum(price) as price, sum(unit_cost) as cost, string_agg(sku, ',' order by sku) as skus_list from raw.stock_skus`);
		expect(row).toEqual({ skus: 3, price: 763.5, cost: 499.95, skus_list: 'BOX-403020,BOX-604040,FILM-500' });
	});
});
