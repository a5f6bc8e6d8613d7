-- One row per unattended lead: a deal with no manager, or not answered within
-- var('unattended_lead_hours') hours of its creation — answered late, or not answered at all
-- although that many hours have passed by the CRM's as-of moment (int_data_calendar). First response
-- as in int_deal_touches (the CRM's field, else the first call, meeting or e-mail). Closed
-- deals stay listed (is_open tells) so response discipline can be reviewed after the fact.
{%- set response_hours = var('unattended_lead_hours') %}
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

touches as (

    select * from {{ ref('int_deal_touches') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

flagged as (

    select
        deals.*,
        touches.first_response_at,
        touches.first_response_source,
        touches.first_response_hours,
        touches.activities,
        calendar.crm_as_of_at as as_of_at,
        deals.manager is null as has_no_manager,
        -- without a creation date the wait cannot be measured: not listed for it
        coalesce(
            touches.first_response_at is null
                and date_diff('second', deals.created_at, calendar.crm_as_of_at) >= {{ response_hours }} * 3600,
            false
        ) as has_no_response,
        touches.first_response_hours > {{ response_hours }} as is_late_response
    from deals
    inner join touches
        on deals.deal_id = touches.deal_id
    cross join calendar

),

final as (

    select
        -- ids
        deal_id,
        customer_id,
        counterparty_id,

        -- deal
        deal_title,
        deal_amount,
        pipeline,
        current_stage as stage,
        deal_status,
        deal_status = 'open' as is_open,
        source_channel,
        manager,

        -- response
        created_at,
        first_response_at,
        first_response_source,
        first_response_hours,
        activities,
        has_no_manager,
        has_no_response,
        coalesce(is_late_response, false) as is_late_response,
        case
            when has_no_manager then 'no_manager'
            when has_no_response then 'no_response'
            else 'late_response'
        end as reason,
        as_of_at

    from flagged
    where has_no_manager or has_no_response or is_late_response

)

select * from final
