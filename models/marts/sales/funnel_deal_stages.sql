-- One row per deal × funnel stage the deal counts in, with every dimension a dashboard
-- filters the funnel by (period, source, manager, city, category, RFM segment). The funnel
-- mart is this table summed by stage × month × source × manager; for a cut it does not
-- carry, aggregate this one (medians stay exact: they are computed from the deals).
with

deal_stages as (

    select * from {{ ref('int_deal_funnel_stages') }}

),

deals as (

    select * from {{ ref('int_crm_deals') }}

),

rfm as (

    select * from {{ ref('rfm') }}

),

final as (

    select
        -- grain
        deal_stages.deal_id,
        deal_stages.pipeline,
        deal_stages.stage,
        deal_stages.stage_rank,
        deal_stages.next_stage,

        -- how the deal got here and how long it stayed
        deal_stages.reached_by,
        deal_stages.first_entered_at,
        deal_stages.is_in_stage_now,
        deal_stages.days_in_stage,

        -- what happened next
        deal_stages.is_moved_on,
        deal_stages.is_in_progress,
        deal_stages.is_dropped_off,
        deal_stages.deal_status,
        deals.lost_reason,
        deals.deal_amount,

        -- dimensions
        deals.created_month,
        deals.source_channel,
        coalesce(deals.manager, 'Без менеджера') as manager,
        deals.product_category,
        deals.city,
        deals.customer_id,
        rfm.segment_code as rfm_segment_code,
        rfm.segment_ru as rfm_segment

    from deal_stages
    inner join deals
        on deal_stages.deal_id = deals.deal_id
    left join rfm
        on deals.customer_id = rfm.customer_id

)

select * from final
