// Synthetic raw exports for the identity benchmark, written straight into raw.* by SQL:
// N counterparty cards (2% planted duplicates: a respelled card with the same INN, or a
// typo with the same phone), 0.8·N contacts, sales lines naming their buyer by code, by
// INN only or by name and city only, invoices, bank payments naming the invoice, deals
// (one in ten naming its customer instead of the code) and activities. Names are drawn from a word pool, so unrelated firms share names too.
import type { Warehouse } from '../src/lib/server/warehouse/index.ts';

export interface IdentityScale {
	counterparties: number;
	salesLines: number;
}

const SYLLABLES = ['аль', 'бе', 'ви', 'гра', 'до', 'ен', 'жу', 'за', 'ил', 'ка', 'ло', 'ми', 'но', 'ор', 'пе', 'ра', 'си', 'ти', 'ун', 'фа', 'хо', 'це', 'ча', 'ше', 'эр', 'юг', 'ян', 'бор', 'вел', 'гор', 'дар', 'кам', 'лес', 'мар', 'нев', 'опт', 'пром', 'рус', 'снаб', 'тех'];
const CITIES = ['Москва', 'Санкт-Петербург', 'Новосибирск', 'Екатеринбург', 'Казань', 'Нижний Новгород', 'Челябинск', 'Самара', 'Омск', 'Ростов-на-Дону', 'Уфа', 'Красноярск', 'Воронеж', 'Пермь', 'Волгоград', 'Краснодар', 'Саратов', 'Тюмень', 'Тольятти', 'Ижевск'];
const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов'];
const FIRST = ['Иван', 'Пётр', 'Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Михаил', 'Николай', 'Олег', 'Павел'];
const PATRONYMIC = ['Иванович', 'Петрович', 'Алексеевич', 'Дмитриевич', 'Сергеевич', 'Андреевич', 'Михайлович', 'Николаевич'];
const CHANNELS = ['Яндекс Директ', 'SEO/Органика', 'Рекомендации', 'Выставки', 'Авито', 'VK Реклама'];

