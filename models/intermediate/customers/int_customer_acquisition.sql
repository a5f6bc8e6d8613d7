-- One row per customer: the first order, its month (the acquisition cohort) and the
-- channel the customer came through (the channel on the first order), with a
-- matching key so spend, CRM sources and sales spell a channel the same way.
with

orders as (

    select * from {{ ref('int_customer_orders') }}

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
        customer_id,
        ordered_on as first_order_on,
        date_trunc('month', ordered_on)::date as acquisition_month,
        doc_no as first_doc_no,
        channel as acquisition_channel,
        -- case, surrounding and repeated spaces do not make another channel
        lower(regexp_replace(trim(channel), '\s+', ' ', 'g')) as channel_key,
        orders
    from ranked_orders
    where order_rank = 1

)

select * from final
