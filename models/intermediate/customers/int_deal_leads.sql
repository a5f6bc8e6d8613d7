-- One row per CRM deal: its source channel (matching key from int_channel_keys), month of
-- creation, and whether it is a new lead — a deal with no known customer, or the first deal
-- of a customer not known before the sales history — rather than a repeat deal of an
-- existing customer.
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

channel_keys as (

    select * from {{ ref('int_channel_keys') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

ranked_deals as (

    select
        deal_id,
        created_at,
        created_month,
        source_channel,
        customer_id,
        row_number() over (partition by customer_id order by created_at, deal_id) as customer_deal_rank
    from deals
    where created_at is not null

),

final as (

    select
        ranked_deals.deal_id,
        ranked_deals.created_at,
        ranked_deals.created_month,
        ranked_deals.source_channel,
        channel_keys.channel_key,
        ranked_deals.customer_id,
        ranked_deals.customer_id is null
            or (
                ranked_deals.customer_deal_rank = 1
                and not coalesce(customers.first_seen_on < calendar.first_sale_on, false)
            ) as is_new_lead
    from ranked_deals
    cross join calendar
    left join channel_keys
        on ranked_deals.source_channel = channel_keys.channel
    left join customers
        on ranked_deals.customer_id = customers.customer_id

)

select * from final
