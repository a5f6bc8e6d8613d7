-- One row per pipeline × lost reason × funnel stage the deals were lost at (the stage a deal
-- was in when it was lost; see int_deal_progress). Shares are of all lost deals (and of
-- their value) in the pipeline. A lost deal without a reason counts under «Не указана».
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

progress as (

    select * from {{ ref('int_deal_progress') }}

),

lost_deals as (

    select
        deals.pipeline,
        coalesce(deals.lost_reason, 'Не указана') as lost_reason,
        coalesce(progress.lost_at_stage, 'Неизвестно') as lost_at_stage,
        progress.lost_at_stage_rank,
        coalesce(deals.deal_amount, 0) as deal_amount
    from deals
    inner join progress
        on deals.deal_id = progress.deal_id
    where deals.deal_status = 'lost'

),

aggregated as (

    select
        pipeline,
        lost_reason,
        lost_at_stage,
        lost_at_stage_rank,
        count(*) as deals,
        sum(deal_amount) as value_lost
    from lost_deals
    group by 1, 2, 3, 4

),

final as (

    select
        pipeline,
        lost_reason,
        lost_at_stage,
        lost_at_stage_rank,
        deals,
        value_lost::decimal(18, 2) as value_lost,
        round(deals / sum(deals) over (partition by pipeline), 4) as share_of_deals,
        round(value_lost / nullif(sum(value_lost) over (partition by pipeline), 0), 4) as share_of_value
    from aggregated

)

select * from final
