-- One row per distinct way a customer is written on sales lines, invoices, incoming bank
-- payments and CRM deals without a counterparty code (code, INN, name, city; a deal's
-- contact also by phone and e-mail), with the source record it belongs to: the record of
-- its code, else one record per INN, else one per normalised name and city, in each
-- source; a deal's contact person is one record per name, phone and e-mail as written
-- (two namesakes on deals stay apart until a phone, an e-mail or their card ties them).
-- Fact tables find their customer by joining on the same fields.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

name_keys as (

    select * from {{ ref('int_counterparty_name_keys') }}

),

deal_mentions as (

    select * from {{ ref('int_deal_mentions') }}

),

mentions as (

    select
        'sales' as source,
        counterparty_id as code,
        customer_inn as inn,
        customer_name as raw_name,
        city,
        null as mentioned_as,
        null as phone_raw,
        null as email_raw,
        min(sold_on) as first_on,
        max(sold_on) as last_on,
        count(*) as lines
    from sales
    group by all

    union all

    select
        'invoice',
        counterparty_id,
        customer_inn,
        customer_name,
        null,
        null,
        null,
        null,
        min(issued_on),
        max(issued_on),
        count(*)
    from invoices
    group by all

    union all

    -- outgoing payments go to suppliers and internal ones to ourselves, not customers
    select
        'payment',
        null,
        payer_inn,
        payer_name,
        null,
        null,
        null,
        null,
        min(paid_on),
        max(paid_on),
        count(*)
    from bank_payments
    where direction = 'incoming'
        and (payer_inn is not null or payer_name is not null)
    group by all

    union all

    select
        'deal',
        null,
        null,
        raw_name,
        null,
        mentioned_as,
        phone_raw,
        email_raw,
        min(first_on),
        max(last_on),
        count(*)
    from deal_mentions
    group by all

),

resolved as (

    select
        mentions.source,
        mentions.code,
        mentions.inn,
        mentions.raw_name,
        mentions.city,
        mentions.mentioned_as,
        mentions.phone_raw,
        mentions.email_raw,
        name_keys.name_key,
        name_keys.name_kind,
        case
            when codes.record_id is not null then codes.record_id
            when mentions.inn is not null then mentions.source || ':inn:' || mentions.inn
            -- a deal's contact person (a contact column naming a firm is read as the firm)
            when mentions.mentioned_as = 'contact' and coalesce(name_keys.name_kind, 'person') = 'person'
                and coalesce(name_keys.name_key, mentions.phone_raw, mentions.email_raw) is not null
                then 'deal:contact:' || concat_ws(' | ', name_keys.name_key, mentions.phone_raw, mentions.email_raw)
            -- the same name in another city is another customer until something else ties them
            when name_keys.name_key is not null then mentions.source || ':name:' || name_keys.name_key || coalesce(' @ ' || lower(trim(mentions.city)), '')
            -- a line with no code, INN or name: the anonymous buyer of that source
            else mentions.source || ':anonymous'
        end as record_id,
        mentions.first_on,
        mentions.last_on,
        mentions.lines
    from mentions
    left join codes
        on mentions.code = codes.code
    left join name_keys
        on mentions.raw_name = name_keys.raw_name

)

select * from resolved
