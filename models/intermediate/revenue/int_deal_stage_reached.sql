-- One row per deal and stage it reached: the first time it entered the stage by the stage
-- history, and its current stage (entered at its last move there, else at creation) even
-- when the history is missing.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

stage_changes as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

from_history as (

    select
        deal_id,
        stage,
        min(entered_at) as first_entered_at,
        max(entered_at) as last_entered_at
    from stage_changes
    group by 1, 2

),

current_stage as (

    select
        deals.deal_id,
        deals.stage,
        coalesce(from_history.first_entered_at, deals.created_at) as first_entered_at,
        coalesce(from_history.last_entered_at, deals.created_at) as last_entered_at
    from deals
    left join from_history
        on deals.deal_id = from_history.deal_id
        and deals.stage = from_history.stage

),

combined as (

    select deal_id, stage, first_entered_at, last_entered_at from from_history
    union
    select deal_id, stage, first_entered_at, last_entered_at from current_stage

),

final as (

    select
        combined.deal_id,
        combined.stage,
        combined.first_entered_at,
        combined.last_entered_at,
        deals.stage = combined.stage as is_current_stage,
        deals.deal_status,
        deals.closed_at
    from combined
    inner join deals
        on combined.deal_id = deals.deal_id

)

select * from final
