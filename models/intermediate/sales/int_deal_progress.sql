-- One row per CRM deal: how far it got in its pipeline's funnel and where it was lost.
-- Furthest stage = the highest-ranked funnel stage in its history or its current stage.
-- A deal without stage history counts by rule in its current stage and every earlier one;
-- without history a won deal passed every stage and a lost one is known only to have
-- entered the first. Lost at = the funnel stage the deal was in when it was lost (the last
-- one in its history by time; the first stage when there is no history).
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

spells as (

    select * from {{ ref('int_deal_stage_spells') }}

),

stage_order as (

    select * from {{ ref('int_stage_order') }}

),

pipeline_depth as (

    select
        pipeline,
        max(stage_rank) as last_rank
    from stage_order
    group by 1

),

history as (

    select
        deal_id,
        max(stage_rank) as furthest_rank_in_history,
        arg_max(stage, spell_no) filter (where stage_rank is not null) as last_funnel_stage,
        arg_max(stage_rank, spell_no) filter (where stage_rank is not null) as last_funnel_stage_rank
    from spells
    group by 1

),

combined as (

    select
        deals.deal_id,
        deals.pipeline,
        deals.deal_status,
        deals.current_stage,
        current_order.stage_kind as current_stage_kind,
        current_order.stage_rank as current_stage_rank,
        case when current_order.stage_rank is not null then deals.current_stage end as current_funnel_stage,
        history.deal_id is not null as has_history,
        history.last_funnel_stage,
        history.last_funnel_stage_rank,
        case
            when history.deal_id is not null
                then greatest(history.furthest_rank_in_history, current_order.stage_rank)
            when current_order.stage_rank is not null then current_order.stage_rank
            when deals.deal_status = 'won' then pipeline_depth.last_rank
            when deals.deal_status = 'lost' and pipeline_depth.last_rank is not null then 1
        end as furthest_stage_rank
    from deals
    left join stage_order as current_order
        on deals.pipeline = current_order.pipeline
        and deals.current_stage = current_order.stage
    left join history
        on deals.deal_id = history.deal_id
    left join pipeline_depth
        on deals.pipeline = pipeline_depth.pipeline

),

final as (

    select
        combined.deal_id,
        combined.pipeline,
        combined.deal_status,
        combined.current_stage,
        combined.current_stage_kind,
        combined.current_stage_rank,
        combined.has_history,
        combined.furthest_stage_rank,
        furthest.stage as furthest_stage,
        case when combined.deal_status = 'lost' then
            coalesce(combined.last_funnel_stage, combined.current_funnel_stage, first_stage.stage)
        end as lost_at_stage,
        case when combined.deal_status = 'lost' then
            coalesce(combined.last_funnel_stage_rank, combined.current_stage_rank, first_stage.stage_rank)
        end as lost_at_stage_rank
    from combined
    left join stage_order as furthest
        on combined.pipeline = furthest.pipeline
        and combined.furthest_stage_rank = furthest.stage_rank
    left join stage_order as first_stage
        on combined.pipeline = first_stage.pipeline
        and first_stage.stage_rank = 1

)

select * from final
