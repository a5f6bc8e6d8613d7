-- One row per SKU and month, from the SKU's first sale month to the last full month,
-- without gaps: a month without sales is 0, so a time series can be read straight off.
-- SKUs first sold in the (incomplete) current month have no full month yet and no rows.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

products as (

    select * from {{ ref('int_products') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

monthly_sales as (

    select
        sales.sku,
        sales.sold_month as month,
        sum(sales.qty) as qty,
        sum(sales.revenue) as revenue
    from sales
    cross join calendar
    where sales.sku is not null
        and sales.sold_month <= calendar.last_full_month
    group by 1, 2

),

sku_spans as (

    select
        sku,
        min(month) as first_month
    from monthly_sales
    group by 1

),

sku_months as (

    select
        sku_spans.sku,
        unnest(generate_series(sku_spans.first_month, calendar.last_full_month, interval 1 month))::date as month
    from sku_spans
    cross join calendar

),

final as (

    select
        sku_months.sku,
        coalesce(products.category, 'Без категории') as category,
        sku_months.month,
        (date_diff('month', sku_spans.first_month, sku_months.month) + 1)::integer as month_no,
        coalesce(monthly_sales.qty, 0) as qty,
        coalesce(monthly_sales.revenue, 0) as revenue,
        monthly_sales.sku is not null as has_sales
    from sku_months
    inner join sku_spans
        on sku_months.sku = sku_spans.sku
    left join monthly_sales
        on sku_months.sku = monthly_sales.sku
        and sku_months.month = monthly_sales.month
    left join products
        on sku_months.sku = products.sku

)

select * from final
