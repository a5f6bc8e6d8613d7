-- One row per SKU with full-month history: how it is forecast. The forecast_max_sku_series
-- SKUs with the most revenue over the last 12 full months (ties: quantity, then code) get a
-- model of their own; the long tail is forecast per category as one aggregate series and
-- split back to its SKUs by their share of that aggregate's quantity over the same 12
-- months (an SKU that sold nothing then gets 0). Fitting a series costs ~15 ms, so this
-- keeps a catalogue of 50,000 SKUs to minutes instead of hours.
with

monthly_demand as (

    select * from {{ ref('int_monthly_demand') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

sku_volume as (

    select
        monthly_demand.item as sku,
        any_value(monthly_demand.category) as category,
        min(monthly_demand.month) as first_month,
        count(*)::integer as months_of_history,
        sum(monthly_demand.qty) as total_qty,
        coalesce(sum(monthly_demand.qty) filter (
            where monthly_demand.month > calendar.last_full_month - interval 12 month
        ), 0) as recent_qty,
        coalesce(sum(monthly_demand.revenue) filter (
            where monthly_demand.month > calendar.last_full_month - interval 12 month
        ), 0) as recent_revenue
    from monthly_demand
    cross join calendar
    where monthly_demand.level = 'sku'
    group by monthly_demand.item

),

ranked as (

    select
        *,
        row_number() over (order by recent_revenue desc, recent_qty desc, total_qty desc, sku)::integer as volume_rank
    from sku_volume

),

with_basis as (

    select
        *,
        case
            when volume_rank <= {{ var('forecast_max_sku_series') }} then 'individual'
            else 'category_share'
        end as forecast_basis
    from ranked

),

final as (

    select
        sku,
        category,
        first_month,
        months_of_history,
        total_qty,
        recent_qty,
        recent_revenue,
        volume_rank,
        forecast_basis,
        case
            when forecast_basis = 'category_share' then coalesce(
                recent_qty / nullif(sum(recent_qty) over (partition by category, forecast_basis), 0),
                0
            )
        end as tail_share
    from with_basis

)

select * from final
