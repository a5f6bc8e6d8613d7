-- One row per sales line, with the resolved customer, product category and the
-- customer's acquisition channel and first month of purchase. Returns are lines too
-- (negative quantity, revenue and cost), marked and tied to the sale they return
-- (int_sales_return_lines), so every sum over it is net. The line is assembled here, not
-- in fct_sales, so intermediate models (orders, monthly demand, ABC/XYZ, stock) read it
-- without reading a mart; fct_sales publishes it.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

products as (

    select * from {{ ref('int_products') }}

),

sales_customers as (

    select * from {{ ref('int_sales_customers') }}

),

-- first purchase as dim_customer has it, one definition for both
customer_activity as (

    select * from {{ ref('int_customer_activity') }}

),

return_lines as (

    select * from {{ ref('int_sales_return_lines') }}

),

joined as (

    select
        -- ids
        sales.sales_line_id,
        sales.doc_no,
        sales.line_no,
        sales_customers.customer_id,
        sales_customers.legal_entity_id,
        sales.sku,

        -- dates
        sales.sold_on,
        date_trunc('month', sales.sold_on)::date as sold_month,

        -- product
        coalesce(products.product_name, sales.product_name) as product_name,
        coalesce(sales.category, products.category, 'Без категории') as category,

        -- quantities and money
        sales.qty,
        sales.unit_price,
        sales.revenue,
        coalesce(sales.cost, round(products.unit_cost * sales.qty, 2)) as cost,

        -- attribution
        sales.manager,
        sales.warehouse,
        coalesce(sales_customers.acquisition_channel, sales.sales_channel, 'Не указан') as channel,
        coalesce(sales.city, sales_customers.city) as city,

        -- returns
        sales.is_return,
        return_lines.return_basis,
        return_lines.return_of_doc_no,
        return_lines.return_of_sold_on

    from sales
    left join products
        on sales.sku = products.sku
    left join sales_customers
        on sales.sales_line_id = sales_customers.sales_line_id
    left join return_lines
        on sales.sales_line_id = return_lines.sales_line_id

),

final as (

    select
        joined.*,
        date_trunc('month', customer_activity.first_purchase_on)::date as customer_first_month,
        joined.revenue - joined.cost as gross_profit,
        -- a return's revenue and cost are both negative: its margin is the one the goods
        -- returned had; revenue and cost of opposite signs (a price correction) have none
        case
            when joined.revenue <> 0 and sign(joined.revenue) * sign(joined.cost) >= 0
                then round(100 * (joined.revenue - joined.cost) / joined.revenue, 2)
        end as margin_pct
    from joined
    left join customer_activity
        on joined.customer_id = customer_activity.customer_id

)

select * from final
