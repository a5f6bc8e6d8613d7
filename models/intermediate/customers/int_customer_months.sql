-- One row per customer and calendar month in which the customer ordered (a purchase; a
-- return is none), the month's orders net of their returns (int_customer_orders), with the
-- customer's acquisition month, months since it, acquisition channel and whether the
-- customer was won before the sales history.
with

orders as (

    select * from {{ ref('int_customer_orders') }}

),

acquisition as (

    select * from {{ ref('int_customer_acquisition') }}

),

monthly_orders as (

    select
        customer_id,
        order_month as activity_month,
        count(*) as orders,
        sum(revenue) as revenue,
        sum(gross_profit) as gross_profit
    from orders
    group by customer_id, order_month

),

final as (

    select
        monthly_orders.customer_id,
        monthly_orders.activity_month,
        acquisition.acquisition_month,
        date_diff('month', acquisition.acquisition_month, monthly_orders.activity_month) as month_offset,
        acquisition.acquisition_channel,
        acquisition.channel_key,
        acquisition.is_pre_history,
        monthly_orders.orders,
        monthly_orders.revenue,
        monthly_orders.gross_profit
    from monthly_orders
    inner join acquisition
        on monthly_orders.customer_id = acquisition.customer_id

)

select * from final
