-- One row per CRM deal: its source channel (matching key as in int_customer_acquisition),
-- month of creation, and whether it is a new lead — a deal with no known customer, or
-- the first deal of a customer not known before the sales history — rather than a repeat
-- deal of an existing customer.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

ranked_deals as (

    select
        deals.deal_id,
        deals.created_at,
        coalesce(deals.source_channel, 'Не указан') as source_channel,
        deal_customers.customer_id,
        row_number() over (
            partition by deal_customers.customer_id order by deals.created_at, deals.deal_id
        ) as customer_deal_rank
    from deals
    left join deal_customers
        on deals.deal_id = deal_customers.deal_id
    where deals.created_at is not null

),

final as (

    select
        ranked_deals.deal_id,
        ranked_deals.created_at,
        date_trunc('month', ranked_deals.created_at)::date as created_month,
        ranked_deals.source_channel,
        lower(regexp_replace(trim(ranked_deals.source_channel), '\s+', ' ', 'g')) as channel_key,
        ranked_deals.customer_id,
        ranked_deals.customer_id is null
            or (
                ranked_deals.customer_deal_rank = 1
                and not coalesce(customers.first_seen_on < calendar.first_sale_on, false)
            ) as is_new_lead
    from ranked_deals
    cross join calendar
    left join customers
        on ranked_deals.customer_id = customers.customer_id

)

select * from final
