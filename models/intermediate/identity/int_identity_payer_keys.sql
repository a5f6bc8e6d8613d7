-- One row per counterparty record and bank payer record that paid its invoices (the payer's
-- own record included): the payer's record id is the key they share.
with

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

mentions as (

    select * from {{ ref('int_counterparty_mentions') }}

),

-- A bank payer (by INN or name) that pays the invoices of one customer record is a legal
-- entity of that customer — the way private buyers paying by SBP ("Нина Григорьевна Т.")
-- are found at all. The key is the payer record; int_identity_links uses it only when
-- the payer paid the invoices of exactly one record (a factoring firm paying for many
-- customers must not chain them together).
paid_invoices as (

    select distinct
        payer.record_id as payer_record_id,
        invoiced.record_id as invoiced_record_id,
        bank_payments.invoice_no
    from bank_payments
    inner join invoices
        on bank_payments.invoice_no = invoices.invoice_no
    inner join mentions as invoiced
        on invoiced.source = 'invoice'
        and invoices.counterparty_id is not distinct from invoiced.code
        and invoices.customer_inn is not distinct from invoiced.inn
        and invoices.customer_name is not distinct from invoiced.raw_name
    inner join mentions as payer
        on payer.source = 'payment'
        and bank_payments.payer_inn is not distinct from payer.inn
        and bank_payments.payer_name is not distinct from payer.raw_name
    where bank_payments.direction = 'incoming'

),

payer_keys as (

    select
        record_id as owner_id,
        'record' as owner_type,
        record_id,
        'paid_invoice' as key_type,
        payer_record_id as key_value,
        min(invoice_no) as raw_value,
        'invoice_no' as source_field,
        true as is_valid,
        null::varchar as problem
    from (
        select payer_record_id as record_id, payer_record_id, invoice_no from paid_invoices
        union all
        select invoiced_record_id, payer_record_id, invoice_no from paid_invoices
    )
    group by record_id, payer_record_id

)

select * from payer_keys
