-- One row per bank statement line: the customer who paid. A payment that names an invoice
-- (its own column or "счёт № …" in the purpose) belongs to that invoice's customer;
-- otherwise the payer's INN or name finds the record. Outgoing payments have no customer.
with

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

invoice_customers as (

    select * from {{ ref('int_invoice_customers') }}

),

payment_mentions as (

    select * from mentions where source = 'payment'

),

resolved as (

    select
        bank_payments.payment_doc_no,
        bank_payments.paid_on,
        bank_payments.invoice_no,
        case when bank_payments.amount > 0 then coalesce(invoice_customers.customer_id, customer_records.customer_id) end as customer_id,
        case when bank_payments.amount > 0 then coalesce(invoice_customers.legal_entity_id, customer_records.record_id) end as legal_entity_id,
        case
            when bank_payments.amount <= 0 then 'outgoing'
            when invoice_customers.customer_id is not null then 'invoice'
            when customer_records.customer_id is not null and bank_payments.payer_inn is not null then 'payer_inn'
            when customer_records.customer_id is not null then 'payer_name'
            else 'unmatched'
        end as matched_by
    from bank_payments
    left join invoice_customers
        on bank_payments.invoice_no = invoice_customers.invoice_no
    -- (no amount condition here: it would turn the hash join into a nested loop)
    left join payment_mentions
        on bank_payments.payer_inn is not distinct from payment_mentions.inn
        and bank_payments.payer_name is not distinct from payment_mentions.raw_name
    left join customer_records
        on payment_mentions.record_id = customer_records.record_id

)

select * from resolved
