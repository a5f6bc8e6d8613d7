-- One row per customer order (purchase document: a sales document with a line that is not
-- a return): when it was placed, what it brought net of the goods later returned from it,
-- and the channel on its first line. RFM, cohorts, channel attribution and the LTV input
-- count orders here. A return is no order and no purchase day: its money nets the order it
-- returns (int_sales_lines.return_of_doc_no), in that order's month. Returns of goods bought
-- before the sales history net nothing here: their sale is not counted either.
with

sales as (

    select * from {{ ref('int_sales_lines') }}

),

orders as (

    select
        customer_id,
        doc_no,
        -- a document is dated once; min() guards against lines typed with other dates
        min(sold_on) as ordered_on,
        arg_min(channel, line_no) as channel,
        count(*) as lines
    from sales
    where not is_return
    group by customer_id, doc_no

),

-- each line's money to the order it belongs to: its own document, or the one it returns
order_money as (

    select
        customer_id,
        case when is_return then return_of_doc_no else doc_no end as doc_no,
        sum(revenue) as revenue,
        -- null only when no line of the order has a known cost
        sum(gross_profit) as gross_profit,
        coalesce(-sum(revenue) filter (where is_return), 0) as returned_revenue
    from sales
    where not is_return or return_of_doc_no is not null
    group by 1, 2

),

final as (

    select
        orders.customer_id,
        orders.doc_no,
        orders.ordered_on,
        date_trunc('month', orders.ordered_on)::date as order_month,
        orders.channel,
        orders.lines,
        order_money.revenue,
        order_money.gross_profit,
        order_money.returned_revenue
    from orders
    inner join order_money
        on orders.customer_id = order_money.customer_id
        and orders.doc_no = order_money.doc_no

)

select * from final
