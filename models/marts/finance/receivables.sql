-- One row per customer invoice: what was paid (int_invoice_payments: by invoice number, else
-- FIFO by payer), what is still owed and how late. As of = the data's as-of date
-- (int_data_calendar: the latest fact in any export). Days overdue count while something is owed past the due date; aging
-- buckets from var('aging_buckets') (days overdue boundaries: [30, 60, 90] gives current,
-- 1–30, 31–60, 61–90, 90+); a settled invoice is in bucket 'paid'. Paid in full on = the day
-- the allocations first covered the amount; paid late = that day is after the due date.
-- A cancelled invoice (stg_payments__invoices.is_cancelled) stays listed, as 'cancelled', and
-- owes nothing: outstanding 0, never overdue, in no aging range (bucket 'cancelled').
{%- set buckets = var('aging_buckets') %}
with

invoices as (

    select * from {{ ref('int_receivable_invoices') }}

),

allocations as (

    select * from {{ ref('int_invoice_payments') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

running_payments as (

    select
        allocations.invoice_no,
        allocations.paid_on,
        allocations.allocated_amount,
        allocations.matched_by,
        sum(allocations.allocated_amount) over (
            partition by allocations.invoice_no
            order by allocations.paid_on, allocations.payment_doc_no, allocations.payment_id
            rows unbounded preceding
        ) as paid_to_date,
        invoices.invoice_amount
    from allocations
    inner join invoices
        on allocations.invoice_no = invoices.invoice_no

),

payments_per_invoice as (

    select
        invoice_no,
        sum(allocated_amount) as paid_amount,
        coalesce(sum(allocated_amount) filter (where matched_by = 'invoice_no'), 0) as paid_by_number,
        coalesce(sum(allocated_amount) filter (where matched_by = 'fifo'), 0) as paid_by_fifo,
        min(paid_on) as first_paid_on,
        max(paid_on) as last_paid_on,
        min(paid_on) filter (where paid_to_date >= invoice_amount) as paid_in_full_on
    from running_payments
    group by 1

),

settled as (

    select
        invoices.*,
        coalesce(payments_per_invoice.paid_amount, 0) as paid_amount,
        coalesce(payments_per_invoice.paid_by_number, 0) as paid_by_number,
        coalesce(payments_per_invoice.paid_by_fifo, 0) as paid_by_fifo,
        case when invoices.is_cancelled then 0 else invoices.invoice_amount - coalesce(payments_per_invoice.paid_amount, 0) end as outstanding,
        payments_per_invoice.first_paid_on,
        payments_per_invoice.last_paid_on,
        -- an invoice for nothing is settled when issued; a cancelled one never is
        case
            when invoices.is_cancelled then null
            when invoices.invoice_amount <= 0 then invoices.issued_on
            else payments_per_invoice.paid_in_full_on
        end as paid_in_full_on,
        calendar.as_of_date
    from invoices
    left join payments_per_invoice
        on invoices.invoice_no = payments_per_invoice.invoice_no
    cross join calendar

),

aged as (

    select
        *,
        case
            when outstanding > 0 and as_of_date > due_on then date_diff('day', due_on, as_of_date)
            else 0
        end as days_overdue
    from settled

),

final as (

    select
        -- ids
        invoice_no,
        customer_id,
        legal_entity_id,
        payer_key as customer_key,
        counterparty_id,
        customer_name,
        customer_inn,
        deal_id,
        manager,

        -- dates
        issued_on,
        due_on,
        first_paid_on,
        last_paid_on,
        paid_in_full_on,
        as_of_date,

        -- money
        currency,
        invoice_amount,
        paid_amount::decimal(18, 2) as paid_amount,
        paid_by_number::decimal(18, 2) as paid_by_number,
        paid_by_fifo::decimal(18, 2) as paid_by_fifo,
        outstanding::decimal(18, 2) as outstanding,

        -- state
        invoice_status,
        is_cancelled,

        -- discipline
        case
            when is_cancelled then 'cancelled'
            when paid_in_full_on is not null and paid_in_full_on < issued_on then 'prepaid'
            when paid_in_full_on is not null and paid_in_full_on <= due_on then 'on_time'
            when paid_in_full_on is not null then 'late'
            when paid_amount > 0 then 'partial'
            else 'unpaid'
        end as payment_status,
        coalesce(paid_in_full_on > due_on, false) as is_paid_late,
        days_overdue > 0 as is_overdue,
        days_overdue,
        case
            when paid_in_full_on is not null then greatest(date_diff('day', due_on, paid_in_full_on), 0)
            else days_overdue
        end as days_late,
        case
            when is_cancelled then 'cancelled'
            when outstanding <= 0 then 'paid'
            when days_overdue <= 0 then 'current'
            {%- for upper in buckets %}
            when days_overdue <= {{ upper }} then '{{ (buckets[loop.index0 - 1] + 1) if loop.index0 > 0 else 1 }}–{{ upper }}'
            {%- endfor %}
            else '{{ buckets | last }}+'
        end as aging_bucket,
        case
            when is_cancelled then -1
            when outstanding <= 0 then 0
            when days_overdue <= 0 then 1
            {%- for upper in buckets %}
            when days_overdue <= {{ upper }} then {{ loop.index + 1 }}
            {%- endfor %}
            else {{ buckets | length + 2 }}
        end as aging_bucket_order

    from aged

)

select * from final
