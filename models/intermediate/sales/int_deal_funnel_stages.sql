-- One row per deal × funnel stage the deal counts in: every stage its history shows it
-- entered ('history'), its current stage when the history lacks it ('current_stage'), and,
-- for a deal with no history at all, every stage up to its furthest by rule ('implied').
-- A deal that skipped a stage does not count in it. Days in stage sum the deal's closed
-- spells in the stage; null while the deal still sits there or when not known from history.
-- Entries (first and last) are known from history only.
with

spells as (

    select * from {{ ref('int_deal_stage_spells') }}

),

progress as (

    select * from {{ ref('int_deal_progress') }}

),

stage_order as (

    select * from {{ ref('int_stage_order') }}

),

from_history as (

    select
        deal_id,
        stage,
        'history' as reached_by,
        min(entered_at) as first_entered_at,
        max(entered_at) as last_entered_at,
        bool_or(is_open_spell) as is_in_stage_now,
        case when not bool_or(is_open_spell) then sum(days_in_stage) end as days_in_stage
    from spells
    where stage_rank is not null
    group by 1, 2

),

from_current_stage as (

    select
        progress.deal_id,
        progress.current_stage as stage,
        'current_stage' as reached_by,
        null::timestamp as first_entered_at,
        null::timestamp as last_entered_at,
        progress.deal_status = 'open' as is_in_stage_now,
        null::double as days_in_stage
    from progress
    anti join from_history
        on progress.deal_id = from_history.deal_id
        and progress.current_stage = from_history.stage
    where progress.current_stage_rank is not null

),

implied as (

    select
        progress.deal_id,
        stage_order.stage,
        'implied' as reached_by,
        null::timestamp as first_entered_at,
        null::timestamp as last_entered_at,
        false as is_in_stage_now,
        null::double as days_in_stage
    from progress
    inner join stage_order
        on progress.pipeline = stage_order.pipeline
        and stage_order.stage_rank <= progress.furthest_stage_rank
    where not progress.has_history
        and stage_order.stage_rank is distinct from progress.current_stage_rank

),

counted as (

    select * from from_history
    union all
    select * from from_current_stage
    union all
    select * from implied

),

final as (

    select
        counted.deal_id,
        progress.pipeline,
        counted.stage,
        stage_order.stage_rank,
        stage_order.next_stage,
        counted.reached_by,
        counted.first_entered_at,
        counted.last_entered_at,
        counted.is_in_stage_now,
        counted.days_in_stage,
        progress.deal_status,
        -- moved on: won, or reached a later stage (a skip counts as moving on)
        progress.deal_status = 'won' or progress.furthest_stage_rank > stage_order.stage_rank as is_moved_on,
        -- still open and this is as far as it got: not a drop-off yet
        progress.deal_status = 'open' and progress.furthest_stage_rank <= stage_order.stage_rank as is_in_progress,
        -- closed without reaching a later stage
        progress.deal_status = 'lost' and progress.furthest_stage_rank <= stage_order.stage_rank as is_dropped_off
    from counted
    inner join progress
        on counted.deal_id = progress.deal_id
    inner join stage_order
        on progress.pipeline = stage_order.pipeline
        and counted.stage = stage_order.stage

)

select * from final
