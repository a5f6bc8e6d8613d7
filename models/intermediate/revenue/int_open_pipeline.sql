-- One row per open deal: its probability of being won (the historical win rate of its
-- current stage in its pipeline; the overall win rate of closed deals when no closed deal
-- reached the stage or the stage is outside the funnel) and its expected close month (last
-- entry into the current stage + the stage's median days to a win; creation + the median
-- sales cycle when the stage has none). A deal whose expected close is already past counts
-- in the first forecast month. A deal with neither a dated entry into its stage nor a
-- creation date (an export without start dates) is in the stage now, so its wait is counted
-- from the CRM's as-of moment: the latest its entry can have been.
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

funnel_stages as (

    select * from {{ ref('int_deal_funnel_stages') }}

),

win_rates as (

    select * from {{ ref('int_deal_stage_win_rates') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

overall as (

    select
        (count(*) filter (where deal_status = 'won'))::double / nullif(count(*), 0) as win_rate,
        median(
            (epoch(closed_at) - epoch(created_at)) / 86400.0
        ) filter (where deal_status = 'won' and closed_at >= created_at) as median_days_to_win
    from deals
    where deal_status in ('won', 'lost')

),

open_deals as (

    select
        deals.deal_id,
        deals.pipeline,
        deals.current_stage as stage,
        deals.deal_amount,
        deals.manager,
        deals.created_at,
        -- without a dated entry (no history of it) the deal is taken to be there since creation
        coalesce(funnel_stages.last_entered_at, deals.created_at) as stage_entered_at
    from deals
    left join funnel_stages
        on deals.deal_id = funnel_stages.deal_id
        and deals.current_stage = funnel_stages.stage
    where deals.deal_status = 'open'

),

scored as (

    select
        open_deals.*,
        coalesce(win_rates.win_rate, overall.win_rate) as win_probability,
        case
            when win_rates.win_rate is not null then 'stage'
            when overall.win_rate is not null then 'overall'
            else 'none'
        end as probability_basis,
        coalesce(
            open_deals.stage_entered_at + to_microseconds((win_rates.median_days_to_win * 86400e6)::bigint),
            open_deals.created_at + to_microseconds((overall.median_days_to_win * 86400e6)::bigint),
            case when open_deals.stage_entered_at is null then
                calendar.crm_as_of_at + to_microseconds((coalesce(win_rates.median_days_to_win, overall.median_days_to_win) * 86400e6)::bigint)
            end
        ) as expected_close_at
    from open_deals
    cross join overall
    cross join calendar
    left join win_rates
        on open_deals.pipeline = win_rates.pipeline
        and open_deals.stage = win_rates.stage

),

final as (

    select
        scored.deal_id,
        scored.pipeline,
        scored.stage,
        scored.manager,
        scored.deal_amount,
        scored.created_at,
        scored.stage_entered_at,
        scored.win_probability,
        scored.probability_basis,
        scored.expected_close_at,
        case
            when scored.expected_close_at is not null
                then greatest(date_trunc('month', scored.expected_close_at)::date, calendar.first_forecast_month)
        end as expected_close_month,
        scored.deal_amount * scored.win_probability as expected_revenue
    from scored
    cross join calendar

)

select * from final
