-- One row per return line (stg_accounting__sales.is_return): the customer's purchase
-- document in the data it nets against, so a customer's value and an order's worth are
-- told net of what came back, while a return day stays no purchase of its own.
-- A purchase document is one with any line that is not a return. The sale returned is, in
-- this order:
--   same_document  the line is a negative line of a purchase document itself;
--   basis          the document the return names (basis_doc), matched on the customer's
--                  purchases on or before the return, by the whole text or by the number in
--                  a 1C presentation («Реализация товаров и услуг ТД00-000123 от …»);
--   sku            else the customer's latest purchase of the same SKU on or before it;
--   latest         a line without an SKU code: the customer's latest purchase on or before it.
-- Nothing matches (goods bought before the sales history): no sale, return_of_doc_no null.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

sales_customers as (

    select * from {{ ref('int_sales_customers') }}

),

lines as (

    select
        sales.sales_line_id,
        sales.doc_no,
        sales.sold_on,
        sales.sku,
        sales.is_return,
        sales.basis_doc,
        sales_customers.customer_id,
        bool_or(not sales.is_return) over (partition by sales.doc_no) as is_purchase_document
    from sales
    inner join sales_customers
        on sales.sales_line_id = sales_customers.sales_line_id

),

purchases as (

    select
        customer_id,
        doc_no,
        document_number(doc_no) as doc_number,
        min(sold_on) as sold_on
    from lines
    where is_purchase_document
    group by customer_id, doc_no

),

purchased_skus as (

    select distinct customer_id, doc_no, sku
    from lines
    where is_purchase_document and not is_return and sku is not null

),

return_lines as (

    select
        *,
        document_number(basis_doc) as basis_number
    from lines
    where is_return and not is_purchase_document

),

by_basis as (

    select
        return_lines.sales_line_id,
        arg_max(purchases.doc_no, purchases.sold_on::varchar || purchases.doc_no) as doc_no
    from return_lines
    inner join purchases
        on return_lines.customer_id = purchases.customer_id
        and purchases.sold_on <= return_lines.sold_on
        and (return_lines.basis_doc = purchases.doc_no or return_lines.basis_number = purchases.doc_number)
    group by 1

),

by_sku as (

    select
        return_lines.sales_line_id,
        arg_max(purchases.doc_no, purchases.sold_on::varchar || purchases.doc_no) as doc_no
    from return_lines
    inner join purchased_skus
        on return_lines.customer_id = purchased_skus.customer_id
        and return_lines.sku = purchased_skus.sku
    inner join purchases
        on purchased_skus.customer_id = purchases.customer_id
        and purchased_skus.doc_no = purchases.doc_no
        and purchases.sold_on <= return_lines.sold_on
    group by 1

),

by_latest as (

    select
        return_lines.sales_line_id,
        arg_max(purchases.doc_no, purchases.sold_on::varchar || purchases.doc_no) as doc_no
    from return_lines
    inner join purchases
        on return_lines.customer_id = purchases.customer_id
        and purchases.sold_on <= return_lines.sold_on
    where return_lines.sku is null
    group by 1

),

matched as (

    select
        lines.sales_line_id,
        lines.customer_id,
        lines.doc_no,
        lines.sold_on as returned_on,
        lines.sku,
        lines.basis_doc as return_basis,
        case
            when lines.is_purchase_document then lines.doc_no
            else coalesce(by_basis.doc_no, by_sku.doc_no, by_latest.doc_no)
        end as return_of_doc_no,
        case
            when lines.is_purchase_document then 'same_document'
            when by_basis.doc_no is not null then 'basis'
            when by_sku.doc_no is not null then 'sku'
            when by_latest.doc_no is not null then 'latest'
        end as matched_by
    from lines
    left join by_basis
        on lines.sales_line_id = by_basis.sales_line_id
    left join by_sku
        on lines.sales_line_id = by_sku.sales_line_id
    left join by_latest
        on lines.sales_line_id = by_latest.sales_line_id
    where lines.is_return

),

final as (

    select
        matched.*,
        purchases.sold_on as return_of_sold_on
    from matched
    left join purchases
        on matched.customer_id = purchases.customer_id
        and matched.return_of_doc_no = purchases.doc_no

)

select * from final
