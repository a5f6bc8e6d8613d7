-- One row per customer: the first order, its month (the acquisition cohort) and the
-- channel the customer came through (the channel on the first order), with its
-- matching key (int_channel_keys) so spend, CRM sources and sales spell a channel the same way.
-- A customer the CRM or the sales knew before the first sale in the warehouse was won
-- before the history: the first order we see is not the first purchase, so such a
-- customer is flagged and counts as nobody's new customer.
with

orders as (

    select * from {{ ref('int_customer_orders') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

channel_keys as (

    select * from {{ ref('int_channel_keys') }}

),

ranked_orders as (

    select
        customer_id,
        doc_no,
        ordered_on,
        channel,
        row_number() over (partition by customer_id order by ordered_on, doc_no) as order_rank,
        count(*) over (partition by customer_id) as orders
    from orders

),

final as (

    select
        ranked_orders.customer_id,
        ranked_orders.ordered_on as first_order_on,
        date_trunc('month', ranked_orders.ordered_on)::date as acquisition_month,
        ranked_orders.doc_no as first_doc_no,
        ranked_orders.channel as acquisition_channel,
        channel_keys.channel_key,
        ranked_orders.orders,
        customers.first_seen_on,
        coalesce(customers.first_seen_on < calendar.first_sale_on, false) as is_pre_history
    from ranked_orders
    cross join calendar
    left join channel_keys
        on ranked_orders.channel = channel_keys.channel
    left join customers
        on ranked_orders.customer_id = customers.customer_id
    where ranked_orders.order_rank = 1

)

select * from final
