-- One row per customer order (sales document): when it was placed, what it brought and
-- the channel on its first line. RFM, cohorts and channel attribution count orders here.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

orders as (

    select
        customer_id,
        doc_no,
        -- a document is dated once; min() guards against lines typed with other dates
        min(sold_on) as ordered_on,
        arg_min(channel, line_no) as channel,
        count(*) as lines,
        sum(revenue) as revenue,
        -- null only when no line of the order has a known cost
        sum(gross_profit) as gross_profit
    from sales
    group by customer_id, doc_no

),

final as (

    select
        customer_id,
        doc_no,
        ordered_on,
        date_trunc('month', ordered_on)::date as order_month,
        channel,
        lines,
        revenue,
        gross_profit
    from orders

)

select * from final
