-- One row per SKU: the SKU card where one was loaded, else what the sales lines say,
-- so ABC/XYZ and forecasts work on an accounting export alone.
with

skus as (

    select * from {{ ref('stg_stock__skus') }}

),

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

skus_seen_in_sales as (

    select
        sku,
        -- the most frequent name and category written on the sales lines
        mode(product_name) as product_name,
        mode(category) as category,
        -- what the goods sold for and cost: returns would only blur it
        sum(cost) filter (where not is_return) / nullif(sum(qty) filter (where not is_return), 0) as unit_cost,
        sum(revenue) filter (where not is_return) / nullif(sum(qty) filter (where not is_return), 0) as list_price
    from sales
    where sku is not null
    group by 1

),

combined as (

    select
        coalesce(skus.sku, seen.sku) as sku,
        coalesce(skus.product_name, seen.product_name, coalesce(skus.sku, seen.sku)) as product_name,
        coalesce(
            case when skus.category <> 'Без категории' then skus.category end,
            seen.category,
            'Без категории'
        ) as category,
        skus.unit,
        skus.supplier,
        coalesce(skus.unit_cost, round(seen.unit_cost, 2)) as unit_cost,
        coalesce(skus.list_price, round(seen.list_price, 2)) as list_price,
        skus.lead_time_days,
        skus.min_order_qty,
        skus.sku is not null as has_sku_card
    from skus
    full outer join skus_seen_in_sales as seen
        on skus.sku = seen.sku

)

select * from combined
