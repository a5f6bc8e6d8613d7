-- One row per pipeline × funnel stage that any closed deal counts in: the historical win rate
-- of the deals that reached it (won / (won + lost) among closed deals) and the median days
-- from the (last) entry into the stage to the win, over won deals whose history dates that
-- entry. "Reached" is the funnel's (int_deal_funnel_stages): every stage the deal's history
-- shows, its current stage, and without history every stage up to its furthest by rule; a
-- skipped stage is not reached.
with

funnel_stages as (

    select * from {{ ref('int_deal_funnel_stages') }}

),

deals as (

    select * from {{ ref('int_crm_deals') }}

),

closed as (

    select
        funnel_stages.pipeline,
        funnel_stages.stage,
        funnel_stages.deal_status,
        funnel_stages.last_entered_at,
        deals.closed_at
    from funnel_stages
    inner join deals
        on funnel_stages.deal_id = deals.deal_id
    where funnel_stages.deal_status in ('won', 'lost')

),

final as (

    select
        pipeline,
        stage,
        count(*)::integer as closed_deals,
        (count(*) filter (where deal_status = 'won'))::integer as won_deals,
        (count(*) filter (where deal_status = 'won'))::double / count(*) as win_rate,
        median(
            (epoch(closed_at) - epoch(last_entered_at)) / 86400.0
        ) filter (where deal_status = 'won' and closed_at >= last_entered_at) as median_days_to_win
    from closed
    group by pipeline, stage

)

select * from final
