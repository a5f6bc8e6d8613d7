-- One row: the data's own calendar for readers outside the models (segments, pages), so
-- they count "N days ago" from the same day the marts do — never the wall clock.
with

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

final as (

    select
        -- as of
        as_of_date,
        as_of_at,
        crm_as_of_at,

        -- sales history
        first_sale_on,
        last_sale_on,
        last_full_month,
        first_forecast_month
    from calendar

)

select * from final
