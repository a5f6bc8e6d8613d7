-- One row per category and month, from the category's first sale month to the last full
-- month, without gaps (0 without sales). Categories as on the sales lines, as in
-- abc_xyz_category. Summed over categories it is the company's monthly revenue.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

monthly_sales as (

    select
        sales.category,
        sales.sold_month as month,
        sum(sales.qty) as qty,
        sum(sales.revenue) as revenue,
        sum(sales.gross_profit) as gross_profit
    from sales
    cross join calendar
    where sales.sold_month <= calendar.last_full_month
    group by 1, 2

),

category_spans as (

    select
        category,
        min(month) as first_month
    from monthly_sales
    group by 1

),

category_months as (

    select
        category_spans.category,
        unnest(generate_series(category_spans.first_month, calendar.last_full_month, interval 1 month))::date as month
    from category_spans
    cross join calendar

),

final as (

    select
        category_months.category,
        category_months.month,
        (date_diff('month', category_spans.first_month, category_months.month) + 1)::integer as month_no,
        coalesce(monthly_sales.qty, 0) as qty,
        coalesce(monthly_sales.revenue, 0) as revenue,
        coalesce(monthly_sales.gross_profit, 0) as gross_profit,
        monthly_sales.category is not null as has_sales
    from category_months
    inner join category_spans
        on category_months.category = category_spans.category
    left join monthly_sales
        on category_months.category = monthly_sales.category
        and category_months.month = monthly_sales.month

)

select * from final
