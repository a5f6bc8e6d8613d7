-- One row per SKU and warehouse: what to order, how much and by when.
--   d = the SKU's daily demand × the warehouse's demand share; σ = the SKU's daily σ × √share
--   (independent warehouse demands, as a Poisson stream split at random). On the forecast
--   basis the SKU's σ scales with the forecast of the window's months (int_sku_daily_demand:
--   relative forecast error × forecast), so the off-season carries a small safety stock and
--   the reorder point follows the season.
--   safety stock = z(service_level) × σ × √(lead time + review period)
--   reorder point = d × (lead time + review period) + safety stock
--   order qty = max(0, reorder point + d × review period − on hand − on order), rounded up
--               to a multiple of the minimum order quantity (whole units without one)
--   order-by date = as-of date + the whole days until on hand + on order falls to the
--                   reorder point at d a day (the as-of date when it already has)
with

positions as (

    select * from {{ ref('int_stock_position') }}

),

daily_demand as (

    select * from {{ ref('int_sku_daily_demand') }}

),

products as (

    select * from {{ ref('int_products') }}

),

policy as (

    select * from {{ ref('int_stock_policy') }}

),

demand as (

    select
        positions.*,
        daily_demand.lead_time_days,
        daily_demand.lead_time_is_default,
        daily_demand.demand_basis,
        daily_demand.mean_daily_demand * positions.demand_share as avg_daily_demand,
        daily_demand.std_daily_demand * sqrt(positions.demand_share) as std_daily_demand,
        case when daily_demand.demand_basis = 'forecast' then daily_demand.forecast_relative_error end as forecast_relative_error,
        case when daily_demand.demand_basis = 'forecast' then daily_demand.forecast_error_basis end as forecast_error_basis,
        policy.review_period_days,
        policy.service_level,
        policy.safety_factor_z,
        coalesce(nullif(products.min_order_qty, 0), 1) as order_multiple,
        products.min_order_qty,
        coalesce(products.product_name, positions.sku) as product_name,
        coalesce(products.category, 'Без категории') as category
    from positions
    inner join daily_demand
        on positions.sku = daily_demand.sku
    cross join policy
    left join products
        on positions.sku = products.sku

),

levels as (

    select
        *,
        avg_daily_demand * lead_time_days as demand_over_lead_time,
        avg_daily_demand * review_period_days as demand_over_review_period,
        safety_factor_z * std_daily_demand * sqrt(lead_time_days + review_period_days) as safety_stock,
        on_hand + on_order as inventory_position
    from demand

),

reorder as (

    select
        *,
        demand_over_lead_time + demand_over_review_period + safety_stock as reorder_point
    from levels

),

orders as (

    select
        *,
        greatest(reorder_point + demand_over_review_period - inventory_position, 0) as order_qty_needed
    from reorder

),

timing as (

    select
        *,
        -- rounded to 9 places first so 2.0000000001 packs stay 2
        ceil(round(order_qty_needed / order_multiple, 9)) * order_multiple as order_qty,
        case
            when inventory_position <= reorder_point and order_qty_needed > 0 then as_of_date
            when avg_daily_demand > 0 then (as_of_date + floor((inventory_position - reorder_point) / avg_daily_demand)::integer)::date
        end as order_by_date
    from orders

),

final as (

    select
        sku,
        warehouse,
        product_name,
        category,
        as_of_date,
        balance_snapshot_on,
        is_stale_balance,
        on_hand,
        on_order,
        next_receipt_on,
        inventory_position,
        lead_time_days,
        lead_time_is_default,
        review_period_days,
        service_level,
        safety_factor_z,
        demand_basis,
        demand_share,
        demand_share_basis,
        avg_daily_demand,
        std_daily_demand,
        forecast_relative_error,
        forecast_error_basis,
        demand_over_lead_time,
        safety_stock,
        reorder_point,
        min_order_qty,
        order_qty_needed,
        order_qty,
        -- the reorder list: the reorder point is reached today (or within the day)
        coalesce(order_by_date <= as_of_date and order_qty > 0, false) as reorder_now,
        order_by_date,
        case when avg_daily_demand > 0 then on_hand / avg_daily_demand end as days_of_cover,
        case
            when avg_daily_demand > 0 then (as_of_date + floor(on_hand / avg_daily_demand)::integer)::date
        end as projected_stockout_on,
        case
            when not avg_daily_demand > 0 then 'none'
            when on_hand / avg_daily_demand < lead_time_days then 'high'
            when on_hand / avg_daily_demand < lead_time_days + review_period_days then 'medium'
            else 'low'
        end as stock_out_risk
    from timing

)

select * from final
