-- One row per series level and model: mean backtest sMAPE and MASE over the series it was
-- tried on, beside seasonal naive's means over the same series, and how many series it beat
-- the benchmark on. Model 'chosen' is the forecast actually shown for each series.
with

backtest as (

    select * from {{ ref('forecast_backtest') }}

),

rows_by_model as (

    select series_level, model, series_id, smape, mase, benchmark_smape, benchmark_mase, beats_seasonal_naive
    from backtest
    where not is_pool
    union all
    select series_level, 'chosen' as model, series_id, smape, mase, benchmark_smape, benchmark_mase, beats_seasonal_naive
    from backtest
    where is_chosen

),

final as (

    select
        series_level,
        model,
        count(*)::integer as series,
        avg(smape) as mean_smape,
        avg(mase) as mean_mase,
        avg(benchmark_smape) as benchmark_mean_smape,
        avg(benchmark_mase) as benchmark_mean_mase,
        (count(*) filter (where beats_seasonal_naive))::integer as series_beating_benchmark,
        (count(*) filter (where beats_seasonal_naive))::double / count(*) as share_beating_benchmark
    from rows_by_model
    group by series_level, model

)

select * from final
