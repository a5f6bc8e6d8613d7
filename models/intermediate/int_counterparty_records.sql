-- One row per source record of a counterparty: CRM counterparty cards, private clients'
-- contact cards, codes known only from contacts/deals/sales/invoices, the customers sales
-- lines, invoices and bank payers name by INN or name alone, and the companies and contact
-- persons deals name without a code (with the contact's phone and e-mail). Identity
-- resolution merges these records into customers.
with

counterparties as (

    select * from {{ ref('stg_crm__counterparties') }}

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

name_keys as (

    select * from {{ ref('int_counterparty_name_keys') }}

),

-- What sales lines, invoices, payments and deals say about each record they point at.
mentioned as (

    select
        record_id,
        -- every arg_min/arg_max breaks ties on the value itself, so two builds agree
        arg_min(source, (case source when 'sales' then 1 when 'invoice' then 2 else 3 end, source)) as source,
        arg_min(coalesce(code, inn, raw_name, phone_raw, email_raw), (first_on, coalesce(code, inn, raw_name, phone_raw, email_raw))) as source_key,
        -- the spelling on the most lines (then the latest) speaks for the record
        regexp_replace(arg_max(raw_name, (lines, last_on, raw_name)) filter (where raw_name is not null), '\s+', ' ', 'g') as raw_name,
        arg_max(name_key, (lines, last_on, raw_name)) filter (where name_key is not null) as name_key,
        arg_max(name_kind, (lines, last_on, raw_name)) filter (where name_kind is not null) as name_kind,
        arg_max(inn, (lines, last_on, inn)) filter (where inn is not null) as inn,
        arg_max(city, (lines, last_on, city)) filter (where city is not null) as city,
        -- a deal's contact: one phone and e-mail per record (int_counterparty_mentions)
        arg_max(phone_raw, (lines, last_on, phone_raw)) filter (where phone_raw is not null) as phone_raw,
        arg_max(email_raw, (lines, last_on, email_raw)) filter (where email_raw is not null) as email_raw,
        min(first_on) as first_on,
        max(last_on) as last_on,
        sum(lines) as lines
    from mentions
    group by record_id

),

crm_records as (

    select
        'cp:' || counterparties.counterparty_id as record_id,
        'crm' as source,
        counterparties.counterparty_id as source_key,
        -- "ИП Хохлова Людмила Викторовна" of kind «Индивидуальный предприниматель» is a business
        case when name_keys.name_kind in ('company', 'sole_trader') then 'company' else counterparties.counterparty_kind end as record_kind,
        counterparties.counterparty_name as record_name,
        name_keys.name_key,
        name_keys.name_kind,
        -- 1C often knows the INN a CRM card lacks (dq_records still asks to fill it in)
        coalesce(counterparties.inn, mentioned.inn) as inn,
        case when counterparties.inn is not null then 'card' when mentioned.inn is not null then 'other_exports' end as inn_source,
        counterparties.ogrn,
        counterparties.edrpou,
        counterparties.phone_raw,
        counterparties.phone_2_raw,
        counterparties.email_raw,
        coalesce(counterparties.city, mentioned.city) as city,
        counterparties.delivery_address,
        counterparties.source_channel,
        counterparties.manager,
        counterparties.is_email_opt_out,
        counterparties.is_sms_opt_out,
        counterparties.is_messenger_opt_out,
        counterparties.birthday,
        counterparties.created_at,
        counterparties.updated_at,
        least(counterparties.created_at::date, mentioned.first_on) as first_seen_on,
        greatest(counterparties.created_at::date, mentioned.last_on) as last_seen_on,
        coalesce(mentioned.lines, 0) as mention_lines,
        counterparties.extra_attributes
    from counterparties
    left join name_keys
        on counterparties.counterparty_name = name_keys.raw_name
    left join mentioned
        on 'cp:' || counterparties.counterparty_id = mentioned.record_id

),

-- A contact without a company is a private client.
private_client_records as (

    select
        'contact:' || contacts.contact_id as record_id,
        'crm_contact' as source,
        contacts.contact_id as source_key,
        'person' as record_kind,
        contacts.contact_name as record_name,
        name_keys.name_key,
        'person' as name_kind,
        null as inn,
        null as inn_source,
        null as ogrn,
        null as edrpou,
        contacts.phone_raw,
        contacts.phone_2_raw,
        contacts.email_raw,
        mentioned.city,
        null as delivery_address,
        null as source_channel,
        null as manager,
        contacts.is_email_opt_out,
        contacts.is_sms_opt_out,
        contacts.is_messenger_opt_out,
        contacts.birthday,
        contacts.created_at,
        contacts.updated_at,
        least(contacts.created_at::date, mentioned.first_on) as first_seen_on,
        greatest(contacts.created_at::date, mentioned.last_on) as last_seen_on,
        coalesce(mentioned.lines, 0) as mention_lines,
        contacts.extra_attributes
    from contacts
    left join name_keys
        on contacts.contact_name = name_keys.raw_name
    left join mentioned
        on 'contact:' || contacts.contact_id = mentioned.record_id
    where contacts.counterparty_id is null

),

-- Codes no CRM card describes (a 1C code, a company known only through its contacts or
-- deals) and the INN- or name-only customers of sales lines, invoices, payments and deals.
other_sources as (

    select
        'cp:' || codes.code as record_id,
        codes.seen_in as source,
        codes.code as source_key,
        mentioned.raw_name,
        mentioned.name_key,
        mentioned.name_kind,
        mentioned.inn,
        mentioned.city,
        mentioned.phone_raw,
        mentioned.email_raw,
        mentioned.first_on,
        mentioned.last_on,
        mentioned.lines
    from codes
    left join mentioned
        on 'cp:' || codes.code = mentioned.record_id
    where codes.resolved_via = 'code_only'

    union all

    select
        record_id,
        source,
        source_key,
        raw_name,
        name_key,
        name_kind,
        inn,
        city,
        phone_raw,
        email_raw,
        first_on,
        last_on,
        lines
    from mentioned
    where record_id not like 'cp:%'
        and record_id not like 'contact:%'

),

other_records as (

    select
        record_id,
        source,
        source_key,
        case
            when record_id like '%:anonymous' then 'anonymous'
            when name_kind = 'person' or record_id like 'deal:contact:%' then 'person'
            when name_kind is not null then 'company'
            -- a 12-digit INN without a legal form in the name: a private person
            when length(inn) = 12 then 'person'
            else 'company'
        end as record_kind,
        raw_name as record_name,
        name_key,
        name_kind,
        inn,
        case when inn is not null then 'card' end as inn_source,
        null as ogrn,
        null as edrpou,
        phone_raw,
        null as phone_2_raw,
        email_raw,
        city,
        null as delivery_address,
        null as source_channel,
        null as manager,
        false as is_email_opt_out,
        false as is_sms_opt_out,
        false as is_messenger_opt_out,
        null::date as birthday,
        null::timestamp as created_at,
        null::timestamp as updated_at,
        first_on as first_seen_on,
        last_on as last_seen_on,
        coalesce(lines, 0) as mention_lines,
        null::json as extra_attributes
    from other_sources

),

unioned as (

    select * from crm_records
    union all
    select * from private_client_records
    union all
    select * from other_records

),

final as (

    select
        -- numbered in record_id order so two builds of the same data number alike (the
        -- cluster number is its smallest record number); ~0.4 s a million records
        row_number() over (order by record_id)::integer as record_no,
        record_id,
        source,
        source_key,
        record_kind,
        record_name,
        name_key,
        name_kind,
        inn,
        inn_source,
        ogrn,
        edrpou,
        phone_raw,
        phone_2_raw,
        email_raw,
        city,
        -- "г. Санкт-Петербург", "Санкт-Петербург г", "СПб" → "санкт петербург"
        case city_words
            when 'спб' then 'санкт петербург'
            when 'питер' then 'санкт петербург'
            when 'с петербург' then 'санкт петербург'
            when 'saint petersburg' then 'санкт петербург'
            when 'st petersburg' then 'санкт петербург'
            when 'мск' then 'москва'
            when 'moscow' then 'москва'
            when 'київ' then 'киев'
            when 'kyiv' then 'киев'
            when 'kiev' then 'киев'
            else nullif(city_words, '')
        end as city_key,
        delivery_address,
        source_channel,
        manager,
        is_email_opt_out,
        is_sms_opt_out,
        is_messenger_opt_out,
        birthday,
        created_at,
        updated_at,
        first_seen_on,
        last_seen_on,
        mention_lines,
        extra_attributes
    from (
        select
            *,
            name_words(
                regexp_replace(regexp_replace(fold_case(city), '^\s*(город|гор\.|г\.|г\s|місто|м\.)\s*', ''), '\s+(г|город)\.?\s*$', '')
            ) as city_words
        from unioned
    )

)

select * from final
