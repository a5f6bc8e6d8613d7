-- One row per item (level sku or category) and month, from the item's first sale month to
-- the last full month (int_data_calendar), without gaps: a month without sales is 0, so a
-- time series can be read straight off. The forecasts, seasonal indices and revenue
-- projection read whole series; ABC/XYZ reads its window of the last full months.
-- Categories as on the sales lines (summed over them: the company's monthly sales); an
-- SKU's category is its card's. An item first sold in the (incomplete) current month has
-- no full month yet and no rows.
-- Net of returns: qty, revenue and gross profit are what was sold minus what came back in
-- the month (a return counts in its own month), so a month can be negative when more came
-- back than went out; returned_qty keeps what came back, so qty + returned_qty is the gross
-- quantity shipped.
with

sales as (

    select * from {{ ref('int_sales_lines') }}

),

products as (

    select * from {{ ref('int_products') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

full_month_sales as (

    select
        sales.sku,
        sales.category,
        sales.sold_month,
        sales.qty,
        sales.is_return,
        case when sales.is_return then -sales.qty else 0 end as returned_qty,
        sales.revenue,
        sales.gross_profit
    from sales
    cross join calendar
    where sales.sold_month <= calendar.last_full_month

),

monthly_sales as (

    select 'sku' as level, sku as item, sold_month as month, sum(qty) as qty, sum(returned_qty) as returned_qty, sum(revenue) as revenue, sum(gross_profit) as gross_profit,
        bool_or(not is_return) as has_sales
    from full_month_sales
    where sku is not null
    group by sku, sold_month

    union all

    select 'category' as level, category as item, sold_month as month, sum(qty) as qty, sum(returned_qty) as returned_qty, sum(revenue) as revenue, sum(gross_profit) as gross_profit,
        bool_or(not is_return) as has_sales
    from full_month_sales
    group by category, sold_month

),

item_spans as (

    select
        level,
        item,
        min(month) as first_month
    from monthly_sales
    group by 1, 2

),

item_months as (

    select
        item_spans.level,
        item_spans.item,
        item_spans.first_month,
        unnest(generate_series(item_spans.first_month, calendar.last_full_month, interval 1 month))::date as month
    from item_spans
    cross join calendar

),

final as (

    select
        item_months.level,
        item_months.item,
        case
            when item_months.level = 'sku' then coalesce(products.category, 'Без категории')
            else item_months.item
        end as category,
        item_months.month,
        (date_diff('month', item_months.first_month, item_months.month) + 1)::integer as month_no,
        coalesce(monthly_sales.qty, 0) as qty,
        coalesce(monthly_sales.returned_qty, 0) as returned_qty,
        coalesce(monthly_sales.revenue, 0) as revenue,
        -- lines without a known cost add nothing
        coalesce(monthly_sales.gross_profit, 0) as gross_profit,
        coalesce(monthly_sales.has_sales, false) as has_sales
    from item_months
    left join monthly_sales
        on item_months.level = monthly_sales.level
        and item_months.item = monthly_sales.item
        and item_months.month = monthly_sales.month
    left join products
        on item_months.level = 'sku'
        and item_months.item = products.sku

)

select * from final
