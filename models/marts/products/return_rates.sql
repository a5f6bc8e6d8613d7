-- One row per month × category × SKU with any sale or return: what was sold and what came
-- back that month, and the return rate by quantity and by value. Returns count in the month
-- they are dated (as the accounting books them), not in the month of the sale returned, so a
-- period's rate is its returns over its sales: sum the figures over the months first, then
-- divide. A line without an SKU code is a row of its category with sku null.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

monthly as (

    select
        sold_month as month,
        category,
        sku,
        -- the name the SKU's lines carry most in the month
        mode(product_name) as product_name,
        coalesce(sum(qty) filter (where not is_return), 0) as sold_qty,
        coalesce(sum(revenue) filter (where not is_return), 0) as sold_revenue,
        coalesce(-sum(qty) filter (where is_return), 0) as returned_qty,
        coalesce(-sum(revenue) filter (where is_return), 0) as returned_revenue,
        coalesce(-sum(gross_profit) filter (where is_return), 0) as returned_gross_profit,
        count(*) filter (where is_return) as return_lines,
        count(distinct doc_no) filter (where is_return) as return_docs
    from sales
    group by sold_month, category, sku

),

final as (

    select
        month,
        category,
        sku,
        product_name,
        sold_qty,
        sold_revenue,
        returned_qty,
        returned_revenue,
        returned_gross_profit,
        return_lines,
        return_docs,
        case when sold_qty > 0 then returned_qty / sold_qty end as qty_return_rate,
        case when sold_revenue > 0 then returned_revenue / sold_revenue end as value_return_rate
    from monthly

)

select * from final
