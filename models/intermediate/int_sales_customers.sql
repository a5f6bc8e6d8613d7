-- One row per sales line: the resolved customer and the counterparty record (legal
-- entity) on it, with the customer's first channel and city. A line names its
-- counterparty by code, else by INN, else by name (and city); int_counterparty_mentions
-- holds the record each such spelling belongs to.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

sales_mentions as (

    select * from mentions where source = 'sales'

),

resolved as (

    select
        sales.sales_line_id,
        customer_records.customer_id,
        customer_records.record_id as legal_entity_id,
        customers.first_channel as acquisition_channel,
        customers.city
    from sales
    inner join sales_mentions
        on sales.counterparty_id is not distinct from sales_mentions.code
        and sales.customer_inn is not distinct from sales_mentions.inn
        and sales.customer_name is not distinct from sales_mentions.raw_name
        and sales.city is not distinct from sales_mentions.city
    inner join customer_records
        on sales_mentions.record_id = customer_records.record_id
    inner join customers
        on customer_records.customer_id = customers.customer_id

)

select * from resolved
