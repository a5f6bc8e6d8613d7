-- One row per customer invoice: the resolved customer and the counterparty record (legal
-- entity) invoiced — by the invoice's counterparty code, else its INN, else its name.
with

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

invoice_mentions as (

    select * from mentions where source = 'invoice'

),

resolved as (

    select
        invoices.invoice_no,
        customer_records.customer_id,
        customer_records.record_id as legal_entity_id
    from invoices
    inner join invoice_mentions
        on invoices.counterparty_id is not distinct from invoice_mentions.code
        and invoices.customer_inn is not distinct from invoice_mentions.inn
        and invoices.customer_name is not distinct from invoice_mentions.raw_name
    inner join customer_records
        on invoice_mentions.record_id = customer_records.record_id

)

select * from resolved
