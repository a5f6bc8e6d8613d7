-- One row per category and future month: the category's own forecast (categories as on
-- the sales lines, all SKUs together), chosen by backtest like an SKU's.
with

forecast_months as (

    select * from {{ ref('int_series_forecast_months') }}

),

final as (

    select
        series_id as category,
        month,
        horizon_step,
        forecast_qty,
        lo80,
        hi80,
        lo95,
        hi95,
        model,
        method,
        regime,
        beats_seasonal_naive,
        clipped
    from forecast_months
    where series_level = 'category'

)

select * from final
