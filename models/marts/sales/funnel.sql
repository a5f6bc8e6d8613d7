-- One row per pipeline × funnel stage × month the deals were created × source × manager.
-- Deals are grouped by creation month (a cohort), so along the stages of one row set each
-- deal is counted once and entered never grows from a stage to the next. entered = deals
-- that reached the stage; moved_on = of them, won or reached a later stage; dropped_off =
-- lost without reaching a later stage; in_progress = still open there. Median days in stage
-- from closed stage spells only (a deal still in the stage is not in the median).
with

deal_stages as (

    select * from {{ ref('funnel_deal_stages') }}

),

aggregated as (

    select
        pipeline,
        stage,
        stage_rank,
        next_stage,
        created_month,
        source_channel,
        manager,
        count(*) as entered,
        count(*) filter (where is_moved_on) as moved_on,
        count(*) filter (where is_in_progress) as in_progress,
        count(*) filter (where is_dropped_off) as dropped_off,
        count(*) filter (where deal_status = 'won') as won,
        count(*) filter (where deal_status = 'lost') as lost,
        count(days_in_stage) as timed_deals,
        median(days_in_stage) as median_days_in_stage
    from deal_stages
    group by 1, 2, 3, 4, 5, 6, 7

),

final as (

    select
        pipeline,
        stage,
        stage_rank,
        next_stage,
        created_month,
        source_channel,
        manager,
        entered,
        moved_on,
        in_progress,
        dropped_off,
        round(moved_on / entered, 4) as conversion_rate,
        round(dropped_off / entered, 4) as drop_off_rate,
        won,
        lost,
        timed_deals,
        round(median_days_in_stage, 2) as median_days_in_stage
    from aggregated

)

select * from final
