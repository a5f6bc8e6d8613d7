-- One row per customer invoice with the keys payments are matched on: the number key
-- (int_invoice_number_keys) and the payer key FIFO allocation runs over — the resolved
-- customer, else the INN, else the counterparty code, else the name.
with

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

invoice_customers as (

    select * from {{ ref('int_invoice_customers') }}

),

number_keys as (

    select * from {{ ref('int_invoice_number_keys') }}

),

keyed as (

    select
        -- ids
        invoices.invoice_no,
        number_keys.invoice_key,
        coalesce(
            invoice_customers.customer_id,
            'inn:' || invoices.customer_inn,
            'cp:' || invoices.counterparty_id,
            'name:' || lower(invoices.customer_name)
        ) as payer_key,
        invoice_customers.customer_id,
        invoice_customers.legal_entity_id,
        invoices.counterparty_id,
        invoices.customer_name,
        invoices.customer_inn,
        invoices.deal_id,
        invoices.manager,

        -- money
        invoices.invoice_amount,
        invoices.currency,

        -- state
        invoices.invoice_status,
        invoices.is_cancelled,

        -- dates
        invoices.issued_on,
        invoices.due_on

    from invoices
    left join invoice_customers
        on invoices.invoice_no = invoice_customers.invoice_no
    left join number_keys
        on invoices.invoice_no = number_keys.invoice_no

)

select * from keyed
