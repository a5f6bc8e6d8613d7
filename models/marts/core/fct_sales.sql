-- One row per sales line, with the resolved customer, product category and the
-- customer's acquisition channel and first month of purchase (new vs returning revenue by
-- month without joining a million customers on every dashboard view). Returns are lines
-- too (negative quantity, revenue and cost), marked and tied to the sale they return, so
-- every sum over this table is net. Assembled in int_sales_lines.
with

sales_lines as (

    select * from {{ ref('int_sales_lines') }}

)

select * from sales_lines
