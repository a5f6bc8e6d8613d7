-- One row per SKU: ABC class by revenue and by gross profit, XYZ class by demand
-- variability, over the last xyz_months full months (see int_abc_xyz for the rules).
with

abc_xyz_items as (

    select * from {{ ref('int_abc_xyz') }}

),

products as (

    select * from {{ ref('int_products') }}

),

final as (

    select
        -- item
        abc_xyz_items.item as sku,
        products.product_name,
        products.category,

        -- window
        abc_xyz_items.window_start,
        abc_xyz_items.window_end,
        abc_xyz_items.window_months,

        -- ABC by revenue
        abc_xyz_items.revenue,
        abc_xyz_items.revenue_share,
        abc_xyz_items.cumulative_revenue_share,
        abc_xyz_items.revenue_rank,
        abc_xyz_items.abc_class,

        -- ABC by gross profit
        abc_xyz_items.gross_profit,
        abc_xyz_items.gross_profit_share,
        abc_xyz_items.cumulative_gross_profit_share,
        abc_xyz_items.abc_class_gp,

        -- XYZ
        abc_xyz_items.qty,
        abc_xyz_items.months_with_sales,
        abc_xyz_items.xyz_months,
        abc_xyz_items.mean_monthly_qty,
        abc_xyz_items.std_monthly_qty,
        abc_xyz_items.demand_cv,
        abc_xyz_items.xyz_class,
        abc_xyz_items.abc_class || abc_xyz_items.xyz_class as abc_xyz_class

    from abc_xyz_items
    left join products
        on abc_xyz_items.item = products.sku
    where abc_xyz_items.level = 'sku'

)

select * from final
