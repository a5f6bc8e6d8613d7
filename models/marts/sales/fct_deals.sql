-- One row per CRM deal, for drill-downs and the customer card: who it is for, what it is
-- worth, where it is now, how far it got, where and why it was lost, and how quickly it was
-- answered. The manager is the deal's own (null when none): sales managers are scoped on it.
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

progress as (

    select * from {{ ref('int_deal_progress') }}

),

touches as (

    select * from {{ ref('int_deal_touches') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

final as (

    select
        -- ids
        deals.deal_id,
        deals.customer_id,
        deals.legal_entity_id,
        deals.counterparty_id,
        customers.customer_name,

        -- deal
        deals.deal_title,
        deals.deal_amount,
        deals.deal_status,
        deals.pipeline,
        deals.current_stage,
        progress.current_stage_rank,
        progress.furthest_stage,
        progress.furthest_stage_rank,
        progress.lost_at_stage,
        case when deals.deal_status = 'lost' then coalesce(deals.lost_reason, 'Не указана') end as lost_reason,
        deals.product_category,

        -- attribution
        deals.source_channel,
        deals.manager,
        deals.city,

        -- timestamps
        deals.created_at,
        deals.created_at::date as created_on,
        deals.created_month,
        deals.closed_at,
        deals.closed_at::date as closed_on,
        round(date_diff('second', deals.created_at, coalesce(deals.closed_at, calendar.crm_as_of_at)) / 86400, 1) as days_open,

        -- touches
        touches.first_response_at,
        touches.first_response_hours,
        touches.activities,
        touches.last_touch_at,
        touches.days_without_touch

    from deals
    inner join progress
        on deals.deal_id = progress.deal_id
    inner join touches
        on deals.deal_id = touches.deal_id
    left join customers
        on deals.customer_id = customers.customer_id
    cross join calendar

)

select * from final
