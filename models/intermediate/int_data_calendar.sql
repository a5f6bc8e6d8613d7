-- One row: the data's own calendar, which every model judges time by instead of today's
-- date, so an old export gives the same figures on any day.
-- As of = the latest fact in the exports: a sale, incoming payment, invoice issued, deal
-- created, updated or closed, stage change, activity created or done. Never a due date, a
-- plan month, a receipt still to come or any other field that may lie ahead.
-- The CRM's own moment is kept beside it: overdue tasks, unattended leads, stalled deals and
-- "activities after now are plans" are judged by what the CRM export could have recorded,
-- so an accounting export taken days after the CRM one does not turn the CRM's open work
-- into missed work.
-- Last full month: the latest sale's month when nothing but its closing non-working days
-- (Saturday, Sunday) is missing after that sale, else the month before. Forecasts start
-- the month after it.
with

sales as (

    select * from {{ ref('stg_accounting__sales') }}

),

bank_payments as (

    select * from {{ ref('stg_payments__bank_payments') }}

),

invoices as (

    select * from {{ ref('stg_payments__invoices') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

sales_bounds as (

    select
        min(sold_on) as first_sale_on,
        max(sold_on) as last_sale_on
    from sales

),

crm_moments as (

    -- an open deal's close date can only be a plan
    select max(greatest(
        created_at,
        updated_at,
        case when deal_status in ('won', 'lost') then closed_at end
    )) as moment
    from deals
    union all
    select max(entered_at) from deal_stages
    union all
    select max(greatest(created_at, done_at)) from activities

),

crm_as_of as (

    select max(moment) as crm_as_of_at
    from crm_moments

),

-- a date-only fact counts from the start of its day
fact_moments as (

    select crm_as_of_at as moment from crm_as_of
    union all
    select last_sale_on::timestamp from sales_bounds
    union all
    select max(paid_on)::timestamp from bank_payments
    union all
    select max(issued_on)::timestamp from invoices

),

as_of as (

    select max(moment) as as_of_at
    from fact_moments

),

sales_months as (

    select
        first_sale_on,
        last_sale_on,
        date_trunc('month', first_sale_on)::date as first_sale_month,
        -- only Saturday and Sunday left after the latest sale: from a Friday up to two days,
        -- from a Saturday one
        last_day(last_sale_on) = last_sale_on
            or (isodow(last_sale_on) = 5 and last_day(last_sale_on) - last_sale_on <= 2)
            or (isodow(last_sale_on) = 6 and last_day(last_sale_on) - last_sale_on <= 1)
            as is_last_sale_month_full
    from sales_bounds

),

with_last_full_month as (

    select
        *,
        case
            when is_last_sale_month_full then date_trunc('month', last_sale_on)
            else date_trunc('month', last_sale_on) - interval 1 month
        end::date as last_full_month
    from sales_months

),

final as (

    select
        -- as of
        as_of.as_of_at::date as as_of_date,
        as_of.as_of_at,
        crm_as_of.crm_as_of_at,

        -- sales history
        with_last_full_month.first_sale_on,
        with_last_full_month.last_sale_on,
        with_last_full_month.first_sale_month,
        date_trunc('month', with_last_full_month.last_sale_on)::date as last_sale_month,
        with_last_full_month.is_last_sale_month_full,
        with_last_full_month.last_full_month,
        (with_last_full_month.last_full_month + interval 1 month)::date as first_forecast_month,
        (date_diff('month', with_last_full_month.first_sale_month, with_last_full_month.last_full_month) + 1)::integer
            as full_months
    from as_of
    cross join crm_as_of
    cross join with_last_full_month

)

select * from final
