-- One row per product category: ABC class by revenue and by gross profit, XYZ class by
-- the variability of the category's monthly quantity, over the same window as abc_xyz.
-- Categories are ranked among categories; lines without an SKU code count here too.
with

abc_xyz_items as (

    select * from {{ ref('int_abc_xyz') }}

),

final as (

    select
        -- item
        item as category,

        -- window
        window_start,
        window_end,
        window_months,

        -- ABC by revenue
        revenue,
        revenue_share,
        cumulative_revenue_share,
        revenue_rank,
        abc_class,

        -- ABC by gross profit
        gross_profit,
        gross_profit_share,
        cumulative_gross_profit_share,
        abc_class_gp,

        -- XYZ
        qty,
        months_with_sales,
        xyz_months,
        mean_monthly_qty,
        std_monthly_qty,
        demand_cv,
        xyz_class,
        abc_class || xyz_class as abc_xyz_class

    from abc_xyz_items
    where level = 'category'

)

select * from final
