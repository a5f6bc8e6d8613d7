-- One row per incoming payment × invoice it pays (an allocation). First by number: a
-- payment naming an invoice (int_payment_invoices: its column or «счёт № … от …» in the
-- purpose) pays that invoice, oldest payment first, up to what is still owed. What is left of
-- every payment then pays the payer's open invoices first in, first out: the oldest issued
-- invoice first, whatever the payment's date (an early payment is an advance). Payments and
-- invoices meet on the payer key (customer, else INN); FIFO is the overlap of the two running
-- totals. Only incoming money pays invoices: outgoing payments (to suppliers, even naming an
-- invoice number of ours) and transfers between our own accounts never do. Currency is not
-- converted: one currency is assumed. A payment with no payer and no known invoice stays
-- unallocated. Cancelled invoices are owed nothing and take nothing.
with

-- a cancelled invoice takes no payment: money naming it pays the payer's open invoices
invoices as (

    select * from {{ ref('int_receivable_invoices') }}
    where not is_cancelled

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

payment_customers as (

    select * from {{ ref('int_payment_customers') }}

),

payment_invoices as (

    select * from {{ ref('int_payment_invoices') }}

),

incoming as (

    select
        bank_payments.payment_id,
        bank_payments.payment_doc_no,
        bank_payments.paid_on,
        bank_payments.amount,
        payment_invoices.invoice_no as named_invoice_no,
        coalesce(
            payment_customers.customer_id,
            'inn:' || bank_payments.payer_inn,
            'name:' || lower(bank_payments.payer_name)
        ) as payer_key
    from bank_payments
    left join payment_customers
        on bank_payments.payment_id = payment_customers.payment_id
    left join payment_invoices
        on bank_payments.payment_id = payment_invoices.payment_id
    where bank_payments.direction = 'incoming'

),

named as (

    select
        incoming.payment_id,
        incoming.payment_doc_no,
        incoming.paid_on,
        invoices.invoice_no,
        incoming.amount,
        invoices.invoice_amount,
        coalesce(
            sum(incoming.amount) over (
                partition by invoices.invoice_no
                order by incoming.paid_on, incoming.payment_doc_no, incoming.payment_id
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as named_before
    from incoming
    inner join invoices
        on incoming.named_invoice_no = invoices.invoice_no

),

by_number as (

    select
        payment_id,
        payment_doc_no,
        paid_on,
        invoice_no,
        least(amount, greatest(invoice_amount - named_before, 0)) as allocated_amount,
        'invoice_no' as matched_by
    from named
    where invoice_amount - named_before > 0

),

-- a payment names at most one invoice, so it has at most one allocation by number
payments_left as (

    select
        incoming.payment_id,
        incoming.payment_doc_no,
        incoming.paid_on,
        incoming.payer_key,
        incoming.amount - coalesce(by_number.allocated_amount, 0) as amount_left
    from incoming
    left join by_number
        on incoming.payment_id = by_number.payment_id

),

paid_by_number as (

    select
        invoice_no,
        sum(allocated_amount) as allocated_amount
    from by_number
    group by 1

),

invoices_left as (

    select
        invoices.invoice_no,
        invoices.payer_key,
        invoices.issued_on,
        invoices.due_on,
        invoices.invoice_amount - coalesce(paid_by_number.allocated_amount, 0) as amount_left
    from invoices
    left join paid_by_number
        on invoices.invoice_no = paid_by_number.invoice_no

),

open_invoices as (

    select
        invoice_no,
        payer_key,
        amount_left,
        sum(amount_left) over (
            partition by payer_key
            order by issued_on, due_on, invoice_no
            rows unbounded preceding
        ) as running_end
    from invoices_left
    where amount_left > 0 and payer_key is not null

),

credits as (

    select
        payment_id,
        payment_doc_no,
        paid_on,
        payer_key,
        amount_left,
        sum(amount_left) over (
            partition by payer_key
            order by paid_on, payment_doc_no, payment_id
            rows unbounded preceding
        ) as running_end
    from payments_left
    where amount_left > 0 and payer_key is not null

),

by_fifo as (

    select
        credits.payment_id,
        credits.payment_doc_no,
        credits.paid_on,
        open_invoices.invoice_no,
        least(open_invoices.running_end, credits.running_end)
            - greatest(open_invoices.running_end - open_invoices.amount_left, credits.running_end - credits.amount_left)
            as allocated_amount,
        'fifo' as matched_by
    from open_invoices
    inner join credits
        on open_invoices.payer_key = credits.payer_key
        and open_invoices.running_end - open_invoices.amount_left < credits.running_end
        and credits.running_end - credits.amount_left < open_invoices.running_end

),

allocations as (

    select * from by_number
    union all
    select * from by_fifo

),

final as (

    select
        payment_id,
        payment_doc_no,
        paid_on,
        invoice_no,
        allocated_amount::decimal(18, 2) as allocated_amount,
        matched_by
    from allocations

)

select * from final
