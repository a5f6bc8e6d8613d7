-- One row per demand series and forecast month: the forecast lists of int_series_forecasts
-- unnested, with the series' model and backtest verdict beside each month.
with

series_forecasts as (

    select * from {{ ref('int_series_forecasts') }}

),

unnested as (

    select
        series_level,
        series_id,
        model,
        method,
        regime,
        beats_seasonal_naive,
        unnest(from_json(
            forecasts,
            '[{"month": "DATE", "step": "INTEGER", "forecast": "DOUBLE", "lo80": "DOUBLE", "hi80": "DOUBLE",
               "lo95": "DOUBLE", "hi95": "DOUBLE", "clipped": "BOOLEAN"}]'
        ), recursive := true)
    from series_forecasts
    where error is null

),

final as (

    select
        series_level,
        series_id,
        month,
        step as horizon_step,
        forecast as forecast_qty,
        lo80,
        hi80,
        lo95,
        hi95,
        clipped,
        model,
        method,
        regime,
        beats_seasonal_naive
    from unnested

)

select * from final
