-- One row per SKU and future month: the SKU's own forecast, or — for the long tail past
-- forecast_max_sku_series — its share of its category's tail forecast (bounds scaled by
-- the same share, so they assume the tail SKUs move together). relative_error is the
-- series' backtest RMSE / root mean square forecast (the tail's for a long-tail SKU).
-- demand_forecast publishes it with the product's name and category; the stock plan's
-- daily demand (int_sku_daily_demand) reads it here.
with

forecast_months as (

    select * from {{ ref('int_series_forecast_months') }}

),

forecast_basis as (

    select * from {{ ref('int_sku_forecast_basis') }}

),

individual as (

    select
        forecast_basis.sku,
        forecast_months.month,
        forecast_months.horizon_step,
        forecast_months.forecast_qty,
        forecast_months.lo80,
        forecast_months.hi80,
        forecast_months.lo95,
        forecast_months.hi95,
        forecast_months.model,
        forecast_months.method,
        forecast_basis.forecast_basis,
        null::double as tail_share,
        forecast_months.regime,
        forecast_months.beats_seasonal_naive,
        forecast_months.clipped,
        forecast_months.relative_error
    from forecast_months
    inner join forecast_basis
        on forecast_months.series_level = 'sku'
        and forecast_months.series_id = forecast_basis.sku
    where forecast_basis.forecast_basis = 'individual'

),

long_tail as (

    select
        forecast_basis.sku,
        forecast_months.month,
        forecast_months.horizon_step,
        forecast_basis.tail_share * forecast_months.forecast_qty as forecast_qty,
        forecast_basis.tail_share * forecast_months.lo80 as lo80,
        forecast_basis.tail_share * forecast_months.hi80 as hi80,
        forecast_basis.tail_share * forecast_months.lo95 as lo95,
        forecast_basis.tail_share * forecast_months.hi95 as hi95,
        'category_share:' || forecast_months.model as model,
        'share of the category tail forecast (' || forecast_months.method || ')' as method,
        forecast_basis.forecast_basis,
        forecast_basis.tail_share,
        forecast_months.regime,
        forecast_months.beats_seasonal_naive,
        forecast_months.clipped,
        forecast_months.relative_error
    from forecast_months
    inner join forecast_basis
        on forecast_months.series_level = 'category_tail'
        and forecast_months.series_id = forecast_basis.category
    where forecast_basis.forecast_basis = 'category_share'

),

combined as (

    select * from individual
    union all
    select * from long_tail

)

select * from combined
