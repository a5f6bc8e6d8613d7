-- One row per SKU in the stock plan: its lead time and the daily demand (mean and standard
-- deviation) to plan the coming lead time + review period with.
--   forecast: days as_of+1 .. as_of+lead+review, each day 1/days-in-month of its month's
--     forecast (int_sku_forecast_months). Errors are multiplicative: a month's σ = the SKU's
--     relative forecast error × that month's forecast, spread over its days as independent
--     daily variance (σ_day² = σ_month² / days in month). The relative error is the
--     forecast's backtest RMSE / RMS forecast (relative_error); a series never backtested
--     (under 4 months) takes its band's: Σ (upper half of the 95% band / z(0.975)) / Σ forecast over
--     the first 12 forecast months. Read month by month, the bands of additive models
--     (seasonal naive, additive ETS) are as wide in the off-season as at the peak.
--   history: the last history_days days of sales up to the latest sale (fewer when the SKU
--     is younger), days without sales as 0, net of returns (a negative mean counts as 0);
--     population standard deviation.
-- The forecast is used when stock_demand_basis = forecast and it covers a day of the window;
-- otherwise history (σ also from history when the forecast has no error measure).
with

positions as (

    select * from {{ ref('int_stock_position') }}

),

products as (

    select * from {{ ref('int_products') }}

),

forecasts as (

    select * from {{ ref('int_sku_forecast_months') }}

),

sales as (

    select * from {{ ref('int_sales_lines') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

policy as (

    select * from {{ ref('int_stock_policy') }}

),

skus as (

    select
        positions.sku,
        any_value(positions.as_of_date) as as_of_date,
        coalesce(any_value(products.lead_time_days), any_value(policy.default_lead_time_days))::integer as lead_time_days,
        any_value(products.lead_time_days) is null as lead_time_is_default
    from positions
    cross join policy
    left join products
        on positions.sku = products.sku
    group by positions.sku

),

daily_sales as (

    select sku, sold_on, sum(qty) as qty
    from sales
    where sku is not null
    group by 1, 2

),

history_days as (

    select
        daily_sales.sku,
        -- a younger SKU is averaged over the days since its first sale
        least(policy.history_days, date_diff('day', min(daily_sales.sold_on), calendar.last_sale_on) + 1)::integer as days
    from daily_sales
    cross join calendar
    cross join policy
    group by daily_sales.sku, calendar.last_sale_on, policy.history_days

),

history as (

    select
        history_days.sku,
        history_days.days,
        -- net of returns; a window whose returns exceed its sales plans no demand
        greatest(coalesce(sum(daily_sales.qty), 0) / history_days.days, 0) as mean_daily,
        sqrt(greatest(
            coalesce(sum(daily_sales.qty * daily_sales.qty), 0) / history_days.days
                - (coalesce(sum(daily_sales.qty), 0) / history_days.days) ^ 2,
            0
        )) as std_daily
    from history_days
    cross join calendar
    left join daily_sales
        on history_days.sku = daily_sales.sku
        and daily_sales.sold_on > calendar.last_sale_on - history_days.days
        and daily_sales.sold_on <= calendar.last_sale_on
    group by history_days.sku, history_days.days

),

forecast_errors as (

    select
        forecasts.sku,
        any_value(forecasts.relative_error) as backtest_error,
        -- a year of steps, so every season weighs once; unknown when a month has no band
        case
            when bool_and(forecasts.hi95 is not null) and sum(forecasts.forecast_qty) > 0
                then sum(greatest(forecasts.hi95 - forecasts.forecast_qty, 0) / policy.band_z95) / sum(forecasts.forecast_qty)
        end as band_error,
        -- nothing forecast all year: no demand, so no spread either
        sum(forecasts.forecast_qty) = 0 as is_zero_forecast
    from forecasts
    cross join policy
    where forecasts.horizon_step <= 12
    group by forecasts.sku

),

sku_errors as (

    select
        sku,
        coalesce(backtest_error, band_error) as relative_error,
        case
            when backtest_error is not null then 'backtest'
            when band_error is not null then 'band'
        end as error_basis,
        is_zero_forecast
    from forecast_errors

),

forecast_overlap as (

    select
        skus.sku,
        sku_errors.relative_error,
        sku_errors.error_basis,
        forecasts.forecast_qty / dayofmonth(last_day(forecasts.month)) as daily_qty,
        case
            when sku_errors.is_zero_forecast then 0
            else (sku_errors.relative_error * forecasts.forecast_qty) ^ 2 / dayofmonth(last_day(forecasts.month))
        end as daily_variance,
        greatest(0, date_diff(
            'day',
            greatest(forecasts.month, skus.as_of_date + 1),
            least(last_day(forecasts.month), skus.as_of_date + skus.lead_time_days + policy.review_period_days)
        ) + 1) as days
    from skus
    cross join policy
    inner join forecasts
        on skus.sku = forecasts.sku
        and forecasts.month <= skus.as_of_date + skus.lead_time_days + policy.review_period_days
        and last_day(forecasts.month) > skus.as_of_date
    left join sku_errors
        on skus.sku = sku_errors.sku

),

forecast as (

    select
        sku,
        sum(days) as days,
        any_value(relative_error) as relative_error,
        any_value(error_basis) as error_basis,
        sum(days * daily_qty) / nullif(sum(days), 0) as mean_daily,
        -- no error measure leaves σ unknown rather than understated
        case when bool_and(daily_variance is not null) then sqrt(sum(days * daily_variance) / sum(days)) end as std_daily
    from forecast_overlap
    where days > 0
    group by 1

),

with_basis as (

    select
        skus.sku,
        skus.as_of_date,
        skus.lead_time_days,
        skus.lead_time_is_default,
        case
            when policy.demand_basis = 'forecast' and forecast.days > 0 then 'forecast'
            else 'history'
        end as demand_basis,
        coalesce(forecast.days, 0) as forecast_days,
        forecast.mean_daily as forecast_mean_daily,
        forecast.std_daily as forecast_std_daily,
        forecast.relative_error as forecast_relative_error,
        forecast.error_basis as forecast_error_basis,
        coalesce(history.days, 0) as history_days,
        coalesce(history.mean_daily, 0) as history_mean_daily,
        coalesce(history.std_daily, 0) as history_std_daily
    from skus
    cross join policy
    left join forecast
        on skus.sku = forecast.sku
    left join history
        on skus.sku = history.sku

),

final as (

    select
        *,
        case when demand_basis = 'forecast' then forecast_mean_daily else history_mean_daily end as mean_daily_demand,
        case
            when demand_basis = 'forecast' and forecast_std_daily is not null then forecast_std_daily
            else history_std_daily
        end as std_daily_demand
    from with_basis

)

select * from final
