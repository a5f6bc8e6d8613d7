-- One row per paying customer (the receivables' customer key: the resolved customer, else
-- the invoice's INN / code / name). An invoice is judged once it is settled or its due date
-- has passed; on time = settled by the due date (a prepayment is on time); late = settled
-- after it or still owed past it. Average days late over the late invoices only. DSO =
-- outstanding / invoices issued in the last 90 days to the as-of date × 90 (null without
-- such sales). Class: 'new' with nothing judged yet; 'bad' when something is overdue more
-- than var('discipline_bad_overdue_days') days or under var('discipline_bad_on_time_pct') %
-- was on time; 'late' when something is overdue now or under
-- var('discipline_good_on_time_pct') % was on time; otherwise 'good'.
with

-- a cancelled invoice was never owed: it is judged neither on time nor late, nor issued for DSO
receivables as (

    select * from {{ ref('receivables') }}
    where not is_cancelled

),

customers as (

    select * from {{ ref('int_customer_attributes') }}

),

judged as (

    select
        *,
        paid_in_full_on is not null or due_on < as_of_date as is_judged,
        paid_in_full_on is not null and paid_in_full_on <= due_on as is_on_time
    from receivables

),

per_customer as (

    select
        customer_key,
        any_value(customer_id) as customer_id,
        arg_max(customer_name, issued_on) as invoice_name,
        max(as_of_date) as as_of_date,
        count(*) as invoices,
        sum(invoice_amount) as invoiced_amount,
        count(*) filter (where is_judged) as invoices_judged,
        count(*) filter (where is_judged and is_on_time) as invoices_on_time,
        count(*) filter (where is_judged and not is_on_time) as invoices_late,
        avg(days_late) filter (where is_judged and not is_on_time) as avg_days_late,
        max(days_overdue) as max_days_overdue,
        sum(outstanding) as outstanding,
        coalesce(sum(outstanding) filter (where is_overdue), 0) as overdue,
        coalesce(sum(invoice_amount) filter (where issued_on > as_of_date - 90), 0) as credit_sales_90d,
        max(issued_on) as last_invoice_on
    from judged
    group by 1

),

final as (

    select
        per_customer.customer_key,
        per_customer.customer_id,
        coalesce(customers.customer_name, per_customer.invoice_name) as customer_name,
        per_customer.invoices,
        per_customer.invoiced_amount::decimal(18, 2) as invoiced_amount,
        per_customer.invoices_judged,
        per_customer.invoices_on_time,
        per_customer.invoices_late,
        round(100.0 * per_customer.invoices_on_time / nullif(per_customer.invoices_judged, 0), 2) as paid_on_time_pct,
        round(per_customer.avg_days_late, 1) as avg_days_late,
        per_customer.max_days_overdue,
        per_customer.outstanding::decimal(18, 2) as outstanding,
        per_customer.overdue::decimal(18, 2) as overdue,
        per_customer.credit_sales_90d::decimal(18, 2) as credit_sales_90d,
        round(per_customer.outstanding / nullif(per_customer.credit_sales_90d, 0) * 90, 1)::double as dso_days,
        case
            when per_customer.invoices_judged = 0 then 'new'
            when per_customer.max_days_overdue > {{ var('discipline_bad_overdue_days') }}
                or 100.0 * per_customer.invoices_on_time / per_customer.invoices_judged < {{ var('discipline_bad_on_time_pct') }}
                then 'bad'
            when per_customer.max_days_overdue > 0
                or 100.0 * per_customer.invoices_on_time / per_customer.invoices_judged < {{ var('discipline_good_on_time_pct') }}
                then 'late'
            else 'good'
        end as discipline_class,
        per_customer.last_invoice_on,
        per_customer.as_of_date
    from per_customer
    left join customers
        on per_customer.customer_id = customers.customer_id

)

select * from final
