-- One row per demand series and forecast month: the forecast lists of int_series_forecasts
-- unnested, with the series' model, backtest verdict and relative error beside each month.
-- Relative error (of the forecast used, over its backtest months) = RMSE / root mean square
-- forecast: the σ of a multiplicative error, actual = forecast × (1 + ε), each month weighted
-- by its forecast² (so a peak's errors are set against the peak's level, not the year's mean;
-- for a flat forecast it gives back the RMSE in units).
with

series_forecasts as (

    select * from {{ ref('int_series_forecasts') }}

),

chosen_backtest as (

    select
        series_level,
        series_id,
        rmse,
        forecast_rms
    from (
        select
            series_level,
            series_id,
            unnest(from_json(
                backtest,
                '[{"rmse": "DOUBLE", "forecast_rms": "DOUBLE", "is_chosen": "BOOLEAN"}]'
            ), recursive := true)
        from series_forecasts
        where error is null
    )
    where is_chosen

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
        unnested.series_level,
        unnested.series_id,
        unnested.month,
        unnested.step as horizon_step,
        forecast as forecast_qty,
        lo80,
        hi80,
        lo95,
        hi95,
        clipped,
        model,
        method,
        regime,
        beats_seasonal_naive,
        -- not backtested (under 4 months) or nothing forecast in the backtest months: unknown
        chosen_backtest.rmse / nullif(chosen_backtest.forecast_rms, 0) as relative_error
    from unnested
    left join chosen_backtest
        on unnested.series_level = chosen_backtest.series_level
        and unnested.series_id = chosen_backtest.series_id

)

select * from final
