-- One row per customer invoice with the keys payments are matched on: the number key (1C
-- pads numbers with zeros that a payment purpose drops, so an all-digit number loses its
-- leading zeros; other numbers compare upper-cased) and the payer key FIFO allocation runs
-- over — the resolved customer, else the INN, else the counterparty code, else the name.
with

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

invoice_customers as (

    select * from {{ ref('int_invoice_customers') }}

),

keyed as (

    select
        -- ids
        invoices.invoice_no,
        case
            when regexp_full_match(invoices.invoice_no, '[0-9]+') then nullif(ltrim(invoices.invoice_no, '0'), '')
            else upper(invoices.invoice_no)
        end as invoice_key,
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

        -- dates
        invoices.issued_on,
        invoices.due_on

    from invoices
    left join invoice_customers
        on invoices.invoice_no = invoice_customers.invoice_no

)

select * from keyed
