-- One row per stage any closed deal reached: the historical win rate of the deals that
-- reached it (won / (won + lost) among closed deals that were ever in the stage) and the
-- median days from the (last) entry into the stage to the win, over won deals.
with

stage_reached as (

    select * from {{ ref('int_deal_stage_reached') }}

),

closed as (

    select *
    from stage_reached
    where deal_status in ('won', 'lost')

),

final as (

    select
        stage,
        count(*)::integer as closed_deals,
        (count(*) filter (where deal_status = 'won'))::integer as won_deals,
        (count(*) filter (where deal_status = 'won'))::double / count(*) as win_rate,
        median(
            (epoch(closed_at) - epoch(last_entered_at)) / 86400.0
        ) filter (where deal_status = 'won' and closed_at >= last_entered_at) as median_days_to_win
    from closed
    group by stage

)

select * from final
