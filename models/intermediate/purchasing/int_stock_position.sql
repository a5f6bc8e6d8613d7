-- One row per SKU and warehouse the stock plan covers: on hand, on order and the share of
-- the SKU's demand the warehouse serves. Covered: every pair in the balances, plus pairs
-- that shipped within the history window or expect a receipt, in a warehouse the balances
-- know (a balance export leaves out zero lines). No balances loaded: no rows, since a
-- reorder plan without stock would be invented.
-- As-of date ("today"): the latest balance snapshot. A pair whose row is older than its
-- warehouse's latest snapshot was left out of that snapshot, so it counts as 0 (flagged).
with

balances as (

    select * from {{ ref('stg_stock__balances') }}

),

receipts as (

    select * from {{ ref('stg_stock__receipts') }}

),

sales as (

    select * from {{ ref('int_sales_lines') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

policy as (

    select * from {{ ref('int_stock_policy') }}

),

latest_balances as (

    select sku, warehouse, qty_on_hand, snapshot_date
    from balances
    qualify row_number() over (partition by sku, warehouse order by snapshot_date desc) = 1

),

warehouse_snapshots as (

    select warehouse, max(snapshot_date) as latest_snapshot_on
    from latest_balances
    group by 1

),

as_of as (

    select max(latest_snapshot_on) as as_of_date
    from warehouse_snapshots

),

-- the history window ends on the latest sale, so a balance dated after the sales export
-- does not add days without sales
history_window as (

    select
        calendar.last_sale_on - (policy.history_days - 1) as window_start,
        calendar.last_sale_on as window_end
    from calendar
    cross join policy

),

-- goods out only: a return coming back to a warehouse is not negative demand there, and
-- net quantities would give a warehouse whose returns exceed its sales a negative share
shipments as (

    select
        sales.sku,
        sales.warehouse,
        sum(sales.qty) filter (
            where sales.sold_on between history_window.window_start and history_window.window_end
        ) as shipped_recent,
        sum(sales.qty) as shipped_all
    from sales
    cross join history_window
    where sales.sku is not null
        and sales.warehouse is not null
        and not sales.is_return
        and sales.qty > 0
    group by 1, 2

),

on_order as (

    select
        receipts.sku,
        receipts.warehouse,
        sum(receipts.qty_received) as qty_on_order,
        min(receipts.received_on) as next_receipt_on
    from receipts
    cross join as_of
    where receipts.received_on > as_of.as_of_date
    group by 1, 2

),

pairs as (

    select sku, warehouse from latest_balances
    union
    select sku, warehouse from shipments where shipped_recent > 0
    union
    select sku, warehouse from on_order

),

positions as (

    select
        pairs.sku,
        pairs.warehouse,
        as_of.as_of_date,
        latest_balances.snapshot_date as balance_snapshot_on,
        latest_balances.sku is not null as has_balance_row,
        latest_balances.snapshot_date < warehouse_snapshots.latest_snapshot_on as is_stale_balance,
        case
            when latest_balances.snapshot_date = warehouse_snapshots.latest_snapshot_on then latest_balances.qty_on_hand
            else 0
        end as on_hand,
        coalesce(on_order.qty_on_order, 0) as on_order,
        on_order.next_receipt_on,
        coalesce(shipments.shipped_recent, 0) as shipped_recent,
        coalesce(shipments.shipped_all, 0) as shipped_all
    from pairs
    inner join warehouse_snapshots
        on pairs.warehouse = warehouse_snapshots.warehouse
    cross join as_of
    left join latest_balances
        on pairs.sku = latest_balances.sku
        and pairs.warehouse = latest_balances.warehouse
    left join on_order
        on pairs.sku = on_order.sku
        and pairs.warehouse = on_order.warehouse
    left join shipments
        on pairs.sku = shipments.sku
        and pairs.warehouse = shipments.warehouse

),

sku_totals as (

    select
        *,
        sum(shipped_recent) over (partition by sku) as sku_shipped_recent,
        sum(shipped_all) over (partition by sku) as sku_shipped_all,
        sum(on_hand) over (partition by sku) as sku_on_hand,
        count(*) over (partition by sku) as sku_warehouses
    from positions

),

final as (

    select
        sku,
        warehouse,
        as_of_date,
        balance_snapshot_on,
        has_balance_row,
        coalesce(is_stale_balance, false) as is_stale_balance,
        on_hand,
        on_order,
        next_receipt_on,
        shipped_recent,
        case
            when sku_shipped_recent > 0 then shipped_recent / sku_shipped_recent
            when sku_shipped_all > 0 then shipped_all / sku_shipped_all
            when sku_on_hand > 0 then on_hand / sku_on_hand
            else 1.0 / sku_warehouses
        end as demand_share,
        case
            when sku_shipped_recent > 0 then 'shipments_recent'
            when sku_shipped_all > 0 then 'shipments_all'
            when sku_on_hand > 0 then 'stock'
            else 'equal'
        end as demand_share_basis
    from sku_totals

)

select * from final
