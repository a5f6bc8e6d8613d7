-- One row per future month (forecast_horizon_months from the month after the last full
-- month): revenue expected from the open pipeline (amount × stage win probability, in the
-- expected close month) beside the seasonal projection (trend × seasonal index of monthly
-- revenue) and the sales plan. The two forecasts answer different questions and are not
-- added: the pipeline covers deals already in the CRM, the projection all sales.
with

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

projection as (

    select * from {{ ref('int_revenue_projection') }}

),

pipeline as (

    select * from {{ ref('int_open_pipeline') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

plan as (

    select * from {{ ref('stg_accounting__sales_plan') }}

),

sales as (

    select * from {{ ref('fct_sales') }}

),

months as (

    select
        unnest(generate_series(
            first_forecast_month,
            (first_forecast_month + to_months({{ var('forecast_horizon_months') }} - 1))::date,
            interval 1 month
        ))::date as month,
        unnest(generate_series(1, {{ var('forecast_horizon_months') }}))::integer as horizon_step
    from calendar
    -- no sales, no months to forecast
    where first_forecast_month is not null

),

pipeline_by_month as (

    select
        expected_close_month as month,
        count(*)::integer as deals,
        sum(deal_amount) as amount,
        sum(expected_revenue) as expected_revenue
    from pipeline
    group by 1

),

pipeline_status as (

    select
        case
            when (select count(*) from deals) = 0 then 'no_crm_data'
            when (select count(*) from pipeline) = 0 then 'no_open_deals'
            when (select count(*) from pipeline where probability_basis <> 'none') = 0 then 'no_closed_deals'
            else 'ok'
        end as status

),

plan_by_month as (

    select plan_month as month, sum(plan_amount) as plan_amount
    from plan
    group by 1

),

sales_by_month as (

    select sold_month as month, sum(revenue) as revenue
    from sales
    group by 1

),

final as (

    select
        months.month,
        months.horizon_step,
        coalesce(pipeline_by_month.deals, 0) as pipeline_deals,
        coalesce(pipeline_by_month.amount, 0) as pipeline_amount,
        coalesce(pipeline_by_month.expected_revenue, 0) as pipeline_expected_revenue,
        pipeline_status.status as pipeline_status,
        projection.forecast as seasonal_forecast,
        projection.lo80 as seasonal_lo80,
        projection.hi80 as seasonal_hi80,
        projection.lo95 as seasonal_lo95,
        projection.hi95 as seasonal_hi95,
        projection.trend as seasonal_trend,
        projection.seasonal_index,
        case when projection.month is null then 'too_short' else 'ok' end as seasonal_status,
        plan_by_month.plan_amount,
        sales_by_month.revenue as actual_revenue_to_date
    from months
    cross join pipeline_status
    left join pipeline_by_month
        on months.month = pipeline_by_month.month
    left join projection
        on months.month = projection.month
    left join plan_by_month
        on months.month = plan_by_month.month
    left join sales_by_month
        on months.month = sales_by_month.month

)

select * from final
