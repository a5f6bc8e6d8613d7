-- One row per CRM activity (call, meeting, task, e-mail): the customer it concerns (through
-- its counterparty, else through its deal: int_activity_customers), the manager who owns it, and whether it is
-- overdue. Overdue follows manager_kpi and concerns tasks only (a meeting is marked done when
-- it ends, after its start): due before the CRM as-of moment and not done by then, or done
-- after its due time; is_open_overdue keeps only the tasks still not done.
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

activity_customers as (

    select * from {{ ref('int_activity_customers') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

final as (

    select
        -- ids
        activities.activity_id,
        activity_customers.customer_id,
        activities.counterparty_id,
        activities.deal_id,

        -- activity
        activities.activity_type,
        activities.activity_type_raw,
        activities.call_direction,
        activities.duration_sec,
        activities.result,
        activities.manager,

        -- timestamps
        activities.created_at,
        activities.created_at::date as created_on,
        activities.due_at,
        activities.done_at,

        -- status
        activities.done_at is not null and activities.done_at <= calendar.crm_as_of_at as is_done,
        coalesce(
            activities.activity_type = 'task'
                and activities.due_at < calendar.crm_as_of_at
                and (activities.done_at is null or activities.done_at > activities.due_at),
            false
        ) as is_overdue,
        coalesce(
            activities.activity_type = 'task'
                and activities.due_at < calendar.crm_as_of_at
                and (activities.done_at is null or activities.done_at > calendar.crm_as_of_at),
            false
        ) as is_open_overdue,
        case
            when activities.activity_type = 'task'
                and activities.due_at < calendar.crm_as_of_at
                and (activities.done_at is null or activities.done_at > calendar.crm_as_of_at)
                then floor(date_diff('second', activities.due_at, calendar.crm_as_of_at) / 86400)::integer
        end as days_overdue

    from activities
    inner join activity_customers
        on activities.activity_id = activity_customers.activity_id
    cross join calendar

)

select * from final
