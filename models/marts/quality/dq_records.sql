-- One row per source record (counterparty record or contact person) and problem found on
-- it: missing or invalid INN/OGRN/EDRPOU, a value in the wrong column, an invalid phone or
-- e-mail, no way to reach the client, a thin one-off card, a duplicate contact — with the
-- offending value and what to fix. This is the list the data-quality page shows.
with

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

keys as (

    select * from {{ ref('int_identity_keys') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

dim_contact as (

    select * from {{ ref('dim_contact') }}

),

customers as (

    select * from {{ ref('dim_customer') }}

),

owners as (

    select record_id as owner_id, 'counterparty' as record_type, source, source_key, customer_id, record_name
    from customer_records
    union all
    select 'contact:' || contacts.contact_id, 'contact', 'crm_contact', contacts.contact_id, merged.customer_id, contacts.contact_name
    from contacts
    inner join (select customer_id, unnest(source_contact_ids) as contact_id from dim_contact) as merged
        on contacts.contact_id = merged.contact_id
    where contacts.counterparty_id is not null

),

key_problems as (

    select owner_id, problem, source_field as field, raw_value as offending_value
    from keys
    where problem is not null

    union all

    select owner_id, 'shared_identifier', source_field, raw_value
    from keys
    where owner_type = 'record'
        and is_valid
        and key_type in ('phone', 'email', 'name')
        and records_with_value > {{ var('identity_max_records_per_key') }}

),

record_problems as (

    -- the value shown is the INN other exports (1C, invoices) give for the same code, if any
    -- (a company a deal names gets its INN on its card, not on the deal)
    select record_id as owner_id, 'missing_inn' as problem, 'inn' as field, case when inn_source = 'other_exports' then inn end as offending_value
    from customer_records
    where record_kind = 'company'
        and (inn is null or inn_source = 'other_exports')
        and ogrn is null and edrpou is null
        and source <> 'deal'

    union all

    -- a deal names a company or contact that no exported card matches
    select record_id, 'deal_name_without_card', 'name', coalesce(record_name, source_key)
    from customer_records
    where source = 'deal'
        and cluster_size = 1

    union all

    select record_id, 'missing_contact', 'phone', null
    from customer_records
    where source in ('crm', 'crm_contact')
        and phone_raw is null and phone_2_raw is null and email_raw is null

    union all

    select record_id, 'missing_name', 'name', null
    from customer_records
    where record_name is null
        and record_kind <> 'anonymous'

    union all

    select record_id, 'missing_customer', 'name', mention_lines::varchar || ' lines'
    from customer_records
    where record_kind = 'anonymous'

    union all

    select customer_records.record_id, 'thin_one_off', 'name', customer_records.record_name
    from customer_records
    inner join customers
        on customer_records.customer_id = customers.customer_id
    where customers.dead_soul_reason = 'thin_one_off'

),

contact_values as (

    select contact_id, customer_id, contact_name, unnest(phones || emails) as value
    from dim_contact

),

shared_contact_values as (

    select
        value,
        count(*) as contacts,
        left(string_agg(distinct contact_name, ', ' order by contact_name), 200) as contact_names
    from contact_values
    group by value
    having count(*) > 1

),

-- Another contact person (another name, or another customer) with the same phone or e-mail.
duplicate_contacts as (

    select
        'contact:' || contact_values.contact_id as owner_id,
        case
            when shared_contact_values.contacts > {{ var('identity_max_records_per_key') }} then 'shared_identifier'
            else 'duplicate_contact'
        end as problem,
        case when contact_values.value like '%@%' then 'email' else 'phone' end as field,
        contact_values.value || ' = ' || shared_contact_values.contact_names as offending_value
    from contact_values
    inner join shared_contact_values
        on contact_values.value = shared_contact_values.value

),

problems as (

    select * from key_problems
    union all
    select * from record_problems
    union all
    select * from duplicate_contacts

),

fixes as (

    select *
    from (values
        ('missing_inn', 'Add the INN (OGRN, EDRPOU) of the company in the CRM or 1C.', 'Укажите ИНН (ОГРН, ЕДРПОУ) компании в CRM или 1С.'),
        ('invalid_inn_checksum', 'The INN check digit does not match: correct the typo.', 'Контрольная цифра ИНН не сходится: исправьте опечатку.'),
        ('invalid_inn_length', 'An INN has 10 digits (company) or 12 (person, sole trader).', 'ИНН состоит из 10 цифр (организация) или 12 (ИП, физлицо).'),
        ('invalid_ogrn_checksum', 'The OGRN check digit does not match: correct the typo.', 'Контрольная цифра ОГРН не сходится: исправьте опечатку.'),
        ('invalid_ogrn_length', 'An OGRN has 13 digits, an OGRNIP 15.', 'ОГРН состоит из 13 цифр, ОГРНИП — из 15.'),
        ('invalid_edrpou_checksum', 'The EDRPOU check digit does not match: correct the typo.', 'Контрольная цифра ЕДРПОУ не сходится: исправьте опечатку.'),
        ('invalid_edrpou_length', 'An EDRPOU code has 8 digits (10 for a person''s tax number).', 'Код ЕДРПОУ состоит из 8 цифр (РНОКПП физлица — из 10).'),
        ('email_in_phone', 'An e-mail was typed into the phone column: move it to E-mail.', 'В поле телефона записан e-mail: перенесите его в поле E-mail.'),
        ('phone_in_email', 'A phone number was typed into the e-mail column: move it to Phone.', 'В поле e-mail записан телефон: перенесите его в поле Телефон.'),
        ('local_phone_without_area_code', 'A local number on a record of another city than the default area code''s: add the area code.', 'Местный номер у клиента из другого города: допишите код города.'),
        ('invalid_phone', 'The phone cannot be read as a number: check the digits and the area code.', 'Телефон не распознан: проверьте цифры и код города.'),
        ('invalid_email', 'The e-mail is not a valid address: correct it.', 'E-mail записан с ошибкой: исправьте адрес.'),
        ('placeholder_email', 'A placeholder instead of an e-mail: enter the real address or leave it empty.', 'Вместо e-mail заглушка: укажите настоящий адрес или оставьте поле пустым.'),
        ('missing_contact', 'No phone or e-mail: add a way to reach the client.', 'Нет ни телефона, ни e-mail: добавьте контакт клиента.'),
        ('missing_name', 'The record has no name: fill it in.', 'У записи нет наименования: заполните его.'),
        ('missing_customer', 'Sales lines without a customer code, INN or name: fill in the buyer in 1C.', 'Строки продаж без кода, ИНН и наименования покупателя: укажите покупателя в 1С.'),
        ('deal_name_without_card', 'Deals name a company or contact that no exported card matches: load the companies and contacts export, or correct the name on the deal.', 'Сделки называют компанию или контакт, которых нет ни в одной выгруженной карточке: загрузите выгрузку компаний и контактов или исправьте название в сделке.'),
        ('shared_identifier', 'This value is on too many records to identify a client (a switchboard, a shared mailbox): replace it with the client''s own.', 'Это значение стоит у слишком многих записей (общий номер, общий ящик): укажите собственный контакт клиента.'),
        ('thin_one_off', 'A one-off card with no INN, one contact at most and no purchase: complete it or delete it.', 'Разовая карточка без ИНН, с одним контактом и без покупок: дополните или удалите её.'),
        ('duplicate_contact', 'Another contact person has the same phone or e-mail: merge the cards or correct the value.', 'У другого контактного лица тот же телефон или e-mail: объедините карточки или исправьте значение.')
    ) as fixes (problem, how_to_fix, how_to_fix_ru)

),

final as (

    select distinct
        problems.owner_id as record_id,
        owners.record_type,
        owners.source,
        owners.source_key,
        owners.customer_id,
        owners.record_name,
        problems.problem,
        problems.field,
        problems.offending_value,
        fixes.how_to_fix,
        fixes.how_to_fix_ru
    from problems
    inner join owners
        on problems.owner_id = owners.owner_id
    left join fixes
        on problems.problem = fixes.problem

)

select * from final
