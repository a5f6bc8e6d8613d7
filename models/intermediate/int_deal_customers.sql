-- One row per CRM deal: the customer and the counterparty record (legal entity) it is for,
-- and how the deal names it — by the counterparty code, else by the company's or contact's
-- name, phone and e-mail (int_deal_mentions; identity resolution merges that mention with
-- the card it matches). All null for a deal that names nobody.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_mentions as (

    select * from {{ ref('int_deal_mentions') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

by_name as (

    select
        deal_mentions.deal_id,
        deal_mentions.mentioned_as,
        mentions.record_id
    from deal_mentions
    inner join mentions
        on mentions.source = 'deal'
        and deal_mentions.mentioned_as = mentions.mentioned_as
        and deal_mentions.raw_name is not distinct from mentions.raw_name
        and deal_mentions.phone_raw is not distinct from mentions.phone_raw
        and deal_mentions.email_raw is not distinct from mentions.email_raw

),

resolved as (

    select
        deals.deal_id,
        customer_records.customer_id,
        customer_records.record_id as legal_entity_id,
        case
            when codes.record_id is not null then 'code'
            when by_name.mentioned_as = 'company' then 'company_name'
            when by_name.mentioned_as = 'contact' then 'contact'
        end as linked_by
    from deals
    left join codes
        on deals.counterparty_id = codes.code
    left join by_name
        on deals.deal_id = by_name.deal_id
    left join customer_records
        on coalesce(codes.record_id, by_name.record_id) = customer_records.record_id

)

select * from resolved
