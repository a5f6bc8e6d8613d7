-- One row per acquisition cohort (month of the customers' first order) and month offset
-- (0 = the acquisition month) up to the latest month with sales (int_data_calendar): customers retained
-- (ordered in that month: a return retains nobody), cohort size, retention, revenue net of
-- returns (int_customer_orders) and cumulative revenue per customer. Offsets in which
-- nobody ordered are rows with zeros, so the triangle is whole.
-- The latest month may be incomplete. Customers won before the sales history
-- (int_customer_acquisition.is_pre_history) are left out: their first order in the data
-- is not their first purchase, so they belong to no cohort.
with

acquisition as (

    select * from {{ ref('int_customer_acquisition') }}

),

customer_months as (

    select * from {{ ref('int_customer_months') }}

),

cohort_sizes as (

    select
        acquisition_month,
        count(*) as cohort_size
    from acquisition
    where not is_pre_history
    group by acquisition_month

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

cohort_offsets as (

    select
        cohort_sizes.acquisition_month,
        cohort_sizes.cohort_size,
        unnest(range(0, date_diff('month', cohort_sizes.acquisition_month, calendar.last_sale_month) + 1)) as month_offset
    from cohort_sizes
    cross join calendar

),

cohort_activity as (

    select
        acquisition_month,
        month_offset,
        count(*) as customers_retained,
        sum(orders) as orders,
        sum(revenue) as revenue,
        sum(gross_profit) as gross_profit
    from customer_months
    where not is_pre_history
    group by acquisition_month, month_offset

),

joined as (

    select
        cohort_offsets.acquisition_month,
        cohort_offsets.month_offset,
        (cohort_offsets.acquisition_month + to_months(cohort_offsets.month_offset))::date as activity_month,
        cohort_offsets.cohort_size,
        coalesce(cohort_activity.customers_retained, 0) as customers_retained,
        coalesce(cohort_activity.orders, 0) as orders,
        coalesce(cohort_activity.revenue, 0) as revenue,
        coalesce(cohort_activity.gross_profit, 0) as gross_profit
    from cohort_offsets
    left join cohort_activity
        on cohort_offsets.acquisition_month = cohort_activity.acquisition_month
        and cohort_offsets.month_offset = cohort_activity.month_offset

),

final as (

    select
        acquisition_month,
        month_offset,
        activity_month,
        cohort_size,
        customers_retained,
        round(100.0 * customers_retained / cohort_size, 2) as retention_pct,
        orders,
        revenue,
        gross_profit,
        sum(revenue) over (
            partition by acquisition_month order by month_offset
        ) as cumulative_revenue,
        round(sum(revenue) over (
            partition by acquisition_month order by month_offset
        ) / cohort_size, 2) as cumulative_revenue_per_customer
    from joined

)

select * from final
