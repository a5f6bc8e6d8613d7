-- One row per invoice number as written on an invoice or named by an incoming payment (its
-- column, or «счёт № …» in the purpose as staging reads it), with the key the two are
-- matched on: 1C pads numbers with zeros that a payment purpose drops, so an all-digit
-- number loses its leading zeros; other numbers compare upper-cased.
with

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

numbers as (

    select invoice_no from invoices
    union
    -- (an outgoing payment names a supplier's invoice: not ours to match)
    select invoice_no from bank_payments where direction = 'incoming'

),

final as (

    select
        invoice_no,
        case
            when regexp_full_match(invoice_no, '[0-9]+') then nullif(ltrim(invoice_no, '0'), '')
            else upper(invoice_no)
        end as invoice_key
    from numbers
    where invoice_no is not null

)

select * from final
