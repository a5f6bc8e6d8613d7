-- One row per stalled deal: open, with no stage change and no activity on it for at least
-- var('stalled_deal_days') days before the CRM's as-of moment (the latest fact in the CRM
-- exports, int_data_calendar.crm_as_of_at). The deal's creation counts as its first touch;
-- a deal with no creation date, stage change or activity has no known touch and is not listed.
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

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

final as (

    select
        -- ids
        deals.deal_id,
        deals.customer_id,
        deals.counterparty_id,

        -- deal
        deals.deal_title,
        deals.deal_amount,
        deals.pipeline,
        deals.current_stage as stage,
        progress.current_stage_rank as stage_rank,
        deals.source_channel,
        deals.manager,
        deals.product_category,
        deals.city,

        -- touches
        deals.created_at,
        touches.last_stage_change_at,
        touches.last_activity_at,
        touches.last_touch_at,
        touches.days_without_touch,
        calendar.crm_as_of_at as as_of_at

    from deals
    inner join progress
        on deals.deal_id = progress.deal_id
    inner join touches
        on deals.deal_id = touches.deal_id
    cross join calendar
    where deals.deal_status = 'open'
        and touches.days_without_touch >= {{ var('stalled_deal_days') }}

)

select * from final
