-- One row per manager × calendar month with any activity, deal, sale or plan. Calls and
-- tasks count in the month they were created, meetings in the month they were held (done);
-- overdue tasks in the month they were due: due before the CRM as-of moment and not done,
-- or done after the due time. Median first response over the deals created that month
-- (int_deal_touches). Deals won in the month they closed. Revenue = the manager's sales
-- lines (fct_sales) that month, returns booked that month netted; plan from the sales plan; plan_pct = 100 × revenue / plan.
-- Names are matched across CRM and accounting on a key (case, ё/е, spaces ignored).
-- A deal without a creation date is in no month's deals_created; a won deal with no close
-- date, stage change or creation date is in no month's deals_won.
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

deals as (

    select * from {{ ref('int_crm_deals') }}

),

touches as (

    select * from {{ ref('int_deal_touches') }}

),

sales as (

    select * from {{ ref('fct_sales') }}

),

sales_plan as (

    select * from {{ ref('stg_accounting__sales_plan') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

-- one pass over the activities: the staging view classifies each row with regular expressions
activity_facts as materialized (

    select manager, activity_type, created_at, due_at, done_at
    from activities
    where manager is not null and activity_type in ('call', 'meeting', 'task')

),

activity_events as (

    select manager, 'call' as counts_as, date_trunc('month', created_at)::date as month, false as is_overdue
    from activity_facts
    where activity_type = 'call'

    union all

    select manager, 'meeting', date_trunc('month', done_at)::date, false
    from activity_facts
    where activity_type = 'meeting' and done_at is not null

    union all

    select manager, 'task_created', date_trunc('month', created_at)::date, false
    from activity_facts
    where activity_type = 'task'

    union all

    select
        activity_facts.manager,
        'task_due',
        date_trunc('month', activity_facts.due_at)::date,
        activity_facts.done_at is null or activity_facts.done_at > activity_facts.due_at
    from activity_facts
    cross join calendar
    where activity_facts.activity_type = 'task' and activity_facts.due_at < calendar.crm_as_of_at

),

revenue_by_name as (

    select manager, sold_month as month, sum(revenue) as revenue
    from sales
    where manager is not null
    group by 1, 2

),

spellings as (

    select manager, count(*) as uses from activity_facts group by 1
    union all
    select manager, count(*) from deals where manager is not null group by 1
    union all
    select manager, count(*) from sales_plan where manager is not null group by 1
    union all
    select manager, count(*) from revenue_by_name group by 1

),

-- the key is worked out once per spelling, not per row
manager_keys as (

    select
        manager,
        squish(fold_case(manager)) as manager_key,
        sum(uses) as uses
    from spellings
    group by 1

),

-- the spelling used most often names the manager
manager_names as (

    select
        manager_key,
        first(manager order by uses desc, manager) as manager
    from manager_keys
    group by 1

),

activity_counts as (

    select
        manager_keys.manager_key,
        activity_events.month,
        count(*) filter (where activity_events.counts_as = 'call') as calls,
        count(*) filter (where activity_events.counts_as = 'meeting') as meetings,
        count(*) filter (where activity_events.counts_as = 'task_created') as tasks_created,
        count(*) filter (where activity_events.counts_as = 'task_due') as tasks_due,
        count(*) filter (where activity_events.counts_as = 'task_due' and activity_events.is_overdue) as tasks_overdue
    from activity_events
    inner join manager_keys
        on activity_events.manager = manager_keys.manager
    group by 1, 2

),

deal_counts as (

    select
        manager_keys.manager_key,
        deals.created_month as month,
        count(*) as deals_created,
        count(touches.first_response_hours) as deals_answered,
        median(touches.first_response_hours) as median_first_response_hours
    from deals
    inner join manager_keys
        on deals.manager = manager_keys.manager
    inner join touches
        on deals.deal_id = touches.deal_id
    where deals.created_month is not null
    group by 1, 2

),

won_counts as (

    select
        manager_keys.manager_key,
        date_trunc('month', coalesce(deals.closed_at, touches.last_stage_change_at))::date as month,
        count(*) as deals_won,
        sum(deals.deal_amount) as won_value
    from deals
    inner join manager_keys
        on deals.manager = manager_keys.manager
    inner join touches
        on deals.deal_id = touches.deal_id
    where deals.deal_status = 'won'
        and coalesce(deals.closed_at, touches.last_stage_change_at) is not null
    group by 1, 2

),

revenue as (

    select
        manager_keys.manager_key,
        revenue_by_name.month,
        sum(revenue_by_name.revenue) as revenue
    from revenue_by_name
    inner join manager_keys
        on revenue_by_name.manager = manager_keys.manager
    group by 1, 2

),

plans as (

    select
        manager_keys.manager_key,
        sales_plan.plan_month as month,
        sum(sales_plan.plan_amount) as plan
    from sales_plan
    inner join manager_keys
        on sales_plan.manager = manager_keys.manager
    group by 1, 2

),

manager_months as (

    select manager_key, month from activity_counts
    union
    select manager_key, month from deal_counts
    union
    select manager_key, month from won_counts
    union
    select manager_key, month from revenue
    union
    select manager_key, month from plans

),

final as (

    select
        manager_names.manager,
        manager_months.manager_key,
        manager_months.month,
        coalesce(activity_counts.calls, 0) as calls,
        coalesce(activity_counts.meetings, 0) as meetings,
        coalesce(activity_counts.tasks_created, 0) as tasks_created,
        coalesce(activity_counts.tasks_due, 0) as tasks_due,
        coalesce(activity_counts.tasks_overdue, 0) as tasks_overdue,
        coalesce(deal_counts.deals_created, 0) as deals_created,
        coalesce(deal_counts.deals_answered, 0) as deals_answered,
        round(deal_counts.median_first_response_hours, 2) as median_first_response_hours,
        coalesce(won_counts.deals_won, 0) as deals_won,
        coalesce(won_counts.won_value, 0)::decimal(18, 2) as won_value,
        coalesce(revenue.revenue, 0)::decimal(18, 2) as revenue,
        plans.plan::decimal(18, 2) as plan,
        round(100 * coalesce(revenue.revenue, 0) / nullif(plans.plan, 0), 2)::double as plan_pct
    from manager_months
    inner join manager_names
        on manager_months.manager_key = manager_names.manager_key
    left join activity_counts
        on manager_months.manager_key = activity_counts.manager_key
        and manager_months.month = activity_counts.month
    left join deal_counts
        on manager_months.manager_key = deal_counts.manager_key
        and manager_months.month = deal_counts.month
    left join won_counts
        on manager_months.manager_key = won_counts.manager_key
        and manager_months.month = won_counts.month
    left join revenue
        on manager_months.manager_key = revenue.manager_key
        and manager_months.month = revenue.month
    left join plans
        on manager_months.manager_key = plans.manager_key
        and manager_months.month = plans.month

)

select * from final
