-- One row per bank statement line: the customer who paid. Only incoming money has one: a
-- payment that names one of our invoices (int_payment_invoices) belongs to that invoice's
-- customer; otherwise the payer's INN, else their name, finds the record. Outgoing payments
-- (to suppliers, even when a supplier's INN is a customer's) and transfers between our own
-- accounts have none: they are kept in staging for the finance models, never as a customer's.
with

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

payment_invoices as (

    select * from {{ ref('int_payment_invoices') }}

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

incoming_resolved as (

    select
        bank_payments.payment_id,
        coalesce(invoice_customers.customer_id, customer_records.customer_id) as customer_id,
        coalesce(invoice_customers.legal_entity_id, customer_records.record_id) as legal_entity_id,
        case
            when invoice_customers.customer_id is not null then 'invoice'
            when customer_records.customer_id is not null and bank_payments.payer_inn is not null then 'payer_inn'
            when customer_records.customer_id is not null then 'payer_name'
            else 'unmatched'
        end as matched_by
    from bank_payments
    left join payment_invoices
        on bank_payments.payment_id = payment_invoices.payment_id
    left join invoice_customers
        on payment_invoices.invoice_no = invoice_customers.invoice_no
    left join payment_mentions
        on bank_payments.payer_inn is not distinct from payment_mentions.inn
        and bank_payments.payer_name is not distinct from payment_mentions.raw_name
    left join customer_records
        on payment_mentions.record_id = customer_records.record_id
    where bank_payments.direction = 'incoming'

),

final as (

    select
        bank_payments.payment_id,
        bank_payments.payment_doc_no,
        bank_payments.paid_on,
        bank_payments.direction,
        bank_payments.invoice_no,
        incoming_resolved.customer_id,
        incoming_resolved.legal_entity_id,
        coalesce(incoming_resolved.matched_by, bank_payments.direction) as matched_by
    from bank_payments
    left join incoming_resolved
        on bank_payments.payment_id = incoming_resolved.payment_id

)

select * from final
