-- One row per CRM deal: when it was last touched (stage change or activity; its creation
-- counts as the first touch), whole days since then to the CRM's as-of moment, and when it
-- was first answered. First response = the CRM's own first-response time when the export has it,
-- else the first call, meeting or e-mail logged on the deal at or after its creation (exports
-- without the column still get a response time). Activities after the as-of moment are
-- plans, not touches (int_data_calendar.crm_as_of_at).
-- A deal whose creation date is unknown has no first touch of its own: with no stage change
-- or activity either, its last touch and days without touch are unknown (null), and its
-- response time cannot be measured (first_response_hours null; the first call, meeting or
-- e-mail on it still counts as its first response).
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

stage_changes as (

    select
        deal_id,
        count(*) as stage_changes,
        max(entered_at) as last_stage_change_at
    from deal_stages
    group by 1

),

deal_activities as (

    select
        activities.deal_id,
        count(*) as activities,
        max(
            case
                when activities.done_at <= calendar.crm_as_of_at then greatest(activities.created_at, activities.done_at)
                else activities.created_at
            end
        ) as last_activity_at,
        min(activities.created_at) filter (
            where activities.activity_type in ('call', 'meeting', 'email')
                and (deals.created_at is null or activities.created_at >= deals.created_at)
        ) as first_contact_at
    from activities
    inner join deals
        on activities.deal_id = deals.deal_id
    cross join calendar
    where activities.created_at <= calendar.crm_as_of_at
    group by 1

),

touched as (

    select
        deals.deal_id,
        coalesce(stage_changes.stage_changes, 0) as stage_changes,
        coalesce(stage_changes.last_stage_change_at, deals.created_at) as last_stage_change_at,
        coalesce(deal_activities.activities, 0) as activities,
        deal_activities.last_activity_at,
        greatest(
            deals.created_at,
            stage_changes.last_stage_change_at,
            deal_activities.last_activity_at
        ) as last_touch_at,
        coalesce(deals.first_response_at, deal_activities.first_contact_at) as first_response_at,
        case
            when deals.first_response_at is not null then 'crm_field'
            when deal_activities.first_contact_at is not null then 'activity'
        end as first_response_source,
        round(
            date_diff('second', deals.created_at, coalesce(deals.first_response_at, deal_activities.first_contact_at)) / 3600.0,
            2
        ) as first_response_hours
    from deals
    left join stage_changes
        on deals.deal_id = stage_changes.deal_id
    left join deal_activities
        on deals.deal_id = deal_activities.deal_id

),

final as (

    select
        touched.deal_id,
        touched.stage_changes,
        touched.last_stage_change_at,
        touched.activities,
        touched.last_activity_at,
        touched.last_touch_at,
        floor(date_diff('second', touched.last_touch_at, calendar.crm_as_of_at) / 86400)::integer as days_without_touch,
        touched.first_response_at,
        touched.first_response_source,
        touched.first_response_hours
    from touched
    cross join calendar

)

select * from final
