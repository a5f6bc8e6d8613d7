-- One row per item (SKU or category) and month of the ABC/XYZ analysis window: quantity,
-- revenue and gross profit sold, zero in months without sales.
-- The window is the last var('xyz_months') FULL months of the data (int_data_calendar's
-- last full month and back); months before the first sale in the warehouse are not in the
-- data, so they are left out, not counted as 0.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

analysis_window as (

    select
        greatest(first_sale_month, (last_full_month - to_months({{ var('xyz_months') }} - 1))::date) as window_start,
        last_full_month as window_end
    from calendar

),

window_months as (

    select unnest(generate_series(window_start, window_end, interval 1 month))::date as month
    from analysis_window
    where window_start <= window_end

),

-- every SKU and category ever sold: one with no sales in the window still gets its rows
items as (

    select distinct 'sku' as level, sku as item from sales where sku is not null
    union all
    select distinct 'category' as level, category as item from sales

),

window_sales as (

    select
        sales.sku,
        sales.category,
        sales.sold_month,
        sales.qty,
        sales.revenue,
        sales.gross_profit
    from sales
    inner join analysis_window
        on sales.sold_month between analysis_window.window_start and analysis_window.window_end

),

monthly_sales as (

    select 'sku' as level, sku as item, sold_month as month, sum(qty) as qty, sum(revenue) as revenue, sum(gross_profit) as gross_profit
    from window_sales
    where sku is not null
    group by sku, sold_month
    union all
    select 'category' as level, category as item, sold_month as month, sum(qty) as qty, sum(revenue) as revenue, sum(gross_profit) as gross_profit
    from window_sales
    group by category, sold_month

),

final as (

    select
        items.level,
        items.item,
        window_months.month,
        coalesce(monthly_sales.qty, 0) as qty,
        coalesce(monthly_sales.revenue, 0) as revenue,
        coalesce(monthly_sales.gross_profit, 0) as gross_profit,
        monthly_sales.item is not null as has_sales
    from items
    cross join window_months
    left join monthly_sales
        on items.level = monthly_sales.level
        and items.item = monthly_sales.item
        and window_months.month = monthly_sales.month

)

select * from final
