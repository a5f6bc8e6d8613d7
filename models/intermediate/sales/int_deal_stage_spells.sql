-- One row per stage entry in a deal's history (a spell): when the deal entered the stage and
-- when it left it — the next entry in its history, or the deal's close when a closed deal's
-- history ends in an open stage. A spell with no end is the stage the deal sits in now
-- (open spell). Days in stage = (left_at − entered_at) in days.
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

stage_order as (

    select * from {{ ref('int_stage_order') }}

),

sequenced as (

    select
        deal_stages.deal_id,
        deals.pipeline,
        deals.deal_status,
        deals.closed_at,
        deal_stages.stage,
        deal_stages.entered_at,
        row_number() over spells as spell_no,
        lead(deal_stages.entered_at) over spells as next_entered_at,
        lead(deal_stages.stage) over spells as next_stage
    from deal_stages
    inner join deals
        on deal_stages.deal_id = deals.deal_id
    window spells as (
        partition by deal_stages.deal_id
        order by deal_stages.entered_at, deal_stages.source_file_id, deal_stages.source_row_no
    )

),

bounded as (

    select
        sequenced.*,
        stage_order.stage_kind,
        stage_order.stage_rank,
        coalesce(
            sequenced.next_entered_at,
            case
                when sequenced.deal_status in ('won', 'lost')
                    and stage_order.stage_kind = 'open'
                    and sequenced.closed_at >= sequenced.entered_at
                    then sequenced.closed_at
            end
        ) as left_at
    from sequenced
    inner join stage_order
        on sequenced.pipeline = stage_order.pipeline
        and sequenced.stage = stage_order.stage

),

final as (

    select
        deal_id,
        pipeline,
        spell_no,
        stage,
        stage_kind,
        stage_rank,
        entered_at,
        left_at,
        next_stage,
        left_at is null as is_open_spell,
        round(date_diff('second', entered_at, left_at) / 86400.0, 4) as days_in_stage
    from bounded

)

select * from final
