-- One row (none without sales): the calendar every forecast and stock model shares.
-- The last full month is the month of the latest sale when the data reaches that month's
-- last day, else the month before — never today's date, so an old export behaves the same
-- on any day. Forecasts start the month after it.
with

sales as (

    select * from {{ ref('fct_sales') }}

),

bounds as (

    select
        min(sold_on) as first_sale_on,
        max(sold_on) as last_sale_on
    from sales

),

with_last_full_month as (

    select
        first_sale_on,
        last_sale_on,
        date_trunc('month', first_sale_on)::date as first_sale_month,
        case
            when last_sale_on = last_day(last_sale_on) then date_trunc('month', last_sale_on)
            else date_trunc('month', last_sale_on) - interval 1 month
        end::date as last_full_month
    from bounds
    where last_sale_on is not null

),

final as (

    select
        first_sale_on,
        last_sale_on,
        first_sale_month,
        last_full_month,
        (last_full_month + interval 1 month)::date as first_forecast_month,
        (date_diff('month', first_sale_month, last_full_month) + 1)::integer as full_months
    from with_last_full_month

)

select * from final
