-- One row per identifier written on a counterparty record or a contact person: INN,
-- OGRN(IP), EDRPOU with check digits verified, phones in E.164 (local numbers completed
-- with the configured country and area code), e-mails, and the name-in-city key records
-- are merged on. Values in the wrong column are moved to the right kind and flagged.
{% macro weighted(digits, weights) -%}
list_sum(list_transform(range(1, {{ weights | length }} + 1), lambda i: {{ digits }}[i] * {{ weights | dump }}[i]))
{%- endmacro %}
with

records as (

    select * from {{ ref('int_counterparty_records') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

-- How national numbers of the configured country are written.
dialling as (

    select *
    from (values
        ('RU', '7', 10, '8'),
        ('KZ', '7', 10, '8'),
        ('UA', '380', 9, '0'),
        ('BY', '375', 9, '80')
    ) as plans (country, calling_code, national_length, trunk_prefix)
    where country = upper('{{ var("default_country") }}')

),

owners as (

    select
        record_id as owner_id,
        'record' as owner_type,
        record_id,
        record_kind,
        inn,
        ogrn,
        edrpou,
        phone_raw,
        phone_2_raw,
        email_raw,
        name_key,
        city_key,
        birthday,
        delivery_address
    from records

    union all

    -- contact persons of a company: their phones and e-mails feed dim_contact, not merges
    select
        'contact:' || contacts.contact_id,
        'contact',
        codes.record_id,
        'person',
        null,
        null,
        null,
        contacts.phone_raw,
        contacts.phone_2_raw,
        contacts.email_raw,
        null,
        company.city_key,
        contacts.birthday,
        null
    from contacts
    inner join codes
        on contacts.counterparty_id = codes.code
    left join records as company
        on codes.record_id = company.record_id

),

-- ============ legal identifiers ============

legal_values as (

    select owner_id, owner_type, record_id, 'inn' as source_field, inn as raw_value from owners where inn is not null
    union all
    select owner_id, owner_type, record_id, 'ogrn', ogrn from owners where ogrn is not null
    union all
    select owner_id, owner_type, record_id, 'edrpou', edrpou from owners where edrpou is not null

),

legal_typed as (

    select
        *,
        -- "ИНН/КПП" in one cell: the INN is the first 10 (or 12) of 19 (or 21) digits
        case length(raw_value) when 19 then left(raw_value, 10) when 21 then left(raw_value, 12) else raw_value end as value
    from legal_values

),

legal_checked as (

    select
        owner_id,
        owner_type,
        record_id,
        source_field,
        raw_value,
        case length(value)
            when 8 then 'edrpou'
            when 10 then 'inn'
            when 12 then 'inn'
            when 13 then 'ogrn'
            when 15 then 'ogrn'
        end as key_type,
        value as key_value,
        case
            -- RU INN of an organisation: (Σ dᵢ·wᵢ mod 11) mod 10 = d₁₀; a UA РНОКПП (10 digits) has its own weights
            when length(value) = 10 and (source_field = 'edrpou' or upper('{{ var("default_country") }}') = 'UA')
                then ({{ weighted('d', [-1, 5, 7, 9, 4, 6, 10, 5, 7]) }} % 11 + 11) % 11 % 10 = d[10]
            when length(value) = 10
                then {{ weighted('d', [2, 4, 10, 3, 5, 9, 4, 6, 8]) }} % 11 % 10 = d[10]
            -- RU INN of a person or sole trader: two check digits
            when length(value) = 12
                then {{ weighted('d', [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) }} % 11 % 10 = d[11]
                    and {{ weighted('d', [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) }} % 11 % 10 = d[12]
            -- OGRN: the first 12 digits mod 11, mod 10; OGRNIP: the first 14 mod 13, mod 10
            when length(value) = 13 then left(value, 12)::bigint % 11 % 10 = d[13]
            when length(value) = 15 then left(value, 14)::bigint % 13 % 10 = d[15]
            -- EDRPOU: weights 1..7 (7,1..6 for codes between 30 and 60 million); a sum of 10 mod 11 retries with weights + 2
            when length(value) = 8 then (
                case
                    when {{ weighted('d', [1, 2, 3, 4, 5, 6, 7]) }} % 11 < 10 and not (value::integer between 30000000 and 60000000)
                        then {{ weighted('d', [1, 2, 3, 4, 5, 6, 7]) }} % 11
                    when not (value::integer between 30000000 and 60000000)
                        then {{ weighted('d', [3, 4, 5, 6, 7, 8, 9]) }} % 11 % 10
                    when {{ weighted('d', [7, 1, 2, 3, 4, 5, 6]) }} % 11 < 10
                        then {{ weighted('d', [7, 1, 2, 3, 4, 5, 6]) }} % 11
                    else {{ weighted('d', [9, 3, 4, 5, 6, 7, 8]) }} % 11 % 10
                end
            ) = d[8]
            else false
        end as is_valid
    from (
        select *, list_transform(string_split(value, ''), lambda c: c::integer) as d
        from legal_typed
    )

),

legal_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        coalesce(key_type, source_field) as key_type,
        key_value,
        raw_value,
        source_field,
        is_valid,
        case
            when key_type is null then 'invalid_' || source_field || '_length'
            when not is_valid then 'invalid_' || key_type || '_checksum'
        end as problem
    from legal_checked

),

-- ============ phones and e-mails ============

contact_values as (

    select owner_id, owner_type, record_id, city_key, 'phone' as source_field, trim(unnest(string_split_regex(phone_raw, '[,;]+'))) as raw_value
    from owners where phone_raw is not null
    union all
    select owner_id, owner_type, record_id, city_key, 'phone_2', trim(unnest(string_split_regex(phone_2_raw, '[,;]+')))
    from owners where phone_2_raw is not null
    union all
    select owner_id, owner_type, record_id, city_key, 'email', trim(unnest(string_split_regex(email_raw, '[,;\s]+')))
    from owners where email_raw is not null

),

-- An e-mail typed into a phone column is an e-mail; a number in the e-mail column is a phone.
contact_kinds as (

    select
        *,
        case
            when raw_value like '%@%' then 'email'
            when source_field = 'email' and length(regexp_replace(raw_value, '\D', '', 'g')) >= 7 then 'phone'
            when source_field = 'email' then 'email'
            when regexp_matches(raw_value, '\d') then 'phone'
        end as value_kind
    from contact_values
    where raw_value <> ''

),

phone_parts as (

    select
        contact_kinds.*,
        dialling.calling_code as cc,
        dialling.national_length as nsn,
        dialling.trunk_prefix as trunk,
        -- the default area code completes local numbers of its own city (or of records with no city)
        case
            when contact_kinds.city_key is null
                or contact_kinds.city_key = trim(regexp_replace(replace(lower('{{ var("default_city", "") }}'), 'ё', 'е'), '[^\p{L}\p{N}]+', ' ', 'g'))
                or '{{ var("default_city", "") }}' = ''
                then regexp_replace('{{ var("default_area_code") }}', '\D', '', 'g')
            else ''
        end as area,
        regexp_matches(raw_value, '^\s*\+') as has_plus,
        -- an extension ("доб. 123") is not part of the number
        regexp_replace(regexp_replace(raw_value, '(?i)\s*(доб|ext|вн|x)\.?\s*\d{1,5}\s*$', ''), '\D', '', 'g') as d
    from contact_kinds
    left join dialling
        on true
    where value_kind = 'phone'

),

phone_e164 as (

    select
        *,
        case
            -- "+8 812 …" is a common slip for +7
            when has_plus and cc = '7' and length(d) = 11 and starts_with(d, '8') then '+7' || right(d, 10)
            when has_plus then '+' || d
            when d like '00%' and length(d) > 10 then '+' || substr(d, 3)
            when cc = '7' and length(d) = 11 and left(d, 1) in ('7', '8') then '+7' || right(d, 10)
            when cc in ('380', '375') and length(d) = 12 and starts_with(d, cc) then '+' || d
            when cc = '380' and length(d) = 11 and starts_with(d, '80') then '+3' || d
            -- the neighbour's national format, which cannot be the default country's:
            -- "068 119-84-45" (UA, trunk 0) in a RU export, "8 921 …" (RU) in a UA one
            when cc <> '380' and length(d) = 10 and starts_with(d, '0') then '+38' || d
            when cc = '380' and length(d) = 11 and regexp_matches(d, '^[78][1-9]') then '+7' || right(d, 10)
            when length(d) = nsn + length(trunk) and starts_with(d, trunk) then '+' || cc || substr(d, length(trunk) + 1)
            when length(d) = nsn then '+' || cc || d
            -- "555-12-34" in a city whose area code is configured
            when area <> '' and length(d) = nsn - length(area) then '+' || cc || area || d
        end as e164
    from phone_parts

),

phone_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'phone' as key_type,
        case when is_valid then e164 end as key_value,
        raw_value,
        source_field,
        is_valid,
        case
            when not is_valid and area = '' and length(d) between 5 and 7 then 'local_phone_without_area_code'
            when not is_valid then 'invalid_phone'
            when source_field = 'email' then 'phone_in_email'
        end as problem
    from (
        select
            *,
            coalesce(
                length(e164) between 9 and 16
                -- the same digit over and over is a placeholder, not a number
                and length(replace(substr(e164, 2), substr(e164, 2, 1), '')) > 0
                and case
                    when e164 like '+7%' then length(e164) = 12 and substr(e164, 3, 1) between '3' and '9'
                    when e164 like '+380%' then length(e164) = 13 and substr(e164, 5, 1) <> '0'
                    when e164 like '+375%' then length(e164) = 13
                    else true
                end,
                false
            ) as is_valid
        from phone_e164
    )

),

email_parts as (

    select
        *,
        lower(regexp_replace(raw_value, '(?i)^mailto:', '')) as email
    from contact_kinds
    where value_kind = 'email'

),

email_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'email' as key_type,
        case when is_valid and not is_placeholder then email end as key_value,
        raw_value,
        source_field,
        is_valid and not is_placeholder as is_valid,
        case
            when not is_valid then 'invalid_email'
            when is_placeholder then 'placeholder_email'
            when source_field <> 'email' then 'email_in_phone'
        end as problem
    from (
        select
            *,
            regexp_full_match(email, '[\p{L}0-9._%+\-]+@([\p{L}0-9\-]+\.)+\p{L}{2,}') as is_valid,
            -- (mail@, info@, zakaz@ are real mailboxes of a firm, not placeholders)
            regexp_full_match(split_part(email, '@', 1), '(no|none|nomail|noemail|no-email|no_email|noreply|no-reply|donotreply|test\d*|нет|null|na|n/a|empty|unknown|example|x+|0+|1+|-+|a+|asd+|qwe\w*)')
                or split_part(email, '@', 2) in ('example.com', 'example.org', 'example.ru', 'test.com', 'test.ru', 'mail.test', 'domain.com', 'email.com', 'nomail.ru', 'noemail.com', 'none.ru', 'no.ru')
                as is_placeholder
        from email_parts
    )

),

-- ============ names ============

-- A record without a city matches the records of the same name when they all lie in one city.
name_owners as (

    select *
    from owners
    where owner_type = 'record'
        and name_key is not null
        and record_kind in ('company', 'person')

),

single_city_names as (

    select
        name_key,
        record_kind,
        min(city_key) as only_city_of_name
    from name_owners
    group by all
    having min(city_key) = max(city_key)

),

name_cities as (

    select
        name_owners.*,
        single_city_names.only_city_of_name
    from name_owners
    left join single_city_names
        on name_owners.name_key = single_city_names.name_key
        and name_owners.record_kind = single_city_names.record_kind

),

name_keys as (

    select
        owner_id,
        owner_type,
        record_id,
        'name' as key_type,
        case
            when record_kind = 'company' then name_key || ' @ ' || coalesce(city_key, only_city_of_name, '')
            -- a private person's name merges only in the same city and with the same birthday or address
            when city_key is not null and birthday is not null then name_key || ' @ ' || city_key || ' # ' || birthday::varchar
            when city_key is not null and delivery_address is not null
                then name_key || ' @ ' || city_key || ' # ' || trim(regexp_replace(lower(delivery_address), '[^\p{L}\p{N}]+', ' ', 'g'))
        end as key_value,
        name_key as raw_value,
        'name' as source_field,
        true as is_valid,
        null as problem
    from name_cities

),

-- ============ who paid whose invoice ============

-- A bank payer (by INN or name) that pays the invoices of one customer record is a legal
-- entity of that customer — the way private buyers paying by SBP ("Нина Григорьевна Т.")
-- are found at all. The key is the payer record; int_identity_links uses it only when
-- the payer paid the invoices of exactly one record (a factoring firm paying for many
-- customers must not chain them together).
paid_invoices as (

    select distinct
        payer.record_id as payer_record_id,
        invoiced.record_id as invoiced_record_id,
        bank_payments.invoice_no
    from bank_payments
    inner join invoices
        on bank_payments.invoice_no = invoices.invoice_no
    inner join mentions as invoiced
        on invoiced.source = 'invoice'
        and invoices.counterparty_id is not distinct from invoiced.code
        and invoices.customer_inn is not distinct from invoiced.inn
        and invoices.customer_name is not distinct from invoiced.raw_name
    inner join mentions as payer
        on payer.source = 'payment'
        and bank_payments.payer_inn is not distinct from payer.inn
        and bank_payments.payer_name is not distinct from payer.raw_name
    where bank_payments.direction = 'incoming'

),

payer_keys as (

    select
        record_id as owner_id,
        'record' as owner_type,
        record_id,
        'paid_invoice' as key_type,
        payer_record_id as key_value,
        min(invoice_no) as raw_value,
        'invoice_no' as source_field,
        true as is_valid,
        null as problem
    from (
        select payer_record_id as record_id, payer_record_id, invoice_no from paid_invoices
        union all
        select invoiced_record_id, payer_record_id, invoice_no from paid_invoices
    )
    group by record_id, payer_record_id

),

unioned as (

    select * from legal_keys
    union all
    select * from payer_keys
    union all
    select * from phone_keys
    union all
    select * from email_keys
    union all
    select * from name_keys where key_value is not null

),

-- How many records (not contact persons) carry each key: a value on very many is not a
-- merge signal. (A grouped count joined back: a windowed count(distinct) is far slower.)
key_counts as (

    select
        key_type,
        key_value,
        count(distinct record_id) as records_with_value
    from unioned
    where owner_type = 'record'
        and key_value is not null
    group by all

),

final as (

    select
        unioned.owner_id,
        unioned.owner_type,
        unioned.record_id,
        unioned.key_type,
        unioned.key_value,
        unioned.raw_value,
        unioned.source_field,
        unioned.is_valid,
        unioned.problem,
        case when unioned.key_value is not null then coalesce(key_counts.records_with_value, 0) end as records_with_value
    from unioned
    left join key_counts
        on unioned.key_type = key_counts.key_type
        and unioned.key_value = key_counts.key_value

)

select * from final