const list = (values: string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;

/** Macros the generator uses (temporary: they vanish with the connection). */
const MACROS = [
	`create or replace temp macro pick(l, k) as l[((k::ubigint % len(l)::ubigint) + 1)::bigint]`,
	`create or replace temp macro word(k) as pick(${list(SYLLABLES)}, k) || pick(${list(SYLLABLES)}, k // 40) || pick(${list(SYLLABLES)}, k // 1600)`,
	// a valid 10-digit INN from 9 digits: (Σ dᵢ·wᵢ mod 11) mod 10
	`create or replace temp macro inn10(n) as lpad(n::varchar, 9, '0') || (list_sum(list_transform(range(1, 10), lambda i: substr(lpad(n::varchar, 9, '0'), i, 1)::integer * [2, 4, 10, 3, 5, 9, 4, 6, 8][i])) % 11 % 10)::varchar`,
	// a card's identity is that of its "base" record: a planted duplicate points at an earlier one
	`create or replace temp macro base_of(i) as case when i % 50 = 49 then i - 17 else i end`,
	`create or replace temp macro is_company(b) as hash(b * 3) % 10 < 6`,
	`create or replace temp macro brand(b) as upper(left(word(hash(b) % 64000), 1)) || substr(word(hash(b) % 64000), 2)`,
	// surnames from the word pool too, so namesakes are as rare as in life
	`create or replace temp macro surname(b) as case when hash(b) % 4 = 0 then pick(${list(SURNAMES)}, hash(b) // 4 % 20) else upper(left(word(hash(b * 17) % 64000), 1)) || substr(word(hash(b * 17) % 64000), 2) || 'ов' end`,
	`create or replace temp macro person_name(b) as surname(b) || ' ' || pick(${list(FIRST)}, hash(b) // 20 % 10) || ' ' || pick(${list(PATRONYMIC)}, hash(b) // 200 % 8)`,
	`create or replace temp macro city_of(b) as pick(${list(CITIES)}, hash(b * 5) % 20)`,
	`create or replace temp macro inn_of(b) as inn10((b * 7919) % 1000000000)`,
	`create or replace temp macro mobile_of(b) as '9' || lpad(((b * 104729) % 1000000000)::varchar, 9, '0')`
];

export async function writeSyntheticExports(warehouse: Warehouse, scale: IdentityScale): Promise<void> {
	const n = scale.counterparties;
	const buyers = Math.floor(n * 0.6);
	await warehouse.withConnection(async (connection) => {
		for (const macro of MACROS) await connection.run(macro);
		const run = (sql: string) => connection.run(sql);
		await run(`insert into raw.crm_counterparties by name
			select
				(1000000 + i)::varchar as counterparty_id,
				case
					when not is_company(base_of(i)) then person_name(base_of(i))
					when i % 50 = 49 then brand(base_of(i)) || ', ООО'
					else 'ООО «' || brand(base_of(i)) || '»'
				end as name,
				case when is_company(base_of(i)) then 'Юрлицо' else 'Физлицо' end as kind,
				case when is_company(base_of(i)) and i % 10 <> 3 then inn_of(base_of(i)) end as inn,
				case i % 3
					when 0 then '8 (' || substr(mobile_of(base_of(i)), 1, 3) || ') ' || substr(mobile_of(base_of(i)), 4)
					when 1 then '+7 ' || mobile_of(base_of(i))
					else mobile_of(base_of(i))
				end as phone,
				case when is_company(base_of(i)) then 'info' || i || '@' || lower(word(hash(base_of(i)) % 64000)) || '.ru' else 'user' || base_of(i) || '@mail.ru' end as email,
				city_of(base_of(i)) as city,
				'ул. ' || brand(i * 11) || ', ' || (i % 120 + 1) as address,
				pick(${list(CHANNELS)}, hash(i) % 6) as source,
				'Менеджер ' || (i % 40) as manager,
				timestamp '2021-01-01' + to_days((i * 1400 // ${n})::integer) as created_at,
				i % 20 = 0 as opt_out_email,
				false as opt_out_sms,
				false as opt_out_messenger,
				1 as _file_id, i + 1 as _row_no, now()::timestamp as _loaded_at
			from range(${n}) as t(i)`);
		await run(`insert into raw.crm_contacts by name
			select
				(5000000 + j)::varchar as contact_id,
				case when j % 10 <> 0 then (1000000 + (j * 5) % ${n})::varchar end as counterparty_id,
				person_name(j * 13) as name,
				'Менеджер по закупкам' as role,
				'+7 ' || mobile_of(${n} + j) as phone,
				'c' || j || '@mail.ru' as email,
				timestamp '2021-01-01' + to_days((j * 1400 // ${Math.floor(n * 0.8)})::integer) as created_at,
				false as opt_out_email, j % 30 = 0 as opt_out_sms, false as opt_out_messenger,
				2 as _file_id, j + 1 as _row_no, now()::timestamp as _loaded_at
			from range(${Math.floor(n * 0.8)}) as t(j)`);
		// Three lines per document; the buyer by code (7 in 10 documents), by INN only (2), by name and city only (1).
		await run(`insert into raw.accounting_sales by name
			select
				'Р-' || (l // 3) as doc_no,
				l % 3 + 1 as line_no,
				date '2022-01-01' + ((l // 3) * 1095 // ${Math.ceil(scale.salesLines / 3)})::integer as date,
				case when (l // 3) % 10 < 7 then (1000000 + b)::varchar end as counterparty_id,
				case when is_company(base_of(b)) then 'ООО «' || brand(base_of(b)) || '»' else person_name(base_of(b)) end as customer_name,
				case when (l // 3) % 10 in (7, 8) and is_company(base_of(b)) then inn_of(base_of(b)) end as customer_inn,
				'SKU-' || (hash(l) % 400) as sku,
				1 + hash(l) % 5 as qty,
				(100 + hash(l) % 900)::decimal(18, 2) as amount,
				(70 + hash(l) % 600)::decimal(18, 2) as cost,
				case when (l // 3) % 10 = 9 then city_of(base_of(b)) end as city,
				3 as _file_id, l + 1 as _row_no, now()::timestamp as _loaded_at
			from (select l, hash(l // 3) % ${buyers} as b from range(${scale.salesLines}) as t(l))`);
		const invoices = Math.floor(scale.salesLines / 5);
		await run(`insert into raw.payments_invoices by name
			select
				'INV-' || k as invoice_no,
				date '2022-01-01' + (k * 1095 // ${invoices})::integer as date,
				case when k % 5 <> 0 then (1000000 + b)::varchar end as counterparty_id,
				case when is_company(base_of(b)) then 'ООО «' || brand(base_of(b)) || '»' else person_name(base_of(b)) end as customer_name,
				case when is_company(base_of(b)) then inn_of(base_of(b)) end as customer_inn,
				(1000 + hash(k) % 9000)::decimal(18, 2) as amount,
				4 as _file_id, k + 1 as _row_no, now()::timestamp as _loaded_at
			from (select k, hash(k * 7) % ${buyers} as b from range(${invoices}) as t(k))`);
		await run(`insert into raw.payments_bank_payments by name
			select
				'ПП-' || k as doc_no,
				date '2022-01-05' + (k * 1095 // ${invoices})::integer as date,
				(1000 + hash(k) % 9000)::decimal(18, 2) as amount,
				case when k % 20 = 0 then 'Списание' else 'Поступление' end as direction,
				case when is_company(base_of(b)) then 'ООО «' || brand(base_of(b)) || '»' else pick(${list(FIRST)}, hash(base_of(b)) // 20 % 10) || ' ' || pick(${list(PATRONYMIC)}, hash(base_of(b)) // 200 % 8) || ' ' || left(surname(base_of(b)), 1) || '.' end as payer_name,
				case when is_company(base_of(b)) then inn_of(base_of(b)) end as payer_inn,
				'Оплата по счету № INV-' || k || ' за товар' as purpose,
				5 as _file_id, k + 1 as _row_no, now()::timestamp as _loaded_at
			from (select k, hash(k * 7) % ${buyers} as b from range(${invoices}) as t(k))`);
		// One deal in ten names its customer instead of the code, as amoCRM and Bitrix24 export
		// deals: a company by its title in another spelling, a private client by name and phone.
		await run(`insert into raw.crm_deals by name
			select
				'D' || d as deal_id,
				1 as line_no,
				case when d % 10 <> 0 then (1000000 + c)::varchar end as counterparty_id,
				case when d % 10 = 0 and is_company(base_of(c)) then brand(base_of(c)) || ' ООО' end as company_name,
				case when d % 10 = 0 and not is_company(base_of(c)) then person_name(base_of(c)) end as contact_name,
				case when d % 10 = 0 and not is_company(base_of(c)) then '8' || mobile_of(base_of(c)) end as contact_phone,
				'Сделка ' || d as title,
				case d % 3 when 0 then 'Успешно реализовано' when 1 then 'Закрыто и не реализовано' else 'Переговоры' end as stage,
				pick(${list(CHANNELS)}, hash(d) % 6) as source,
				timestamp '2021-06-01' + to_days((d * 1400 // ${n})::integer) as created_at,
				6 as _file_id, d + 1 as _row_no, now()::timestamp as _loaded_at
			from (select d, hash(d * 3) % ${n} as c from range(${n}) as t(d))`);
		await run(`insert into raw.crm_activities by name
			select
				'A' || a as activity_id,
				case a % 3 when 0 then 'Звонок' when 1 then 'Встреча' else 'Задача' end as type,
				(1000000 + hash(a * 11) % ${n})::varchar as counterparty_id,
				timestamp '2021-06-01' + to_days((a * 1400 // ${2 * n})::integer) as created_at,
				7 as _file_id, a + 1 as _row_no, now()::timestamp as _loaded_at
			from range(${2 * n}) as t(a)`);
	});
}
