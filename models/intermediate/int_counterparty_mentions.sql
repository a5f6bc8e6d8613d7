-- One row per distinct way a customer is written on sales lines, invoices and incoming
-- bank payments (code, INN, name, city), with the source record it belongs to: the
-- record of its code, else one record per INN, else one per normalised name and city,
-- in each source. Fact tables find their customer by joining on the same four fields.
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

mentions as (

    select
        'sales' as source,
        counterparty_id as code,
        customer_inn as inn,
        customer_name as raw_name,
        city,
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
        min(paid_on),
        max(paid_on),
        count(*)
    from bank_payments
    where direction = 'incoming'
        and (payer_inn is not null or payer_name is not null)
    group by all

),

resolved as (

    select
        mentions.source,
        mentions.code,
        mentions.inn,
        mentions.raw_name,
        mentions.city,
        name_keys.name_key,
        name_keys.name_kind,
        case
            when codes.record_id is not null then codes.record_id
            when mentions.inn is not null then mentions.source || ':inn:' || mentions.inn
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
