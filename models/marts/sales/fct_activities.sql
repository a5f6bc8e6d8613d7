-- One row per CRM activity (call, meeting, task, e-mail): the customer it concerns (through
-- its counterparty, else through its deal), the manager who owns it, and whether it is
-- overdue. Overdue follows manager_kpi and concerns tasks only (a meeting is marked done when
-- it ends, after its start): due before the CRM as-of moment and not done by then, or done
-- after its due time; is_open_overdue keeps only the tasks still not done.
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

codes as (

    select * from {{ ref('int_counterparty_codes') }}

),

customer_records as (

    select * from {{ ref('int_customer_records') }}

),

deal_customers as (

    select * from {{ ref('int_deal_customers') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

final as (

    select
        -- ids
        activities.activity_id,
        coalesce(customer_records.customer_id, deal_customers.customer_id) as customer_id,
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
    left join codes
        on activities.counterparty_id = codes.code
    left join customer_records
        on codes.record_id = customer_records.record_id
    left join deal_customers
        on activities.deal_id = deal_customers.deal_id
    cross join calendar

)

select * from final
