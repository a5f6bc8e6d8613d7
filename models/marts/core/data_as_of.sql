-- One row per export family (crm, payments, stock, accounting): the latest fact the marts
-- were built from, so every dashboard can say how current each part of it is. The facts are
-- int_data_calendar's (a sale, a payment or invoice issued, a CRM change or activity; never a
-- due date or a plan), and for stock the latest balance snapshot or receipt.
with

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

stock_balances as (

    select * from {{ ref('stg_stock__balances') }}

),

stock_receipts as (

    select * from {{ ref('stg_stock__receipts') }}

),

payment_moments as (

    select max(paid_on) as latest_on from bank_payments
    union all
    select max(issued_on) from invoices

),

stock_moments as (

    select max(snapshot_date) as latest_on from stock_balances
    union all
    select max(received_on) from stock_receipts

),

family_moments as (

    select 'crm' as family, crm_as_of_at as latest_fact_at from calendar
    union all
    select 'accounting', last_sale_on::timestamp from calendar
    union all
    select 'payments', max(latest_on)::timestamp from payment_moments
    union all
    select 'stock', max(latest_on)::timestamp from stock_moments

),

final as (

    select
        family,
        latest_fact_at::date as latest_data_on,
        latest_fact_at
    from family_moments

)

select * from final
