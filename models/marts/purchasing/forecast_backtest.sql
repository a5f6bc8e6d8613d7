-- One row per demand series and model tried on it: rolling-origin backtest sMAPE and MASE
-- beside the benchmark's (seasonal naive; naive when less than a year precedes the first
-- origin) on the same points, and RMSE with the mean actual and the root mean square
-- forecast. The chosen row is the forecast demand_forecast shows. sMAPE is null when every
-- scored actual is 0 (see the YAML); the models are then compared by MASE, or RMSE.
with

series_forecasts as (

    select * from {{ ref('int_series_forecasts') }}

),

unnested as (

    select
        series_level,
        series_id,
        selected_by,
        benchmark_model,
        benchmark_smape,
        benchmark_mase,
        benchmark_rmse,
        unnest(from_json(
            backtest,
            '[{"model": "VARCHAR", "method": "VARCHAR", "smape": "DOUBLE", "mase": "DOUBLE", "rmse": "DOUBLE",
               "mean_actual": "DOUBLE", "forecast_rms": "DOUBLE", "points": "INTEGER",
               "origins": "INTEGER", "is_chosen": "BOOLEAN", "is_benchmark": "BOOLEAN"}]'
        ), recursive := true)
    from series_forecasts
    where error is null

),

final as (

    select
        series_level,
        series_id,
        model,
        method,
        contains(model, '+') as is_pool,
        smape,
        mase,
        rmse,
        mean_actual,
        forecast_rms,
        points,
        origins,
        is_chosen,
        is_benchmark,
        benchmark_model,
        benchmark_smape,
        benchmark_mase,
        benchmark_rmse,
        selected_by,
        case selected_by
            when 'mase' then mase < benchmark_mase
            when 'smape' then smape < benchmark_smape
            when 'rmse' then rmse < benchmark_rmse
        end as beats_seasonal_naive
    from unnested

)

select * from final
