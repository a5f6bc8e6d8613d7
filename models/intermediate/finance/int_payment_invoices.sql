-- One row per incoming bank payment that names one of our invoices (its invoice column, or
-- «по счету № 15 от 01.03.2024» in the purpose as staging reads it): the invoice it names.
-- Numbers meet on their key (int_invoice_number_keys: 1C's zero padding dropped). 1C numbers
-- invoices anew every year, so one key may name several invoices: the date in the purpose then
-- picks the one issued that day. A number that still names several invoices, or none, names
-- nothing (the payment is then allocated by payer, FIFO).
with

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

number_keys as (

    select * from {{ ref('int_invoice_number_keys') }}

),

named_payments as (

    select
        bank_payments.payment_id,
        bank_payments.invoice_date,
        number_keys.invoice_key
    from bank_payments
    inner join number_keys
        on bank_payments.invoice_no = number_keys.invoice_no
    where bank_payments.direction = 'incoming'

),

keyed_invoices as (

    select
        invoices.invoice_no,
        invoices.issued_on,
        number_keys.invoice_key
    from invoices
    inner join number_keys
        on invoices.invoice_no = number_keys.invoice_no

),

candidates as (

    select
        named_payments.payment_id,
        keyed_invoices.invoice_no,
        coalesce(named_payments.invoice_date = keyed_invoices.issued_on, false) as date_agrees
    from named_payments
    inner join keyed_invoices
        on named_payments.invoice_key = keyed_invoices.invoice_key

),

-- the candidates whose date agrees, when any does; all of them otherwise
best as (

    select *
    from candidates
    qualify date_agrees = max(date_agrees) over (partition by payment_id)

),

final as (

    select
        payment_id,
        invoice_no,
        case when date_agrees then 'number_and_date' else 'number' end as matched_on
    from best
    qualify count(*) over (partition by payment_id) = 1

)

select * from final
